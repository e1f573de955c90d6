"""False premises: a question that takes for granted what the news contradicts.

«Турчак возглавляет Пензенскую область?», «Хуснуллин подписал соглашение с Пензой?»,
«Правда, что 10 000 пензенцев лечились в Москве?», «соглашение на десять лет»,
«соглашение с Алтаем подписали в 2020 году?» (2020 is the previous agreement's year).
"""

from __future__ import annotations

from bot.engine.analysis import Query
from bot.engine.answer import Correction
from bot.engine.facts import FactBook
from bot.engine.senses import MEASURE_OF, Asked

TOLERANCE = 0.005  # «7,8 тысяч» is 7 800; a claim within half a percent is the same figure


def find(query: Query, regions: list[str], sectors: list[str], book: FactBook) -> Correction | None:
    lexicon = book.lexicon
    for key in query.persons:
        person = lexicon.persons[key]
        if person.region is not None and regions and person.region not in regions:
            return Correction("head", person=key, region=regions[0])
        partners = book.content.partners_agreement.id
        if person.region is None and partners not in person.agreements and regions:
            return Correction("signatory", person=key, region=regions[0])
    agreement = "agreement" in query.intents or query.asked in (Asked.TERM, Asked.DATE)
    term = book.content.partners_agreement.term_years
    if query.term_claim is not None and agreement and term and query.term_claim != term:
        return Correction("term", claimed=float(query.term_claim))
    if agreement and query.signing and not sectors:
        for region_id in regions or list(book.regions):
            previous = book.regions[region_id].previous_agreement
            if previous is not None and previous.year in query.years:
                return Correction("previous_year", region=region_id, claimed=previous.year)
    return _figure(query, regions, sectors, book)


def _figure(
    query: Query, regions: list[str], sectors: list[str], book: FactBook
) -> Correction | None:
    """A stated figure that differs from the news for the one region asked about."""
    if not query.claims or len(regions) != 1:
        return None
    measure = MEASURE_OF.get(query.asked) if query.asked else None
    facts = book.scope(regions, sectors or [s.id for s in book.content.sectors])
    candidates = [
        (fact, figure)
        for fact in facts
        for figure in fact.figures.values()
        if measure is None or figure.measure == measure
    ]
    if not candidates or (measure is None and not sectors):
        return None
    for claim in query.claims:
        if any(abs(claim - figure.value) <= figure.value * TOLERANCE for _, figure in candidates):
            return None
    fact = candidates[0][0]
    return Correction("figure", region=regions[0], claimed=query.claims[0], fact=fact)
