"""Comparisons and totals across regions, only over figures of the same measure.

- Which region has more (or less), all regions in order, by how much, how many times:
  the figures with their own periods; a difference or ratio only where it is exact or a
  sure bound (a «более …» figure can be subtracted from, never subtracted).
- A total: the sum of the figures there are, «не менее» where a part is «более …», with
  the regions the news gives no such figure for named.
- A question that names no measure («кто активнее сотрудничает») is not compared: the
  news gives no overall comparison.
"""

from __future__ import annotations

from bot.engine import periods, senses
from bot.engine.answer import (
    Answer,
    AnswerKind,
    Coverage,
    Gap,
    GapKind,
    Item,
    Lead,
    LeadKind,
    Reason,
)
from bot.engine.ask import Ask
from bot.engine.facts import FactBook, unique
from bot.engine.intents import Frame
from bot.engine.measures import items_for, measure_asked, periods_differ
from db.models import Fact


def _gathered(book: FactBook, ask: Ask) -> tuple[str, list[Item], list[str]] | Answer:
    """The measure asked and each region's figure of it (the regions named, or all); or,
    with no measure or no figure, the answer that says so."""
    regions = ask.regions if len(ask.regions) >= 2 else list(book.regions)
    measure = measure_asked(book, ask)
    if measure is None:
        return _nothing(book, ask, regions, None)
    found, missing = items_for(book, regions, measure, ask.topics, named=len(ask.regions) > 1)
    if not found:
        return _nothing(book, ask, regions, measure)
    return measure, found, missing


def compare(book: FactBook, ask: Ask, frame: Frame) -> Answer:
    gathered = _gathered(book, ask)
    if isinstance(gathered, Answer):
        return gathered
    measure, found, missing = gathered
    support = _support(book, ask, found, missing, measure)
    if len(found) == 1:
        return Answer(
            AnswerKind.COMPARE,
            Coverage.PARTIAL,
            regions=tuple(ask.regions),
            sectors=_sectors(found),
            facts=(found[0].fact, *support),
            lead=Lead(LeadKind.ONLY, items=tuple(found), missing=tuple(missing), measure=measure),
            reason=Reason.PARTIAL,
        )
    ordered = sorted(found, key=lambda i: i.value, reverse=not frame.less)
    kind, value, at_least, approximate = LeadKind.COMPARE, None, False, False
    if frame.rank or (len(ordered) > 2 and not (frame.difference or frame.ratio)):
        kind = LeadKind.RANK if frame.rank or not ask.regions else LeadKind.COMPARE
    if len(found) == 2 and (frame.difference or frame.ratio):
        big, small = sorted(found, key=lambda i: -i.value)
        kind = LeadKind.RATIO if frame.ratio else LeadKind.DIFFERENCE
        value = big.value / small.value if frame.ratio else big.value - small.value
        at_least = big.more_than and not small.more_than  # a sure bound
        approximate = small.more_than  # «более 7 800» against «более 4 100»: an estimate
    gaps = _years(ask, found, book)
    coverage = Coverage.PARTIAL if missing or gaps else Coverage.EXACT
    return Answer(
        AnswerKind.COMPARE,
        coverage,
        regions=tuple(ask.regions),
        sectors=_sectors(found),
        facts=unique([*(i.fact for i in ordered), *support]),
        gaps=gaps,
        lead=Lead(
            kind,
            items=tuple(ordered),
            missing=tuple(missing),
            measure=measure,
            value=value,
            at_least=at_least,
            approximate=approximate,
            less=frame.less,
            periods_differ=periods_differ(ordered),
        ),
        reason=Reason.PARTIAL if coverage is Coverage.PARTIAL else None,
    )


def total(book: FactBook, ask: Ask) -> Answer:
    gathered = _gathered(book, ask)
    if isinstance(gathered, Answer):
        return gathered
    measure, found, missing = gathered
    value = sum(i.value for i in found)
    gaps = _years(ask, found, book)
    undated = any(i.fact.period is None for i in found)  # a sum over no one period
    partial = missing or gaps or len(found) < 2 or undated
    coverage = Coverage.PARTIAL if partial else Coverage.EXACT
    return Answer(
        AnswerKind.COMPARE,
        coverage,
        regions=tuple(ask.regions),
        sectors=_sectors(found),
        facts=tuple(i.fact for i in found),
        gaps=gaps,
        lead=Lead(
            LeadKind.TOTAL,
            items=tuple(found),
            missing=tuple(missing),
            measure=measure,
            value=value,
            at_least=any(i.more_than for i in found),
            periods_differ=periods_differ(found),
        ),
        reason=Reason.PARTIAL if coverage is Coverage.PARTIAL else None,
    )


def _sectors(found: list[Item]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.fact.sector for i in found))


def _nothing(book: FactBook, ask: Ask, regions: list[str], measure: str | None) -> Answer:
    """Nothing to compare or add up: say so, and name what the news does have."""
    covered = [f for r in regions for f in book.of_regions([r]) if f.key][:6]
    return Answer(
        AnswerKind.COMPARE,
        Coverage.NONE,
        regions=tuple(ask.regions),
        covered=tuple(covered),
        lead=Lead(LeadKind.NO_COMPARISON, measure=measure, missing=tuple(regions)),
        reason=Reason.NOT_IN_NEWS,
    )


# A measure the news may give instead: the sum of contracts where their number is missing.
_INSTEAD = {"contracts": "contract_sum", "contract_sum": "contracts"}


def _support(
    book: FactBook, ask: Ask, found: list[Item], missing: list[str], measure: str
) -> list[Fact]:
    """Facts beside the figures that speak of what is asked («лидер по поставкам»), and
    for a region without the figure, the related one it has (the sum of its contracts)."""
    sectors = {i.fact.sector for i in found}
    facts = [
        f
        for f in book.of_regions({i.region for i in found if i.region})
        if f.sector in sectors and not f.figures
    ]
    own = [t for t in ask.topics if not _is_measure_topic(book, t)]  # «лидер», not «госзаказ»
    told = [f for f in facts if any(book.speaks_of(f, t) for t in own)]
    instead = _INSTEAD.get(measure)
    if instead is not None:
        told += [f for f in book.of_regions(missing) if instead in f.measures()]
    return told


def _is_measure_topic(book: FactBook, topic: str) -> bool:
    return bool(book.lexicon.topics[topic].lemmas & senses.CONTRACT)


def _years(ask: Ask, found: list[Item], book: FactBook) -> tuple[Gap, ...]:
    """A year or period asked that the figures' periods do not match exactly."""
    asked = periods.asked_years(ask.years, ask.since, book.latest_year)
    if asked is None:
        return ()
    fits = {periods.fit(i.fact, asked, book.latest_year) for i in found}
    if fits == {"exact"}:
        return ()
    return (Gap(GapKind.PERIOD, periods.label(ask.years)),)
