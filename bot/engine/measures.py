"""One measure across regions: the figures that comparisons, totals, conversions and
region-by-region answers are made of."""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine import senses
from bot.engine.answer import Item
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from db.models import Fact

# Units a conversion target implies: «в миллиардах» is money, «в килограммах» a weight.
_TARGET_MEASURES = {
    "bn": "contract_sum", "mln": "contract_sum", "rub": "contract_sum",
    "currency": "contract_sum", "kg": "supplies", "t": "supplies", "centner": "supplies",
    "per_contract": "contract_sum",
}  # fmt: skip
_PEOPLE = frozenset({"человек", "люди", "житель", "пациент", "пенсионер", "больной"})


def measure_asked(book: FactBook, ask: Ask, target: str | None = None) -> str | None:
    """The measure a question is about: named («сколько контрактов»), implied by a unit
    («в миллиардах»), a topic («рыба»: a tonnage), a verb («поставляет»), or the one
    measure of the spheres it names («лечились»: people). None when it is not clear."""
    for asked in ask.asks:
        if asked in senses.MEASURE_OF:
            return senses.MEASURE_OF[asked]
    if target in _TARGET_MEASURES:
        return _TARGET_MEASURES[target]
    words = {t.lemma for t in ask.query.tokens} | {
        lemma for t in ask.query.tokens for lemma in t.parse.lemmas
    }
    if words & senses.MONEY:
        return "contract_sum"
    if words & senses.CONTRACT or any(_is_contract_topic(book, t) for t in ask.topics):
        return "contracts"
    if any(book.is_product(t) for t in ask.topics):
        return "supplies"
    measures = {m for f in book.scope([*book.regions], ask.sectors) for m in f.measures()}
    people = words & _PEOPLE and "patients" in {m for f in book.content.facts for m in f.measures()}
    # a sphere named by a noun, or people, before a verb: «кто отправил меньше всех людей
    # на лечение» counts patients, not supplies
    if len(measures) == 1 and ask.query.strong_sectors:
        return next(iter(measures))
    if people and not words & senses.WEIGHT:
        return "patients"
    if words & senses.SUPPLY or words & senses.WEIGHT:
        return "supplies"
    if len(measures) == 1:
        return next(iter(measures))
    return None


def _is_contract_topic(book: FactBook, topic: str) -> bool:
    return bool(book.lexicon.topics[topic].lemmas & senses.CONTRACT)


def items_for(
    book: FactBook,
    regions: Sequence[str],
    measure: str,
    topics: Sequence[str] = (),
    *,
    named: bool = False,
) -> tuple[list[Item], list[str]]:
    """For each region, its figure of `measure` (of the products named, if any); and the
    regions the news gives no such figure for. With the regions `named`, each product goes
    to the regions that have it: «продуктов из Пензы больше, чем рыбы из Югры»."""
    products = [t for t in topics if book.is_product(t)]
    found: list[Item] = []
    missing: list[str] = []
    measured = {r: [f for f in book.of_regions([r]) if measure in f.measures()] for r in regions}
    for region in regions:
        facts = measured[region]
        own = [t for t in products if any(book.speaks_of(f, t) for f in facts)]
        others = [
            t
            for t in products
            if any(book.speaks_of(f, t) for r in regions if r != region for f in measured[r])
        ]
        chosen = own if named and (own or others) else products
        if chosen:
            facts = [f for f in facts if any(book.speaks_of(f, t) for t in chosen)]
        if facts:
            found.append(item(facts[0], measure))
        else:
            missing.append(region)
    return found, missing


def item(fact: Fact, measure: str) -> Item:
    name = next(n for n, figure in fact.figures.items() if figure.measure == measure)
    return Item(fact, name)


def periods_differ(items: Sequence[Item]) -> bool:
    periods = {
        (p.kind, p.start, p.end) if (p := i.fact.period) is not None else None for i in items
    }
    return len(periods) > 1
