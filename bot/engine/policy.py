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
from dataclasses import replace

from bot.engine import premises
from bot.engine.answer import (
    Answer,
    AnswerKind,
    Coverage,
    Gap,
    GapKind,
    Reason,
)
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.part import RegionPolicy
from bot.engine.senses import MEASURE_OF, NEVER_GIVEN, Asked
from db.models import Fact

SMALLTALK = ("capabilities", "greeting", "thanks")


class Policy:
    def __init__(self, book: FactBook) -> None:
        self.book = book
        self.regions = RegionPolicy(book)

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
        if ask.asked is Asked.TERM and ask.query.nouns and "agreement" not in ask.query.intents:
            return False  # «80 лет Победы — во сколько салют»: not the agreements' term
        if ask.asked in (Asked.WHO_SIGNED, Asked.TERM, Asked.WHO_HEADS):
            return not ask.sectors or ask.asked is not Asked.TERM
        q = ask.query
        if ask.regions and ask.asked is None and not (q.signing or q.previous or ask.years):
            return False  # «что наша республика получает от соглашения»: the region's facts
        return "agreement" in ask.query.intents and not ask.sectors and not ask.topics

    def _agreement(self, ask: Ask) -> Answer:
        regions = tuple(ask.regions)
        if ask.asked in NEVER_GIVEN and ask.asked is not Asked.DATE:  # «сколько рабочих мест…»
            return Answer(
                AnswerKind.AGREEMENT,
                Coverage.NONE,
                regions=regions,
                gaps=(Gap(GapKind.ASKED, str(ask.asked)),),
                asked=ask.asked,
                reason=Reason.NOT_IN_NEWS,
            )
        if ask.asked in (Asked.DATE, None) and ask.query.previous:  # «прежнее — какого года?»
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
        named = [
            f for f in facts if any(book.mentions_district(f, d) for d in ask.districts.values())
        ]
        if named and q.words > 2:  # «чем Пенза выделяется среди регионов ПФО»: what it says there
            return Answer(AnswerKind.FACTS, Coverage.EXACT, regions=regions, facts=tuple(named))
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
        named = [r for r in ask.named if r in ask.regions]
        if named:  # «внедрят ли сервисы в Пензенской области?»: the news speaks of all regions
            return Answer(
                AnswerKind.COMPARE,
                Coverage.PARTIAL,
                regions=tuple(named),
                sectors=tuple(sectors),
                facts=tuple(shown),
                gaps=(Gap(GapKind.NATIONWIDE, region=named[0]),),
                reason=Reason.PARTIAL,
            )
        return Answer(
            AnswerKind.COMPARE, Coverage.EXACT, sectors=tuple(sectors), facts=tuple(shown)
        )

    # ------------------------------------------------------------ regions × sectors

    def _sectors(self, ask: Ask) -> Answer:
        book = self.book
        compare = not ask.regions
        regions = ask.regions or list(book.regions)
        parts = [self.regions.answer(ask, region) for region in regions]
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


def _unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    return tuple({fact.id: fact for fact in facts}.values())


def _worst(coverages: Iterable[Coverage]) -> Coverage:
    order = [Coverage.NONE, Coverage.PARTIAL, Coverage.EXACT]
    return min(coverages, key=order.index, default=Coverage.NONE)
