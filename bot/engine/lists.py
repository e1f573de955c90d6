"""Lists: which regions the news names for something (and which it does not), and the
spheres of cooperation with a region.

The news not naming a region for something is not the news saying the region lacks it:
a list with a negation («у каких регионов нет поставок рыбы?») names the regions the news
says nothing of, as such.
"""

from __future__ import annotations

from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.intents import Frame
from bot.engine.senses import MEASURE_OF
from db.models import Fact


def _topic_word(book: FactBook, ask: Ask) -> str:
    """The one topic asked of, as typed («рыбы»), for the first sentence to name it."""
    if len(ask.topics) != 1:
        return ""
    key = ask.topics[0]
    typed = ask.query.topic_words.get(key) or book.lexicon.topics[key].words[0]
    morph = book.lexicon.morph
    for term in book.content.terms:  # a name the news gives: «Московские сезоны», quoted
        name = term.words[0]
        if name[:1].isupper() and morph.lemmas(name) == morph.lemmas(typed):
            return f"«{name}»"
    return typed


def listing(book: FactBook, ask: Ask, frame: Frame) -> Answer:
    if frame.sectors_asked or not (ask.sectors or ask.topics or ask.asks):
        return _sectors(book, ask)
    measures = {MEASURE_OF[a] for a in ask.asks if a in MEASURE_OF}
    having: list[str] = []
    shown: list[Fact] = []
    for region in book.regions:
        facts = book.scope([region], ask.sectors) if ask.sectors else book.of_regions([region])
        if ask.topics:
            facts = [f for f in facts if any(book.speaks_of(f, t) for t in ask.topics)]
        if measures:
            facts = [f for f in facts if f.measures() & measures]
        if facts:
            having.append(region)
            ranked = book.rank(facts, ask.query.nouns)
            shown.append(next((f for f in ranked if f.figures), ranked[0]))
    others = tuple(r for r in book.regions if r not in having)
    lead = Lead(
        LeadKind.LIST,
        regions=tuple(having),
        others=others,
        target="negated" if frame.negated else None,
        word=_topic_word(book, ask),
    )
    coverage = Coverage.EXACT if having else Coverage.NONE
    return Answer(
        AnswerKind.COMPARE,
        coverage,
        sectors=tuple(ask.sectors),
        facts=tuple(shown),
        lead=lead,
        reason=None if having else Reason.NOT_IN_NEWS,
    )


def _sectors(book: FactBook, ask: Ask) -> Answer:
    """The spheres the news tells of, for the regions named (or each region)."""
    regions = ask.regions or list(book.regions)
    return Answer(
        AnswerKind.REGION,
        Coverage.EXACT,
        regions=tuple(ask.regions),
        lead=Lead(LeadKind.SECTORS, regions=tuple(regions)),
    )
