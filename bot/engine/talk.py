"""Replies that are not about one figure: small talk, a message not understood, a word
of the news explained, the news retold, and a request to invent or pretend refused."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import premises
from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.intents import Frame


def smalltalk(kind: str) -> Answer:
    return Answer(
        AnswerKind.SMALLTALK,
        Coverage.SMALLTALK,
        smalltalk=kind,
        lead=Lead(LeadKind.SMALLTALK, target=kind),
    )


def unclear(book: FactBook, number: float | None = None) -> Answer:
    """Not understood; a lone number that is a figure of the news is named with its fact."""
    facts = tuple(
        f
        for f in book.content.facts
        if number is not None and any(abs(g.value - number) < 1e-9 for g in f.figures.values())
    )
    return Answer(
        AnswerKind.UNKNOWN,
        Coverage.UNCLEAR,
        facts=facts,
        lead=Lead(LeadKind.UNCLEAR, value=number),
        reason=Reason.NO_TOPIC,
    )


def summary(book: FactBook) -> Answer:
    """The news retold: the agreements, then one key figure of each region."""
    facts = []
    for region in book.regions:
        key = [f for f in book.of_regions([region]) if f.key]
        facts += key[:1]
    return Answer(
        AnswerKind.SUMMARY, Coverage.EXACT, facts=tuple(facts), lead=Lead(LeadKind.SUMMARY)
    )


def source(book: FactBook, ask: Ask) -> Answer:
    """Where a figure comes from (the fact whose figure the question states, or the facts
    of the region it names), or where all the bot says comes from."""
    claims = [c for c in ask.query.claims if c.relation == "eq"]
    facts = [
        f
        for f in book.content.facts
        if any(premises.holds(c, g) for c in claims for g in f.figures.values())
    ]
    if not facts and ask.regions:
        facts = book.scope(ask.regions, ask.sectors) if ask.sectors else []
        facts = sorted(facts, key=lambda f: f.note is None)  # where the news is wrong, first
    lead = Lead(LeadKind.SOURCE)
    return Answer(AnswerKind.FACTS, Coverage.EXACT, facts=tuple(facts[:1]), lead=lead)


def explain(book: FactBook, ask: Ask, frame: Frame) -> Answer:
    """A word of the glossary; a word of a sphere the news uses but does not explain (what
    it says of it follows); a word the news does not use."""
    query = ask.query
    if query.terms:
        lead = Lead(LeadKind.MEANING, word=str(query.terms[0]))
        return Answer(AnswerKind.TERM, Coverage.EXACT, lead=lead)
    facts = book.scope([*book.regions, None], ask.sectors)
    if ask.topics:
        facts = [f for f in facts if any(book.speaks_of(f, t) for t in ask.topics)] or facts
    lead = Lead(LeadKind.NOT_DEFINED, word=frame.term)
    if facts:
        return Answer(
            AnswerKind.TERM,
            Coverage.PARTIAL,
            sectors=tuple(ask.sectors),
            facts=tuple(facts[:3]),
            lead=lead,
            reason=Reason.PARTIAL,
        )
    return Answer(AnswerKind.TERM, Coverage.NONE, lead=lead, reason=Reason.NOT_IN_NEWS)


def refuse(base: Answer) -> Answer:
    """Asked to forget, pretend or invent: a polite refusal, then the true answer."""
    told = base.coverage not in (Coverage.UNCLEAR, Coverage.SMALLTALK)
    return replace(
        base,
        kind=base.kind if told else AnswerKind.SMALLTALK,
        coverage=base.coverage if told else Coverage.SMALLTALK,
        lead=Lead(LeadKind.REFUSAL, base=base.lead if told else None),
        reason=base.reason if told else None,
    )
