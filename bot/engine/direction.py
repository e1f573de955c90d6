"""Which way a question asks: from the region to Moscow or from Moscow to the region.

A fact says its direction (`to_moscow`: supplies, residents treated in Moscow, the region's
companies in Moscow's procurement; `to_region`: Moscow's exhibitions shown there). The
question's places play roles: whose people, companies or goods move (mover), and where
they go or are served (host; for services also the loose «в Пензе»). «Сколько москвичей
лечилось в Пензе?» has Moscow moving and Penza hosting: the opposite of the fact.
"""

from __future__ import annotations

from bot.engine.analysis import Query, Role
from bot.engine.facts import FactBook
from bot.engine.senses import MOSCOW_SUBJECT
from db.models import Fact

# Measures of trade: «в Пензе» beside them says where, not who hosts («контракты в Пензе»).
TRADE_MEASURES = frozenset({"supplies", "contracts", "contract_sum"})
_VERBS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
# Words of a relation that goes both ways.
_MUTUAL = frozenset(
    {"сотрудничать", "сотрудничество", "взаимодействовать", "взаимодействие", "партнерство",
     "дружить", "дружба"}
)  # fmt: skip


def reversed_(query: Query, facts: list[Fact], book: FactBook) -> bool:
    """The question asks the opposite way of every fact that has a direction."""
    directed = [f for f in facts if f.direction != "mutual"]
    if not directed or len(directed) < len(facts):
        return False
    if any(t.lemma in _MUTUAL for t in query.tokens):
        return False  # «Москва сотрудничает с регионами в медицине?»: no way to reverse
    moving = any(t.pos in _VERBS or t.pos == "PREP" for t in query.tokens)
    people = any(m.sense.kind == "people" for m in query.mentions)
    if query.tokens and not moving and not people:
        return False  # «алтай музеи выставки»: words, no way asked
    partners = set(book.lexicon.partner_of)

    def named(roles: tuple[Role, ...], moscow: bool) -> bool:
        return any(
            (s == MOSCOW_SUBJECT) == moscow and (moscow or s in partners)
            for s in query.subjects(*roles)
        )

    # people named by where they live are the ones who move; a place named beside them is
    # where they go: «Республика Алтай вылечила 300 москвичей?»
    residents = {m.subject for m in query.mentions if m.sense.kind == "people"}
    places = {m.subject for m in query.mentions if m.sense.kind != "people"}

    def against(fact: Fact) -> bool:
        trade = bool(fact.products) or bool(fact.measures() & TRADE_MEASURES)
        host: tuple[Role, ...] = (Role.HOST,) if trade else (Role.HOST, Role.PLACE)
        moscow_moves, region_moves = named((Role.MOVER,), True), named((Role.MOVER,), False)
        moscow_hosts, region_hosts = named(host, True), named(host, False)
        if residents and not trade:
            moscow_moves, region_moves = MOSCOW_SUBJECT in residents, bool(residents & partners)
            moscow_hosts = MOSCOW_SUBJECT in places - residents
            region_hosts = bool((places - residents) & partners)
        if fact.direction == "to_region":
            moscow_moves, region_moves = region_moves, moscow_moves
            moscow_hosts, region_hosts = region_hosts, moscow_hosts
        return (moscow_moves or region_hosts) and not (region_moves or moscow_hosts)

    return all(against(f) for f in directed)
