"""A figure in other units, and the rates the news does not give.

Only what is exact: a stated figure in other units (649 млн ₽ is 0,649 млрд ₽; 200 тыс. т
is 200 млн кг), a sum per contract where the news gives both the sum and the number of
contracts. A rate per year, month or day, a share or an average is never derived from a
figure for a longer or a partial period: the reply says the news gives only the total for
its period (a figure for one year is that year's, and says so).
"""

from __future__ import annotations

from bot.engine.answer import Answer, AnswerKind, Coverage, Item, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.facts import FactBook, unique
from bot.engine.intents import Frame
from bot.engine.measures import item, items_for, measure_asked

# Units each kind of figure can be told in.
COMPATIBLE = {
    "rub": frozenset({"bn", "mln", "thousand", "rub"}),
    "person": frozenset({"thousand", "unit"}),
    "contract": frozenset({"thousand", "unit"}),
    "tonne": frozenset({"kg", "t", "centner", "thousand", "mln"}),
}
RATES = frozenset({"per_year", "per_month", "per_day", "per_person", "percent", "average"})


def convert(book: FactBook, ask: Ask, frame: Frame) -> Answer:
    target = frame.convert or "unit"
    stated = _stated(ask, target)
    if stated is not None:
        return stated
    regions = ask.regions or list(book.regions)
    measure = measure_asked(book, ask, target)
    if measure is None:
        return _answer(ask, Coverage.NONE, Lead(LeadKind.NO_RATE, target=target), [])
    found, missing = items_for(book, regions, measure, ask.topics)
    if not found:
        lead = Lead(LeadKind.NO_RATE, target=target, measure=measure, missing=tuple(missing))
        return _answer(ask, Coverage.NONE, lead, [])
    if target == "per_contract":
        return _per_contract(book, ask, found)
    if target == "per_year" and all(_one_year(i) for i in found):
        lead = Lead(LeadKind.CONVERT, items=tuple(found), target=target, measure=measure)
        return _answer(ask, Coverage.EXACT, lead, found)
    if target in ("per_month", "per_day") and all(_one_year(i) for i in found):
        # a year's figure over its months or days: a calculation from the news, labelled
        lead = Lead(LeadKind.AVERAGE, items=tuple(found), target=target, measure=measure)
        return _answer(ask, Coverage.PARTIAL if missing else Coverage.EXACT, lead, found)
    unit = found[0].fact.figures[found[0].figure].unit
    if target in RATES or target == "currency" or target not in COMPATIBLE[unit]:
        lead = Lead(LeadKind.NO_RATE, items=tuple(found), target=target, measure=measure)
        return _answer(ask, Coverage.PARTIAL, lead, found)
    lead = Lead(LeadKind.CONVERT, items=tuple(found), target=target, measure=measure)
    return _answer(ask, Coverage.PARTIAL if missing else Coverage.EXACT, lead, found)


def _stated(ask: Ask, target: str) -> Answer | None:
    """A figure the question states itself, in other units: «330 тысяч тонн это сколько
    в килограммах?» (arithmetic on the question's own figure)."""
    claims = [c for c in ask.query.claims if c.unit is not None]
    if not claims or ask.named or target not in COMPATIBLE.get(claims[0].unit or "", ()):
        return None
    claim = claims[0]
    lead = Lead(LeadKind.CONVERT, value=claim.value, word=claim.unit or "", target=target)
    return _answer(ask, Coverage.EXACT, lead, [])


def _one_year(found: Item) -> bool:
    period = found.fact.period
    return period is not None and period.kind == "year"


def _per_contract(book: FactBook, ask: Ask, found: list[Item]) -> Answer:
    """The sum per contract, where one fact gives both: a calculation from the news."""
    pairs: list[Item] = []
    for found_item in found:
        fact = found_item.fact
        if {"contract_sum", "contracts"} <= fact.measures():
            counted = item(fact, "contracts")
            if not counted.more_than:
                pairs += [item(fact, "contract_sum"), counted]
    if not pairs:
        lead = Lead(LeadKind.NO_RATE, items=tuple(found), target="per_contract")
        return _answer(ask, Coverage.PARTIAL, lead, found)
    lead = Lead(LeadKind.AVERAGE, items=tuple(pairs), target="per_contract")
    shown = pairs[::2]
    coverage = Coverage.EXACT if len(shown) == len(found) else Coverage.PARTIAL
    return _answer(ask, coverage, lead, shown)


def _answer(ask: Ask, coverage: Coverage, lead: Lead, found: list[Item]) -> Answer:
    reason = {Coverage.PARTIAL: Reason.PARTIAL, Coverage.NONE: Reason.NOT_IN_NEWS}.get(coverage)
    return Answer(
        AnswerKind.FACTS,
        coverage,
        regions=tuple(ask.regions),
        sectors=tuple(dict.fromkeys(i.fact.sector for i in found)),
        facts=unique(i.fact for i in found),
        lead=lead,
        reason=reason,
    )
