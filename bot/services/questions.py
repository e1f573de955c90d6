"""Free-text questions: a question in, a structured answer out (no Telegram here).

The lexicon finds the regions, sectors and intents a question names; the facts in that
scope are then ranked with SQLite FTS5 (bm25) over their lemmatised text, so «Сколько рыбы
привезли из Югры?» answers with the fish fact and not with every trade fact of Югра.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.services import text as fmt
from bot.services.content import Catalog, ContentService
from bot.services.lexicon import Analysis, Lexicon
from bot.services.morph import Morph, shared_morph
from db.models import Fact, OtherRegion, Region

FEDERAL_SECTOR = "construction"  # the one sector whose facts belong to no region
QUESTION_LIMIT = 1000  # characters of a question that are read; the rest adds nothing


class AnswerKind(StrEnum):
    FACTS = "facts"  # regions × sectors (possibly no facts there: said honestly)
    REGION = "region"  # summaries of the named regions
    COMPARE = "compare"  # one sector or topic across all regions
    AGREEMENT = "agreement"  # the agreements, or one region's agreement
    OTHER_REGION = "other_region"  # a region that is not a partner (Алтайский край)
    SMALLTALK = "smalltalk"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Answer:
    kind: AnswerKind
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    other: str | None = None
    smalltalk: str | None = None  # greeting, thanks or capabilities
    off_topic: bool = False  # the question also asked something the content does not hold

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None


def fts_query(terms: Iterable[str]) -> str:
    """An FTS5 query that matches any of the terms; each is quoted, so no operator leaks."""
    quoted = ['"' + term.replace('"', '""') + '"' for term in dict.fromkeys(terms) if term]
    return " OR ".join(quoted)


class FactIndex:
    """SQLite FTS5 over the lemmatised text of every fact, in memory."""

    def __init__(self, facts: Iterable[Fact], lemmatise: Callable[[Fact], Iterable[str]]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE fact_text USING fts5(fact_id UNINDEXED, lemmas)")
        self._db.executemany(
            "INSERT INTO fact_text (fact_id, lemmas) VALUES (?, ?)",
            [(fact.id, " ".join(lemmatise(fact))) for fact in facts],
        )

    def rank(self, terms: list[str]) -> list[str]:
        """Ids of the facts that contain any term, best (bm25) first."""
        query = fts_query(terms)
        if not query:
            return []
        rows = self._db.execute(
            "SELECT fact_id FROM fact_text WHERE fact_text MATCH ? ORDER BY bm25(fact_text)",
            (query,),
        ).fetchall()
        return [str(row[0]) for row in rows]


class QuestionService:
    def __init__(self, catalog: Catalog, morph: Morph, fact_text: Callable[[Fact], str]) -> None:
        self.catalog = catalog
        self.lexicon = Lexicon(catalog.content, morph)
        self.index = FactIndex(catalog.content.facts, lambda fact: morph.lemmas(fact_text(fact)))

    def answer(self, question: str) -> Answer:
        return self.decide(self.lexicon.analyse(question))

    def find_region(self, text: str) -> Region | OtherRegion | None:
        """The partner region a name stands for (`/region` with a name), or the look-alike
        region the name points at instead."""
        analysis = self.lexicon.analyse(text)
        if analysis.regions:
            return self.catalog.regions[analysis.regions[0]]
        others = {o.id: o for o in self.catalog.content.other_regions}
        return others[analysis.others[0]] if analysis.others else None

    def decide(self, analysis: Analysis) -> Answer:
        regions, sectors = tuple(analysis.focused_regions()), tuple(analysis.sectors)
        intents = analysis.intents
        if analysis.others and (not regions or self._contrasts(analysis, regions)):
            return Answer(AnswerKind.OTHER_REGION, other=analysis.others[0])
        if analysis.places and not regions:  # a place that is not a partner: nothing to tell
            return Answer(AnswerKind.UNKNOWN)
        if sectors == (FEDERAL_SECTOR,) or (not regions and FEDERAL_SECTOR in sectors):
            facts = self.catalog.facts(None, FEDERAL_SECTOR)
            return Answer(AnswerKind.COMPARE, sectors=(FEDERAL_SECTOR,), facts=tuple(facts))
        if sectors:
            return self._sector_answer(regions, sectors, analysis.topics, analysis.terms)
        if regions:
            if "agreement" in intents:
                return Answer(AnswerKind.AGREEMENT, regions=regions)
            found = self._search(analysis.nouns, regions)
            if found:
                return Answer(AnswerKind.FACTS, regions=regions, facts=tuple(found))
            return Answer(AnswerKind.REGION, regions=regions, off_topic=bool(analysis.nouns))
        if "agreement" in intents:
            return Answer(AnswerKind.AGREEMENT)
        found = self._search(analysis.nouns, None)
        if found:
            topic_sectors = tuple(dict.fromkeys(fact.sector for fact in found))
            return Answer(AnswerKind.COMPARE, sectors=topic_sectors, facts=tuple(found))
        for intent in ("capabilities", "greeting", "thanks"):
            if intent in intents:
                return Answer(AnswerKind.SMALLTALK, smalltalk=intent)
        if "all_regions" in intents:  # every region, no sector: their key figures side by side
            return Answer(AnswerKind.COMPARE)
        return Answer(AnswerKind.UNKNOWN)

    def _sector_answer(
        self,
        regions: tuple[str, ...],
        sectors: tuple[str, ...],
        topics: list[str],
        terms: list[str],
    ) -> Answer:
        """The sectors' facts in the named regions (all regions when none is named).

        Topic words pick facts («рыба» → the fish supplies) where a region has such facts;
        all the question's words order them, best match first.
        """
        sectors = tuple(s for s in sectors if s != FEDERAL_SECTOR)
        picked = set(self.index.rank(topics))
        order = {fact_id: i for i, fact_id in enumerate(self.index.rank(topics + terms))}
        compare = not regions
        scope = regions or tuple(self.catalog.regions)
        chosen: list[Fact] = []
        for region in scope:
            facts = [f for s in sectors for f in self.catalog.facts(region, s)]
            matched = [f for f in facts if f.id in picked]
            if matched or not compare or not picked:
                chosen += sorted(matched or facts, key=lambda f: order.get(f.id, len(order)))
        if not chosen:  # the topic is in none of the regions' facts of these sectors
            chosen = [f for r in scope for s in sectors for f in self.catalog.facts(r, s)]
        kind = AnswerKind.COMPARE if compare else AnswerKind.FACTS
        return Answer(kind, regions=regions, sectors=sectors, facts=tuple(chosen))

    def _contrasts(self, analysis: Analysis, regions: tuple[str, ...]) -> bool:
        """The question names a partner only beside its look-alike and asks nothing else:
        it is about the difference between the two."""
        suggested = {
            o.suggest for o in self.catalog.content.other_regions if o.id in analysis.others
        }
        return not analysis.sectors and set(regions) <= suggested

    def _search(self, terms: list[str], regions: tuple[str, ...] | None) -> list[Fact]:
        by_id = self.catalog.facts_by_id
        found = [by_id[i] for i in self.index.rank(terms) if i in by_id]
        if regions is None:
            return found
        return sorted(
            (f for f in found if f.region in regions), key=lambda f: regions.index(f.region or "")
        )


class QuestionDesk:
    """Answers against the current content; rebuilds the lexicon and index after a reload."""

    def __init__(self, content: ContentService, morph: Morph | None = None) -> None:
        self._content = content
        self._morph = morph or shared_morph()
        self._service: QuestionService | None = None

    def service(self) -> QuestionService:
        """Needs the gettext context: the index holds facts as they are shown."""
        catalog = self._content.catalog
        if self._service is None or self._service.catalog is not catalog:
            self._service = QuestionService(catalog, self._morph, fmt.plain_sentence)
        return self._service

    def answer(self, question: str) -> Answer:
        return self.service().answer(question[:QUESTION_LIMIT])

    def find_region(self, text: str) -> Region | OtherRegion | None:
        return self.service().find_region(text[:QUESTION_LIMIT])
