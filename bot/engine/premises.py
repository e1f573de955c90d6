"""False premises: a question that takes for granted what the news contradicts.

«Турчак возглавляет Пензенскую область?», «Хуснуллин подписал соглашение с Пензой?»,
«Правда, что 10 000 пензенцев лечились в Москве?», «соглашение на десять лет»,
«соглашение с Алтаем подписали в 2020 году?» (2020 is the previous agreement's year).
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine import cues
from bot.engine.analysis import Claim, Query
from bot.engine.answer import Answer, AnswerKind, Correction, Coverage, Lead, LeadKind
from bot.engine.ask import Ask
from bot.engine.facts import FactBook
from bot.engine.senses import MEASURE_OF, Asked
from db.models import Fact, Figure

TOLERANCE = 0.005  # «7,8 тысяч» is 7 800; a claim within half a percent is the same figure
ABOUT = 0.1  # «около 8 тысяч» of 7 800: an estimate within a tenth


def find(query: Query, regions: list[str], sectors: list[str], book: FactBook) -> Correction | None:
    lexicon = book.lexicon
    for key in query.persons:
        person = lexicon.persons[key]
        if person.region is not None and regions and person.region not in regions:
            return Correction("head", person=key, region=regions[0])
        partners = book.content.partners_agreement.id
        regional = bool(regions) or any(t.lemma in cues.REGION_NOUNS for t in query.tokens)
        if person.region is None and partners not in person.agreements and regional:
            return Correction("signatory", person=key, region=regions[0] if regions else None)
        if _wrong_title(query, regions, key, book):  # «Хуснуллин ведь губернатор…?»
            return Correction("title", person=key)
        theirs = _agreement_of(book, [s for s in sectors if s in book.federal])
        if theirs != partners and theirs not in person.agreements and query.signing:
            return Correction("signatory", person=key, agreement=theirs)  # «Мельниченко: стройка»
    agreement = "agreement" in query.intents or query.asked in (Asked.TERM, Asked.DATE)
    term = book.content.partners_agreement.term_years
    if query.term_claim is not None and agreement and term and query.term_claim != term:
        return Correction("term", claimed=float(query.term_claim))
    if agreement and query.signing and not sectors and not query.previous:
        for region_id in regions or list(book.regions):
            previous = book.regions[region_id].previous_agreement
            if previous is not None and previous.year in query.years:
                return Correction("previous_year", region=region_id, claimed=previous.year)
    about_previous = query.previous and "agreement" in query.intents and not sectors
    if about_previous and query.years and len(regions) == 1:  # «прежнее — 2018 года?»
        previous = book.regions[regions[0]].previous_agreement
        if previous is not None and previous.year not in query.years:
            return Correction("previous_wrong", region=regions[0], claimed=query.years[0])
    if query.strangers and (query.signing or "agreement" in query.intents):
        federal = [s for s in sectors if s in book.federal]
        signed = _agreement_of(book, federal)
        region = regions[0] if regions and not federal else None
        return Correction("stranger", person=query.strangers[0], region=region, agreement=signed)
    return _figure(query, regions, sectors, book)


# the word a claim uses for a kind of subject: «Алтай — это край?»
KIND_WORDS = {"республика": "republic", "край": "krai", "область": "oblast"}


def _wrong_title(query: Query, regions: list[str], key: str, book: FactBook) -> bool:
    """A claim calls the one person named by the post of another («Кухарук — мэр?»): the
    posts are the first words of the titles the content gives."""
    lemmas = {t.lemma for t in query.tokens}
    if len(query.persons) != 1 or regions or lemmas & cues.QUESTION_WORDS:
        return False
    posts = book.lexicon.posts
    said = lemmas & set(posts.values())
    return bool(said) and posts[key] not in said


def wrong_place(ask: Ask, book: FactBook, *, claim: bool) -> Answer | None:
    """Where a claim puts the one region named: in another federal district («Пенза —
    лидер Центрального федерального округа?»), ranked across the country where the news
    ranks it within its district («…лидер среди всех регионов России?»), or as another
    kind of subject («Алтай — это край?», when `claim`)."""
    if len(ask.named) != 1:
        return None
    region = ask.named[0]
    named = [o for o in ask.others if o.kind == "district"]
    lemmas = {t.lemma for t in ask.query.tokens}
    ranks = lemmas & (cues.COMPARE | {"место"}) and not lemmas & cues.QUESTION_WORDS
    country = bool(lemmas & cues.COUNTRY and ranks)
    subject = book.lexicon.subjects[book.regions[region].subject]
    district = book.lexicon.districts[subject.district]
    if named or country:
        told = next(
            (f for f in book.of_regions([region]) if book.mentions_district(f, district.id)), None
        )
        if (named and district.name != named[0].name) or (country and told is not None):
            kind = "district" if named else "scope"
            correction = Correction(kind, region=region, place=district.name, fact=told)
            return Answer(
                AnswerKind.CORRECTION, Coverage.CORRECTION, (region,), correction=correction
            )
    kinds = kind_claimed(ask.query, ask.named, book) if claim else None
    if kinds is None:
        return None
    if kinds[0] == kinds[1]:  # «Югра — автономный округ?»: yes
        return Answer(
            AnswerKind.REGION, Coverage.EXACT, (region,), lead=Lead(LeadKind.VERDICT, target="yes")
        )
    correction = Correction("kind", region=region, kinds=kinds)
    return Answer(AnswerKind.CORRECTION, Coverage.CORRECTION, (region,), correction=correction)


def kind_claimed(query: Query, regions: list[str], book: FactBook) -> tuple[str, str] | None:
    """«Алтай в новости — это край?»: the kind of subject a claim calls the one region
    named, beside its own kind (the words of its own name aside)."""
    tokens = query.tokens
    lemmas = {t.lemma for t in tokens}
    if len(regions) != 1 or query.previous or lemmas & cues.QUESTION_WORDS:
        return None
    subject = book.lexicon.subjects[book.regions[regions[0]].subject]
    said: set[str] = set()
    for i, token in enumerate(tokens):
        kind = KIND_WORDS.get(token.lemma) or (
            "autonomous_okrug" if token.lemma == "автономный" else ""
        )
        named = i > 0 and tokens[i - 1].pos in ("ADJF", "ADJS")  # «Пензенская область»
        named = named or (kind == "republic" and i + 1 < len(tokens) and not tokens[i + 1].known)
        named = named or (
            kind == "republic" and i + 1 < len(tokens) and tokens[i + 1].pos == "NOUN"
        )
        if kind and not named:
            said.add(kind)
    others = said - {subject.kind}
    if len(others) > 1 or not said:
        return None
    return subject.kind, next(iter(others), subject.kind)


def _agreement_of(book: FactBook, federal: list[str]) -> str:
    for sector in book.content.sectors:
        if sector.id in federal and sector.agreement:
            return sector.agreement
    return book.content.partners_agreement.id


def _figure(
    query: Query, regions: list[str], sectors: list[str], book: FactBook
) -> Correction | None:
    """A stated figure that differs from the news for the one region asked about, or that
    is word for word another region's figure («более 300 пензенцев»: 300 is Altai's); with
    as many figures as regions, each region's own, in the order named («почему из Югры
    лечились 7 800, а с Алтая всего 300?»)."""
    if len(regions) > 1 and len(query.claims) == len(regions):
        for claim, region in zip(query.claims, regions, strict=True):
            one = replace(query, claims=[claim])
            found = _figure(one, [region], sectors, book)
            if found is not None:
                return found
        return None
    if not query.claims or len(regions) != 1:
        return None
    measure = MEASURE_OF.get(query.asked) if query.asked else None
    units = {c.unit for c in query.claims if c.unit}
    facts = book.scope(regions, sectors or [s.id for s in book.content.sectors])
    candidates = [
        (fact, name, figure)
        for fact in facts
        for name, figure in fact.figures.items()
        if ((figure.unit in units) if units else (measure is None or figure.measure == measure))
    ]
    claim = query.claims[0]
    elsewhere = _elsewhere(claim, regions, book, measure)
    if not candidates:
        if elsewhere is None or (measure is None and not sectors and not units):
            return None
        return Correction("figure", region=regions[0], claimed=claim.value, elsewhere=elsewhere)
    if measure is None and not sectors and not units:
        return None
    agrees = any(holds(c, figure) for c in query.claims for _, _, figure in candidates)
    same = any(_same(c.value, figure.value) for c in query.claims for _, _, figure in candidates)
    if agrees and (same or elsewhere is None):
        return None
    fact, name, _ = candidates[0]
    return Correction(
        "figure", region=regions[0], claimed=claim.value, fact=fact, figure=name,
        elsewhere=elsewhere,
    )  # fmt: skip


def _elsewhere(
    claim: Claim, regions: list[str], book: FactBook, measure: str | None
) -> Fact | None:
    """A fact of another region whose figure is the one stated: «7 800 жителей Югры»."""
    for other in book.content.facts:
        if other.region in regions or other.region is None:
            continue
        for figure in other.figures.values():
            unit_fits = claim.unit is None or figure.unit == claim.unit
            measure_fits = measure is None or figure.measure == measure
            if unit_fits and measure_fits and _same(claim.value, figure.value):
                return other
    return None


def _same(claimed: float, value: float) -> bool:
    return abs(claimed - value) <= value * TOLERANCE


def holds(claim: Claim, figure: Figure) -> bool:
    """The stated figure agrees with the news: the same (within half a percent), «около»
    within a tenth, «больше N» where the news' figure is at least N."""
    value = figure.value
    if claim.relation == "gt":
        return value >= claim.value * (1 - TOLERANCE)
    if claim.relation == "lt":
        return value < claim.value if not figure.more_than else claim.value > value
    limit = ABOUT if claim.relation == "about" else TOLERANCE
    return abs(claim.value - value) <= value * limit
