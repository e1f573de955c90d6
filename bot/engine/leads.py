"""The opening sentence of an answer the policy gave: the fact that answers, one measure
region by region, what the news says of a region, who signed or heads."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import cues
from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.measures import item, measure_asked
from bot.engine.senses import Asked


def value_lead(book: FactBook, ask: Ask, answer: Answer) -> Answer:
    if answer.lead is not None or answer.gaps or answer.coverage is not Coverage.EXACT:
        return answer
    lead: Lead | None = None
    if answer.kind is AnswerKind.REGION:
        lead = Lead(LeadKind.REGION, regions=answer.regions)
    elif answer.kind is AnswerKind.AGREEMENT:
        lead = _agreement(book, ask)
    elif answer.kind is AnswerKind.COMPARE and not answer.sectors:
        lead = Lead(LeadKind.SUMMARY)
    elif answer.facts:
        measure = measure_asked(book, ask)
        measured = [f for f in answer.facts if measure is not None and measure in f.measures()]
        regions = {f.region for f in measured}
        if measure is not None and len(regions) > 1:
            items = tuple(item(f, measure) for f in measured)
            lead = Lead(LeadKind.BY_REGION, items=items, measure=measure)
        else:
            lead = Lead(LeadKind.FACT)
    return answer if lead is None else replace(answer, lead=lead)


def _agreement(book: FactBook, ask: Ask) -> Lead:
    partners = book.content.partners_agreement.id
    if ask.asked is Asked.WHO_HEADS and ask.regions:
        return Lead(LeadKind.PERSON, word="head", regions=tuple(ask.regions))
    if ask.asked is Asked.DATE or ask.query.previous:
        return Lead(LeadKind.AREAS, target="previous", regions=tuple(ask.regions))
    if ask.asked is Asked.TERM:
        return Lead(LeadKind.TERM, word=partners)
    if ask.asked is Asked.WHO_SIGNED or ask.query.persons:
        return Lead(LeadKind.AREAS, target="parties", word=partners, regions=tuple(ask.regions))
    if _which_regions(ask) and not ask.regions:  # «с какими регионами подписали…»
        return Lead(LeadKind.AREAS, target="count", word=partners)
    return Lead(LeadKind.AREAS, word=partners)


def _which_regions(ask: Ask) -> bool:
    tokens = ask.query.tokens
    return any(
        t.lemma in cues.WHICH and i + 1 < len(tokens) and tokens[i + 1].lemma in cues.REGION_NOUNS
        for i, t in enumerate(tokens)
    )
