"""A claim checked: the answer it rests on, opened by yes, no or in part.

The claim is evaluated as a question of its own (a figure, a comparison, a list, a
person's role); the verdict follows from how far the news answers it: in full → yes; it
contradicts the claim → no, with the right fact; in part → in part; not at all → the news
does not say (never «no»: what the news does not mention may still be so). A claim asked
with a negation («разве Пенза не лидер?») gets the fact stated, without yes or no, which
would be ambiguous in Russian.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.engine import cues, senses
from bot.engine.analysis import Query
from bot.engine.answer import Answer, AnswerKind, Coverage, Gap, GapKind, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.intents import Frame
from bot.engine.senses import Asked

_VERDICTS = {
    Coverage.EXACT: "yes",
    Coverage.CORRECTION: "no",
    Coverage.PARTIAL: "partly",
    Coverage.NONE: "unknown",
}


def check(
    book: FactBook, ask: Ask, frame: Frame, evaluate: Callable[[Ask, Frame], Answer]
) -> Answer:
    """A claim: the answer to what it asks (`evaluate`), opened by the verdict on it."""
    query = ask.query
    agreement = query.persons or "agreement" in query.intents
    contracts = {t.lemma for t in query.tokens} & senses.CONTRACT
    claims = query.claims or query.term_claim is not None
    if agreement and query.signing and not (ask.asks or claims or contracts):
        # «Собянин подписал…?»: who signed; «…подписали в 2025 году?»: when
        ask = replace(ask, asks=[Asked.DATE if query.years else Asked.WHO_SIGNED])
    base = evaluate(ask, replace(frame, intent=frame.inner, checked=True))
    future = _future(query, base)
    # a word no fact uses is not confirmed by them; with no facts (an agreement's areas), a
    # word not understood that no fact of the news uses: «налоговые льготы для бизнеса?»
    foreign = [n for n in query.nouns if base.facts or (n in query.residue and not future)]
    unexplained = any(not book.explains(n, base.facts or book.content.facts) for n in foreign)
    words = {t.lemma for t in query.tokens}
    unexplained = unexplained or (bool(words & (senses.COST | senses.HOW_TO)) and bool(base.facts))
    # the construction agreement is not one with a partner region: «касается ли Пензы?»
    federal = bool(ask.regions and set(query.sectors) & book.federal)
    unexplained = unexplained or (federal and not future)
    # a card says nothing of what the claim adds: «…ездят отдыхать на Алтай?»
    lead = base.lead
    general = (
        lead is None
        or lead.kind is LeadKind.REGION
        or (lead.kind is LeadKind.AREAS and not lead.target)
    )
    card = base.kind in (AnswerKind.REGION, AnswerKind.AGREEMENT) and general
    unexplained = unexplained or (card and bool(query.residue))
    claimed = ask.named[0] if ask.named else None
    # «будет ли Москва покупать дальше?»: figures of the past say nothing of it;
    # «будут ли сервисы в других регионах?»: the news gives it as an aim
    past = bool(base.facts) and all(f.period is not None for f in base.facts)
    unexplained = unexplained or (future and past)
    if ask.towns and base.kind in (AnswerKind.AGREEMENT, AnswerKind.REGION):
        base = replace(base, gaps=(*base.gaps, *_towns(ask)))  # «Горно-Алтайск входит…?»
    return verdict(base, frame, unexplained, claimed, future=future)


def _towns(ask: Ask) -> tuple[Gap, ...]:
    return tuple(Gap(GapKind.TOWN, town, region) for region, town in ask.towns.items())


def _future(query: Query, answer: Answer) -> bool:
    """Asks what will be («будет ли Москва покупать дальше?», «будут ли сервисы в других
    регионах?») of facts that tell what was or what is intended."""
    future = any(t.parse.tense == "futr" for t in query.tokens) or _intended(query)
    lead = answer.lead
    # «продлят ли соглашения?»; not «действует до 2030?» (the end untold), nor an aim the
    # agreement names («будут дорабатывать законы?»)
    told = lead is not None and (
        lead.kind is LeadKind.UNTOLD
        or (lead.kind is LeadKind.AREAS and (lead.target or "").isdigit())
    )
    agreements = answer.kind is AnswerKind.AGREEMENT and not told
    return future and (bool(answer.facts) or agreements)


def _intended(query: Query) -> bool:
    """An intention: a verb in the present that governs a perfective infinitive
    («планирует подписать», «собираются продлить»), not one that frames the question
    («хочу узнать») nor a purpose («чтобы получить»)."""
    tokens = query.tokens
    governed = [  # «…, чтобы получить»: a purpose, not an intention
        i
        for i, t in enumerate(tokens)
        if t.pos == "INFN" and t.parse.perfective and (i == 0 or tokens[i - 1].lemma != "чтобы")
    ]
    return (
        any(
            verb.parse.tense == "pres" and verb.lemma not in cues.AUXILIARY and i < governed[-1]
            for i, verb in enumerate(tokens)
        )
        if governed
        else False
    )


def verdict(
    base: Answer,
    frame: Frame,
    unexplained: bool = False,
    claimed: str | None = None,
    *,
    future: bool = False,
) -> Answer:
    """`unexplained`: the claim has words the answer's facts do not speak of («московские
    налоги идут на лечение…?»): the facts do not confirm it, so it is not a yes.
    `claimed`: for a comparison, the region the claim puts first («у ХМАО меньше, чем у
    Алтая?», «почему Пенза поставляет больше?»). `future`: the claim is of what will be;
    the news tells what was done or intended."""
    if base.kind is AnswerKind.OTHER_REGION or base.coverage not in _VERDICTS:
        return base
    told = base.coverage in (Coverage.EXACT, Coverage.PARTIAL)
    if future and told and not unexplained:  # what was done or intended, not what will be
        return replace(
            base, coverage=Coverage.PARTIAL, gaps=(Gap(GapKind.CLAIM, "future"),), lead=None,
            reason=Reason.PARTIAL,
        )  # fmt: skip
    narrower = any(g.kind is GapKind.SUBSET for g in base.gaps)  # not named in the news
    if (unexplained or narrower) and base.coverage in (Coverage.EXACT, Coverage.PARTIAL):
        return replace(
            base,
            coverage=Coverage.NONE,
            gaps=(Gap(GapKind.CLAIM),),
            lead=None,
            reason=Reason.NOT_IN_NEWS,
        )
    said = _VERDICTS[base.coverage]
    lead = base.lead
    if claimed is not None and lead is not None and lead.kind is LeadKind.COMPARE:
        holds = lead.items[0].region == claimed  # the items are in the order asked
        said = "yes" if holds else "no"
        base = replace(base, coverage=Coverage.EXACT if holds else Coverage.CORRECTION)
    if frame.negated and said in ("yes", "no"):
        said = "state"
    if lead is not None and lead.kind is LeadKind.UNTOLD:
        said = "state"  # «действует до 2030 года?»: what the news does and does not give
    if any(g.kind is GapKind.TOWN for g in base.gaps):
        said = "state"  # «Сургут участвует?»: through its region; the town line says so
    return replace(base, lead=Lead(LeadKind.VERDICT, target=said, base=base.lead))
