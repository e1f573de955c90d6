"""How the news answers a question for one region: the facts in scope, narrowed by what is
asked (a measure, products, a topic), then checked against the question (direction, years,
products inside a total, a town, a district, a narrower group)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine import direction, periods, senses
from bot.engine.analysis import Query
from bot.engine.answer import Coverage, Gap, GapKind
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.senses import MEASURE_OF, NEVER_GIVEN, Asked
from db.models import Fact


@dataclass
class Part:
    """How the news answers the question for one region."""

    facts: list[Fact] = field(default_factory=list)
    covered: list[Fact] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    related: list[Fact] = field(default_factory=list)
    coverage: Coverage = Coverage.EXACT

    def none(self) -> Part:
        self.coverage = Coverage.NONE
        return self


def _topic_words(book: FactBook, topics: list[str]) -> list[str]:
    return [lemma for t in topics for lemma in book.lexicon.topics[t].lemmas]


class RegionPolicy:
    def __init__(self, book: FactBook) -> None:
        self.book = book

    def answer(self, ask: Ask, region: str) -> Part:
        """How the news answers the question for one region."""
        q, book = ask.query, self.book
        scope = book.scope([region], ask.sectors)
        part = Part()
        if not scope:
            part.gaps += [Gap(GapKind.SECTOR, region=region, sector=s) for s in ask.sectors]
            part.covered = book.of_regions([region])
            return part.none()
        asked = ask.asked
        topics = self._topics_for(ask, region)
        if asked is Asked.NAMES:  # «какие музеи…»: none are named; what is said of them is
            part.gaps.append(Gap(GapKind.ASKED, str(asked), region))
            named = [f for f in scope if any(book.speaks_of(f, t) for t in topics)]
            part.facts = (named or book.rank(scope, q.nouns))[:2]
            return part.none()
        if asked in NEVER_GIVEN and asked is not Asked.DATE:
            return self._not_given(part, region, scope, asked)
        untold = [t for t in topics if not any(book.speaks_of(f, t) for f in scope)]
        told = any(book.speaks_of(f, t) for f in scope for t in topics)
        # a topic the region's facts never name («рыба» of Алтай, «студенты» of Пенза) is
        # said before any figure is looked for: that is what the news lacks
        narrow = untold and (book.is_product(untold[0]) or not self._said_generally(q, scope))
        if narrow and not told:
            part.related += [
                f for f in book.content.facts if f.region != region and book.speaks_of(f, untold[0])
            ]
            word = q.topic_words.get(untold[0]) or book.lexicon.topics[untold[0]].words[0]
            part.gaps.append(Gap(GapKind.TOPIC, word, region))
            part.covered = scope
            return part.none()
        facts = scope
        measures = {MEASURE_OF[a] for a in ask.asks if a in MEASURE_OF}
        if measures:
            facts = [f for f in scope if f.measures() & measures]
            if not facts:
                return self._no_measure(ask, region, scope, part)
        excluded = list(q.excluded)
        if excluded:  # «кроме рыбы»: the facts of anything else
            facts = [f for f in facts if not any(book.speaks_of(f, t) for t in excluded)]
        if asked is Asked.PRODUCTS:
            facts = [f for f in facts if f.products]
        if excluded and not facts:
            part.gaps.append(Gap(GapKind.EXCEPT, q.excluded[excluded[0]], region))
            part.covered = scope
            return part.none()
        if asked is Asked.PRODUCTS and not facts:
            return self._not_given(part, region, scope, asked)
        speaking = [f for f in facts if any(book.speaks_of(f, t) for t in topics)]
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
        if asked is Asked.DATE and not periods.with_periods(facts):
            return self._not_given(part, region, facts, asked)
        return self._check(
            ask, region, book.rank(facts, [*q.nouns, *_topic_words(book, topics)]), part
        )

    @staticmethod
    def _not_given(part: Part, region: str, covered: list[Fact], asked: Asked) -> Part:
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

    def _no_measure(self, ask: Ask, region: str, facts: list[Fact], part: Part) -> Part:
        if Asked.CONTRACTS in ask.asks:
            sums = [f for f in facts if "contract_sum" in f.measures()]
            if sums and direction.reversed_(ask.query, sums, self.book):
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

    def _check(self, ask: Ask, region: str, facts: list[Fact], part: Part) -> Part:
        """The facts that answer, with the gaps between them and the question."""
        q, book = ask.query, self.book
        if direction.reversed_(q, facts, self.book):
            part.gaps.append(Gap(GapKind.DIRECTION, region=region))
            part.facts = facts
            return part.none()
        gaps: list[Gap] = []
        asked = periods.asked_years(ask.years, ask.since, book.latest_year, until=ask.until)
        if asked is not None:
            label = f"<{ask.years[0]}" if ask.until else periods.label(ask.years)
            dated = [f for f in facts if f.figures] or facts
            fits = {periods.fit(f, asked, book.latest_year) for f in dated}
            if "unknown" in fits:
                gaps.append(Gap(GapKind.NO_PERIOD, label, region))
            elif fits == {"outside"}:  # not given; what there is, labelled with its period
                part.gaps.append(Gap(GapKind.YEAR_OUTSIDE, label, region))
                part.facts = facts
                return part.none()
            elif fits != {"exact"}:
                single = len(ask.years) == 1 and not (ask.since or ask.until)
                kind = GapKind.YEAR if single else GapKind.PERIOD
                gaps.append(Gap(kind, label, region))
        for topic in ask.topics:
            for fact in facts:
                if fact.figures and book.part_of_total(fact, topic):
                    gaps.append(Gap(GapKind.PRODUCT, book.lexicon.topics[topic].words[0], region))
        if region in ask.towns:
            gaps.append(Gap(GapKind.TOWN, ask.towns[region], region))
        cured = {t.lemma for t in q.tokens} & senses.CURED
        if cured and any("patients" in f.measures() for f in facts):
            gaps.append(Gap(GapKind.CLAIM, "cured", region))  # treated, not said to be cured
        district = ask.districts.get(region)
        if district is not None:  # «лидер ПФО по поставкам?»: the fact that speaks of it first
            told = [f for f in book.of_regions([region]) if book.mentions_district(f, district)]
            told = [f for f in told if f.sector in {x.sector for x in facts}]
            facts = [*told, *(f for f in facts if f not in told)]
            if not told:
                gaps.append(Gap(GapKind.DISTRICT, book.lexicon.districts[district].name, region))
        measured = any(a in MEASURE_OF for a in ask.asks)
        if measured and any(not book.explains(n, facts) for n in q.nouns):
            gaps.append(Gap(GapKind.SUBSET, region=region))
        part.facts = facts
        part.gaps += list(dict.fromkeys(gaps))
        part.coverage = Coverage.PARTIAL if part.gaps else Coverage.EXACT
        return part
