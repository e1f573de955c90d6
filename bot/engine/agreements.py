"""What the agreements are: what they cover, for how long, who signed them, and what the
news does not say of them (their money, when they end, where and when they were signed,
their full text).

The regional agreements cover trade and the economy, science and technology, and culture,
for five years; the construction agreement has its own directions and no term stated. A
term is never carried over from one agreement to another.
"""

from __future__ import annotations

from bot.engine import cues, senses
from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.intents import Frame, Intent
from bot.engine.phrases import has_phrase
from bot.engine.senses import Asked
from db.models import Agreement, Fact

UNTOLD = ("funding", "until", "place", "text", "changes")


def aspect(ask: Ask, frame: Frame) -> str | None:
    """What a question asks about the agreements, if it asks about them at all."""
    query = ask.query
    if set(ask.asks) & {Asked.WHO_SIGNED, Asked.WHO_HEADS}:
        return None  # the policy's answer names them
    lemmas = [t.lemma for t in query.tokens]
    words = set(lemmas) | {lemma for t in query.tokens for lemma in t.parse.lemmas}
    about = bool(words & cues.AGREEMENT_WORDS) or "agreement" in query.intents
    if about and words & cues.TEXT:
        return "text"  # «где прочитать полный текст соглашения»
    if set(ask.asks) & {Asked.HOW_TO, Asked.WHERE_BUY, Asked.COST, Asked.NAMES}:
        return None  # how to take part, what it costs: the policy says the news does not tell
    if (Asked.TERM in ask.asks or query.term_claim is not None) and about:
        return "term"  # «на сколько лет?», «это соглашение тоже на пять лет?»
    money = words & cues.FUNDING and not words & senses.CONTRACT and not ask.topics
    if money and (about or words & cues.INVESTING):
        return "funding"
    if about and (
        words & (cues.UNTIL - {"до", "действовать"})
        or has_phrase(lemmas, ("до", "какой"))
        or has_phrase(lemmas, ("до", "когда"))
        or query.until  # «будет ли соглашение действовать до 2030 года?»
    ):
        return "until"
    compared = frame.intent is Intent.COMPARE or frame.inner is Intent.COMPARE
    if compared:
        return None  # «где больше заключено контрактов: в Пензе или в ХМАО?»
    if (query.signing or "подписание" in words) and words & cues.PLACE and "где" in lemmas:
        return "place"
    if about and words & cues.PLACE - {"где"} and (query.signing or "подписание" in words):
        return "place"
    counted = _counted(lemmas)
    agreements_or_parties = counted in cues.AGREEMENT_WORDS or (
        counted in cues.REGION_NOUNS and (about or query.signing)
    )  # «сколько соглашений», «сколько регионов подписали соглашения»
    if agreements_or_parties and not query.years and not words & senses.YEARS:
        return "count"
    changes = words & cues.CHANGES or has_phrase(lemmas, ("что", "новый"))
    if about and query.previous and changes:
        return "changes"  # «что нового по сравнению с прежним?»
    if about and words & cues.WHY:
        return "why"
    checked = frame.intent is Intent.VERIFY or frame.checked
    if checked and about and (query.topics or query.general_sectors):
        return "area"  # «а наука в соглашениях есть?», «…включает контроль качества?»
    about_what = has_phrase(lemmas, ("о", "что")) or has_phrase(lemmas, ("о", "чем"))
    if about and (words & cues.COVERS or about_what):
        return "covers"  # «что входит в соглашение», «о чём соглашение»
    return None


def _counted(lemmas: list[str]) -> str:
    """The noun «сколько» counts: «сколько соглашений» → соглашение."""
    for i, lemma in enumerate(lemmas):
        if lemma == "сколько":
            return next((w for w in lemmas[i + 1 : i + 3] if w not in ("всего", "весь")), "")
    return ""


def agreement_of(book: FactBook, ask: Ask) -> Agreement:
    """The construction agreement when its sphere or party is named, else the regional."""
    content = book.content
    federal = [s for s in ask.sectors if s in book.federal]
    if federal:
        sector = next(s for s in content.sectors if s.id == federal[0])
        found = next((a for a in content.agreements if a.id == sector.agreement), None)
        if found is not None:
            return found
    return content.partners_agreement


def answer(book: FactBook, ask: Ask, asked: str) -> Answer:
    agreement = agreement_of(book, ask)
    regions = tuple(ask.regions)
    if asked == "term":
        if agreement.term_years:
            return _exact(regions, Lead(LeadKind.TERM, word=agreement.id))
        lead = Lead(LeadKind.UNTOLD, target="term", word=agreement.id)
        return _untold(regions, lead, ())
    if asked == "area":
        return _covers(book, ask, agreement)
    if asked == "covers":
        return _exact(regions, Lead(LeadKind.AREAS, word=agreement.id))
    if asked == "count":
        return _exact(regions, Lead(LeadKind.AREAS, target="count", word=agreement.id))
    if asked == "why":
        return _exact(regions, Lead(LeadKind.AREAS, target="why", word=agreement.id))
    if asked == "until" and agreement.term_years:  # the term is told, the end is not
        lead = Lead(LeadKind.UNTOLD, target=asked, word=agreement.id)
        return Answer(
            AnswerKind.AGREEMENT, Coverage.PARTIAL, regions=regions, lead=lead,
            reason=Reason.PARTIAL,
        )  # fmt: skip
    offered: tuple[Fact, ...] = ()
    if asked == "funding" and agreement.scope == "partners" and ask.regions:
        # what money the news does give: the sums of the region's contracts
        offered = tuple(f for f in book.of_regions(ask.regions) if "contract_sum" in f.measures())
    lead = Lead(LeadKind.UNTOLD, target=asked, word=agreement.id, regions=regions)
    return _untold(regions, lead, offered)


def _covers(book: FactBook, ask: Ask, agreement: Agreement) -> Answer:
    """What the agreement covers; a word asked about that falls under one of its areas
    («а наука в соглашениях есть?») names that area."""
    query = ask.query
    lemmas = {t.lemma for t in query.tokens} | {x for t in query.tokens for x in t.parse.lemmas}
    areas = book.lexicon.area_words
    named = [n for n in range(len(agreement.areas)) if areas[agreement.id, n] & lemmas]
    if named and lemmas & cues.ONLY and len(named) < len(agreement.areas):
        # «только про экономику?»: not only; all its areas
        lead = Lead(LeadKind.AREAS, word=agreement.id)
        return Answer(AnswerKind.AGREEMENT, Coverage.CORRECTION, tuple(ask.regions), lead=lead)
    if named:
        return _exact(
            tuple(ask.regions), Lead(LeadKind.AREAS, target=str(named[0]), word=agreement.id)
        )
    if query.topics or query.general_sectors:
        sectors = [s for s in ask.sectors if s not in book.federal]
        related = tuple(f for f in book.scope([*book.regions], sectors))
        lead = Lead(LeadKind.AREAS, target="absent", word=agreement.id)
        return Answer(
            AnswerKind.AGREEMENT,
            Coverage.PARTIAL if related else Coverage.NONE,
            regions=tuple(ask.regions),
            facts=related[:3],
            lead=lead,
            reason=Reason.PARTIAL if related else Reason.NOT_IN_NEWS,
        )
    return _exact(tuple(ask.regions), Lead(LeadKind.AREAS, word=agreement.id))


def _exact(regions: tuple[str, ...], lead: Lead) -> Answer:
    return Answer(AnswerKind.AGREEMENT, Coverage.EXACT, regions=regions, lead=lead)


def _untold(regions: tuple[str, ...], lead: Lead, offered: tuple[Fact, ...]) -> Answer:
    return Answer(
        AnswerKind.AGREEMENT,
        Coverage.NONE,
        regions=regions,
        facts=offered,
        lead=lead,
        reason=Reason.NOT_IN_NEWS,
    )
