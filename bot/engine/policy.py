"""The answer policy: one place that decides how far the news answers a question.

- The facts answer exactly → the figures with their periods.
- They answer in part (a year inside a longer period, one product inside a total, a count
  where only a sum exists, a town inside a region, a narrower group) → first what the news
  does not give, then the closest figures, labelled with region and period.
- Nothing answers → say so, name what the news does cover there; no figure as the answer.
- The signing date → not in the news; previous agreements are shown only as previous.
- The opposite direction → no such data, and the fact in the direction the news gives.
- A false premise → corrected. A place that is not a partner → said so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from bot.engine import premises
from bot.engine.analysis import Query, Role
from bot.engine.answer import (
    Answer,
    AnswerKind,
    Coverage,
    Gap,
    GapKind,
    OtherPlace,
    Reason,
)
from bot.engine.facts import FactBook
from bot.engine.senses import MEASURE_OF, NEVER_GIVEN, Asked
from db.models import Fact

SMALLTALK = ("capabilities", "greeting", "thanks")
TRADE_MEASURES = frozenset({"supplies", "contracts", "contract_sum"})


@dataclass
class Ask:
    """The question as the policy reads it, after a follow-up took what it left out."""

    query: Query
    regions: list[str]
    sectors: list[str]
    topics: list[str]
    asks: list[Asked]
    years: list[int]
    since: bool = False  # «с 2024 года»: from that year on
    towns: dict[str, str] = field(default_factory=dict)  # region → the town named for it
    others: list[OtherPlace] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # the regions named as places
    districts: dict[str, str] = field(default_factory=dict)  # region → district named

    @property
    def asked(self) -> Asked | None:
        return self.asks[0] if self.asks else None


class Policy:
    def __init__(self, book: FactBook) -> None:
        self.book = book

    def decide(self, ask: Ask) -> Answer:
        q, book = ask.query, self.book
        if ask.others and not ask.regions:
            return Answer(
                AnswerKind.OTHER_REGION,
                Coverage.NOT_PARTNER,
                others=tuple(ask.others),
                reason=Reason.OTHER_REGION,
            )
        correction = premises.find(q, ask.named, ask.sectors, book)
        if correction is not None:
            return Answer(
                AnswerKind.CORRECTION,
                Coverage.CORRECTION,
                regions=tuple(ask.regions),
                correction=correction,
            )
        if self._about_agreement(ask):
            return self._agreement(ask)
        measures = [MEASURE_OF[a] for a in ask.asks if a in MEASURE_OF]
        if not (ask.regions or ask.sectors or measures):
            return self._unanchored(ask)
        if not ask.sectors and measures and Asked.PEOPLE not in ask.asks:
            sectors = [s for m in measures for s in book.sectors_with(m)]
            ask = replace(ask, sectors=list(dict.fromkeys(sectors)))
        federal = [s for s in ask.sectors if s in book.federal]
        if federal and (not ask.regions or len(federal) == len(ask.sectors)):
            return self._federal(ask, federal)
        ask.sectors = [s for s in ask.sectors if s not in book.federal]
        if not ask.sectors:
            return self._region(ask)
        if not ask.regions and self._foreign(ask):
            return self._off_topic(ask)
        return self._sectors(ask)

    def _foreign(self, ask: Ask) -> list[str]:
        """Nouns of the question that no fact of its sectors uses: «ремонт квартиры»."""
        facts = self.book.scope([*self.book.regions, None], ask.sectors)
        return [n for n in ask.query.nouns if not self.book.explains(n, facts)]

    def _off_topic(self, ask: Ask) -> Answer:
        """Words of a sector in a sentence about something else: no figures at all."""
        return Answer(
            AnswerKind.UNKNOWN,
            Coverage.NONE,
            sectors=tuple(ask.sectors),
            gaps=(Gap(GapKind.OFF_TOPIC),),
            reason=Reason.OFF_TOPIC,
        )

    # ------------------------------------------------------------ agreement

    def _about_agreement(self, ask: Ask) -> bool:
        if any(s in self.book.federal for s in ask.sectors):
            return False  # the federal agreement is told by its own facts
        if ask.asked in (Asked.WHO_SIGNED, Asked.TERM, Asked.WHO_HEADS):
            return not ask.sectors or ask.asked is not Asked.TERM
        return "agreement" in ask.query.intents and not ask.sectors and not ask.topics

    def _agreement(self, ask: Ask) -> Answer:
        regions = tuple(ask.regions)
        if ask.asked is Asked.DATE and ask.query.previous:  # «прежнее соглашение — какого года?»
            without = [r for r in regions if self.book.regions[r].previous_agreement is None]
            if without:
                return Answer(
                    AnswerKind.AGREEMENT,
                    Coverage.NONE,
                    regions=regions,
                    gaps=tuple(Gap(GapKind.PREVIOUS, region=r) for r in without),
                    asked=ask.asked,
                    reason=Reason.NOT_IN_NEWS,
                )
            return Answer(AnswerKind.AGREEMENT, Coverage.EXACT, regions=regions, asked=ask.asked)
        if ask.asked is Asked.DATE:
            return Answer(
                AnswerKind.AGREEMENT,
                Coverage.NONE,
                regions=regions,
                gaps=(Gap(GapKind.SIGNING_DATE),),
                asked=ask.asked,
                reason=Reason.NOT_IN_NEWS,
            )
        return Answer(AnswerKind.AGREEMENT, Coverage.EXACT, regions=regions, asked=ask.asked)

    # ------------------------------------------------------------ nothing to hold on to

    def _unanchored(self, ask: Ask) -> Answer:
        q = ask.query
        if "all_regions" in q.intents and not q.nouns:
            return Answer(AnswerKind.COMPARE, Coverage.EXACT)
        smalltalk = next((i for i in SMALLTALK if i in q.intents), None)
        if smalltalk is not None and not q.nouns:
            return Answer(AnswerKind.SMALLTALK, Coverage.SMALLTALK, smalltalk=smalltalk)
        off_topic = bool(q.words_known or q.persons or q.mentions or q.asks)
        return Answer(
            AnswerKind.UNKNOWN,
            Coverage.NONE,
            gaps=(Gap(GapKind.OFF_TOPIC),) if off_topic else (),
            reason=Reason.OFF_TOPIC if off_topic else Reason.NO_TOPIC,
        )

    # ------------------------------------------------------------ a region, no sector

    def _region(self, ask: Ask) -> Answer:
        q, book = ask.query, self.book
        regions = tuple(ask.regions)
        facts = book.of_regions(regions)
        foreign = [n for n in q.nouns if not book.explains(n, facts)]
        if foreign or ask.asked in NEVER_GIVEN or ask.asked in MEASURE_OF:
            gap = None
            if ask.asked in NEVER_GIVEN:
                gap = Gap(GapKind.ASKED, str(ask.asked))
            elif ask.asked in MEASURE_OF:  # «сколько москвичей ездили на Алтай»: of what?
                gap = Gap(GapKind.MEASURE, str(ask.asked))
            return Answer(
                AnswerKind.FACTS,
                Coverage.NONE,
                regions=regions,
                covered=tuple(facts),
                gaps=(gap or Gap(GapKind.OFF_TOPIC),),
                asked=ask.asked,
                reason=Reason.NOT_IN_NEWS if gap else Reason.OFF_TOPIC,
            )
        gaps = tuple(Gap(GapKind.TOWN, town, region) for region, town in ask.towns.items())
        gaps += tuple(
            Gap(GapKind.DISTRICT, book.lexicon.districts[d].name, region)
            for region, d in ask.districts.items()
        )
        coverage = Coverage.PARTIAL if gaps else Coverage.EXACT
        return Answer(AnswerKind.REGION, coverage, regions=regions, gaps=gaps)

    # ------------------------------------------------------------ the federal agreement

    def _federal(self, ask: Ask, sectors: list[str]) -> Answer:
        q, book = ask.query, self.book
        facts = book.scope([None], sectors)
        foreign = [n for n in q.nouns if not book.explains(n, facts)]
        untold = [t for t in ask.topics if not any(book.speaks_of(f, t) for f in facts)]
        if foreign or untold or ask.asked in NEVER_GIVEN:
            return Answer(
                AnswerKind.FACTS,
                Coverage.NONE,
                sectors=tuple(sectors),
                covered=tuple(facts),
                gaps=(Gap(GapKind.OFF_TOPIC),),
                reason=Reason.OFF_TOPIC,
            )
        picked = [f for f in facts if any(book.speaks_of(f, t) for t in ask.topics)]
        shown = picked or book.rank(facts, q.nouns)
        return Answer(
            AnswerKind.COMPARE, Coverage.EXACT, sectors=tuple(sectors), facts=tuple(shown)
        )

    # ------------------------------------------------------------ regions × sectors

    def _sectors(self, ask: Ask) -> Answer:
        book = self.book
        compare = not ask.regions
        regions = ask.regions or list(book.regions)
        parts = [self._part(ask, region) for region in regions]
        if compare:  # across all regions: only those that have something to say
            told = [p for p in parts if p.facts]
            parts = told or parts
        facts = _unique(f for p in parts for f in p.facts)
        covered = _unique(f for p in parts for f in p.covered)
        gaps = tuple(dict.fromkeys(g for p in parts for g in p.gaps))
        related = _unique(f for p in parts for f in p.related)
        coverage = _worst(p.coverage for p in parts)
        if compare and any(p.coverage is Coverage.EXACT for p in parts):
            coverage = Coverage.EXACT if not gaps else coverage
        reason = {
            Coverage.PARTIAL: Reason.PARTIAL,
            Coverage.NONE: Reason.NOT_IN_NEWS,
        }.get(coverage)
        return Answer(
            AnswerKind.COMPARE if compare else AnswerKind.FACTS,
            coverage,
            regions=tuple(ask.regions),
            sectors=tuple(ask.sectors),
            facts=facts,
            covered=covered,
            gaps=gaps,
            related=tuple(f for f in related if f.id not in {g.id for g in facts}),
            asked=ask.asked,
            reason=reason,
        )

    def _part(self, ask: Ask, region: str) -> _Part:
        """How the news answers the question for one region."""
        q, book = ask.query, self.book
        scope = book.scope([region], ask.sectors)
        part = _Part()
        if not scope:
            part.gaps += [Gap(GapKind.SECTOR, region=region, sector=s) for s in ask.sectors]
            part.covered = book.of_regions([region])
            return part.none()
        asked = ask.asked
        if asked in NEVER_GIVEN and asked is not Asked.DATE:
            return self._not_given(part, region, scope, asked)
        facts = scope
        measures = {MEASURE_OF[a] for a in ask.asks if a in MEASURE_OF}
        if measures:
            facts = [f for f in scope if f.measures() & measures]
            if not facts:
                return self._no_measure(ask, region, scope, part)
        if asked is Asked.PRODUCTS:
            facts = [f for f in facts if f.products]
            if not facts:
                return self._not_given(part, region, scope, asked)
        topics = self._topics_for(ask, region)
        speaking = [f for f in facts if any(book.speaks_of(f, t) for t in topics)]
        untold = [t for t in topics if not any(book.speaks_of(f, t) for f in scope)]
        if untold and not speaking:
            part.related += [
                f for f in book.content.facts if f.region != region and book.speaks_of(f, untold[0])
            ]
            if book.is_product(untold[0]) or not self._said_generally(q, facts):
                word = q.topic_words.get(untold[0]) or book.lexicon.topics[untold[0]].words[0]
                part.gaps.append(Gap(GapKind.TOPIC, word, region))
                part.covered = scope
                return part.none()
            part.gaps.append(Gap(GapKind.SUBSET, region=region))
        facts = speaking or facts
        if asked is Asked.DATE and not _with_periods(facts):
            return self._not_given(part, region, facts, asked)
        return self._check(
            ask, region, book.rank(facts, [*q.nouns, *_topic_words(book, topics)]), part
        )

    @staticmethod
    def _not_given(part: _Part, region: str, covered: list[Fact], asked: Asked) -> _Part:
        """The news never gives this kind of thing (a cost, names, how to apply)."""
        part.gaps.append(Gap(GapKind.ASKED, str(asked), region))
        part.covered = covered
        return part.none()

    def _topics_for(self, ask: Ask, region: str) -> list[str]:
        """The topics meant for this region. With several regions and topics, each topic
        goes to the regions that have it: «рыба из Югры и сахар из Пензы»."""
        if len(ask.regions) < 2:
            return ask.topics
        book = self.book
        scope = book.scope([region], ask.sectors)
        own = [t for t in ask.topics if any(book.speaks_of(f, t) for f in scope)]
        elsewhere = [
            t
            for t in ask.topics
            if t not in own
            and any(book.speaks_of(f, t) for r in ask.regions for f in book.scope([r], ask.sectors))
        ]
        return [t for t in ask.topics if t not in elsewhere]

    def _said_generally(self, q: Query, facts: list[Fact]) -> bool:
        """The question also uses the sector's general words that these facts speak of
        («лечится в больницах»): a narrower topic in it is a detail, not the subject."""
        return any(s in {f.sector for f in facts} for s in q.general_sectors)

    def _no_measure(self, ask: Ask, region: str, facts: list[Fact], part: _Part) -> _Part:
        if Asked.CONTRACTS in ask.asks:
            sums = [f for f in facts if "contract_sum" in f.measures()]
            if sums and self._reversed(ask.query, sums):
                part.gaps.append(Gap(GapKind.DIRECTION, region=region))
                part.facts = sums
                return part.none()
            if sums:
                part.gaps.append(Gap(GapKind.COUNT, region=region))
                part.facts = sums
                part.coverage = Coverage.PARTIAL
                return part
        part.gaps.append(Gap(GapKind.MEASURE, str(ask.asked), region))
        part.covered = facts
        return part.none()

    def _check(self, ask: Ask, region: str, facts: list[Fact], part: _Part) -> _Part:
        """The facts that answer, with the gaps between them and the question."""
        q, book = ask.query, self.book
        if self._reversed(q, facts):
            part.gaps.append(Gap(GapKind.DIRECTION, region=region))
            part.facts = facts
            return part.none()
        gaps: list[Gap] = []
        asked = _asked_years(ask, book.latest_year)
        if asked is not None:
            label = _label(ask)
            dated = [f for f in facts if f.figures] or facts
            fits = {_fit(f, asked, book.latest_year) for f in dated}
            if "unknown" in fits:
                gaps.append(Gap(GapKind.NO_PERIOD, label, region))
            elif fits == {"outside"}:
                part.gaps.append(Gap(GapKind.YEAR_OUTSIDE, label, region))
                part.covered = facts
                return part.none()
            elif fits != {"exact"}:
                kind = GapKind.YEAR if len(ask.years) == 1 and not ask.since else GapKind.PERIOD
                gaps.append(Gap(kind, label, region))
        for topic in ask.topics:
            for fact in facts:
                if book.part_of_total(fact, topic):
                    gaps.append(Gap(GapKind.PRODUCT, book.lexicon.topics[topic].words[0], region))
        if region in ask.towns:
            gaps.append(Gap(GapKind.TOWN, ask.towns[region], region))
        district = ask.districts.get(region)
        if district is not None and not any(book.mentions_district(f, district) for f in facts):
            gaps.append(Gap(GapKind.DISTRICT, book.lexicon.districts[district].name, region))
        measured = any(a in MEASURE_OF for a in ask.asks)
        if measured and any(not book.explains(n, facts) for n in q.nouns):
            gaps.append(Gap(GapKind.SUBSET, region=region))
        part.facts = facts
        part.gaps += list(dict.fromkeys(gaps))
        part.coverage = Coverage.PARTIAL if part.gaps else Coverage.EXACT
        return part

    def _reversed(self, q: Query, facts: list[Fact]) -> bool:
        """The question asks the opposite way of every fact that has a direction."""
        directed = [f for f in facts if f.direction != "mutual"]
        if not directed or len(directed) < len(facts):
            return False
        partners = set(self.book.lexicon.partner_of)

        def named(roles: tuple[Role, ...], moscow: bool) -> bool:
            return any((s == "moscow") == moscow and (moscow or s in partners)
                       for s in q.subjects(*roles))  # fmt: skip

        def against(fact: Fact) -> bool:
            trade = bool(fact.products) or bool(fact.measures() & TRADE_MEASURES)
            host: tuple[Role, ...] = (Role.HOST,) if trade else (Role.HOST, Role.PLACE)
            moscow_moves, region_moves = named((Role.MOVER,), True), named((Role.MOVER,), False)
            moscow_hosts, region_hosts = named(host, True), named(host, False)
            if fact.direction == "to_region":
                moscow_moves, region_moves = region_moves, moscow_moves
                moscow_hosts, region_hosts = region_hosts, moscow_hosts
            return (moscow_moves or region_hosts) and not (region_moves or moscow_hosts)

        return all(against(f) for f in directed)


@dataclass
class _Part:
    facts: list[Fact] = field(default_factory=list)
    covered: list[Fact] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    related: list[Fact] = field(default_factory=list)
    coverage: Coverage = Coverage.EXACT

    def none(self) -> _Part:
        self.coverage = Coverage.NONE
        return self


def _topic_words(book: FactBook, topics: list[str]) -> list[str]:
    return [lemma for t in topics for lemma in book.lexicon.topics[t].lemmas]


def _unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    return tuple({fact.id: fact for fact in facts}.values())


def _asked_years(ask: Ask, latest: int) -> tuple[int, int] | None:
    """The years the question asks about: one year, «с 2024 года» up to the latest year
    of the news, or «с 2023 по 2025 год»."""
    if not ask.years:
        return None
    if len(ask.years) > 1:
        return min(ask.years), max(ask.years)
    year = ask.years[0]
    return (year, max(year, latest)) if ask.since else (year, year)


def _label(ask: Ask) -> str:
    if len(ask.years) > 1:
        return f"{min(ask.years)}–{max(ask.years)}"
    return str(ask.years[0])


def _fit(fact: Fact, asked: tuple[int, int], latest: int) -> str:
    """How the fact's period meets the years asked: exact, partial, outside or unknown."""
    period = fact.period
    if period is None:
        return "unknown"
    end = period.end or (latest if period.kind == "since" else period.start)
    if (period.start, end) == asked:
        return "exact"
    if asked[1] < period.start or asked[0] > end:
        return "outside"
    return "partial"


def _with_periods(facts: list[Fact]) -> bool:
    return any(f.period is not None for f in facts)


def _worst(coverages: Iterable[Coverage]) -> Coverage:
    order = [Coverage.NONE, Coverage.PARTIAL, Coverage.EXACT]
    return min(coverages, key=order.index, default=Coverage.NONE)
