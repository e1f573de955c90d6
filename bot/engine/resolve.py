"""Places made regions: the partner regions a question means (by name, town, people,
district, the person who heads one, or the figure it states), the places that are not
partners, the towns and districts named for a partner."""

from __future__ import annotations

from bot.engine import cues, premises
from bot.engine.analysis import Mention, Query, Role
from bot.engine.answer import OtherPlace
from bot.engine.ask import Ask
from bot.engine.lexicon import Lexicon
from bot.engine.senses import MOSCOW_SUBJECT
from db.models import Content


class Resolver:
    def __init__(self, content: Content, lexicon: Lexicon) -> None:
        self.content = content
        self.lexicon = lexicon

    def ask(self, query: Query) -> Ask:
        """The question as the policy reads it: its places as regions and others."""
        lexicon = self.lexicon
        regions: list[str] = []
        towns: dict[str, str] = {}
        others: list[OtherPlace] = []
        districts: dict[str, str] = {}  # region → the federal district it was named by
        by_name = {
            m.subject
            for m in query.mentions
            if m.sense.kind != "town" and m.role is not Role.BACKGROUND
        }
        # a town named around the question is meant only where the question says «город»;
        # one the question itself names is not, where it asks of «наша республика»
        lemmas = {t.lemma for t in query.tokens}
        settled = bool(lemmas & cues.SETTLEMENTS)
        regional = bool(lemmas & cues.REGION_NOUNS) and not settled
        for mention in query.mentions:
            sense, subject = mention.sense, mention.subject
            if sense.kind == "district":
                inside = [
                    region
                    for s, region in lexicon.partner_of.items()
                    if lexicon.subjects[s].district == sense.key
                ]
                direct = {lexicon.partner_of[s] for s in by_name if s in lexicon.partner_of}
                if direct:  # «Пенза — лидер ПФО?» qualifies Пенза; «…Уральского?» is wrong
                    inside = [r for r in inside if r in direct]
                regions += inside
                districts.update(dict.fromkeys(inside, sense.key))
                if not inside:
                    others.append(OtherPlace(lexicon.place_name(sense), "district"))
            elif subject in lexicon.partner_of:
                region = lexicon.partner_of[subject]
                regions.append(region)
                town = lexicon.place_name(sense)
                capital = _town_meant(query, mention, lexicon.subjects[subject].towns)
                if capital is not None:  # «жителей именно города Пензы, не области»
                    towns[region] = capital
                if (
                    sense.kind == "town"
                    and (mention.role is not Role.BACKGROUND or settled)
                    and not regional
                    and subject not in by_name
                    and town not in lexicon.subjects[subject].names
                ):
                    towns[region] = town
            elif subject is not None and subject != MOSCOW_SUBJECT:
                place = lexicon.subjects[subject]
                confused = (
                    lexicon.partner_of.get(place.confused_with) if place.confused_with else None
                )
                if sense.kind == "town":
                    others.append(
                        OtherPlace(lexicon.place_name(sense), "town", confused, within=place.name)
                    )
                else:
                    others.append(OtherPlace(place.name, "subject", confused))
        if any(o.kind == "subject" for o in others):  # «Мордовия тоже в ПФО — она…»
            partners = lexicon.partner_of
            direct = {partners[m.subject] for m in query.mentions if m.subject in partners}
            regions = [r for r in regions if r in direct]
        regions = _focus(query, list(dict.fromkeys(regions)), lexicon.partner_of)
        named = list(regions)
        if not regions and not others:  # «за какой период указано, что 7 800 лечились?»
            regions = self._owner_of_claims(query)
        strong = query.strong_sectors
        sectors = [s for s in query.sectors if s in strong] if strong else list(query.sectors)
        if not sectors:  # «649 млн у Алтая — это за какой период?»: the figure's own sphere
            sectors = self._sectors_of_claims(query, named)
        for key in query.persons:  # «регион Мельниченко», «Хуснуллин»: who they stand for
            person = lexicon.persons[key]
            if person.region is not None and not regions and not others:
                regions.append(person.region)
            if self.content.partners_agreement.id in person.agreements:
                continue  # a party to every agreement (Собянин) points at none of them
            sectors += [
                s.id
                for s in self.content.sectors
                if s.agreement in person.agreements and s.id not in sectors
            ]
        return Ask(
            query,
            regions=list(dict.fromkeys(regions)),
            sectors=sectors,
            topics=[t for t in query.topics if t.split("|", 1)[0] in sectors],
            asks=list(query.asks),
            years=list(dict.fromkeys(query.years)),
            since=query.since,
            until=query.until and len(query.years) == 1,
            towns={r: t for r, t in towns.items() if r in regions},
            districts={r: d for r, d in districts.items() if r in regions},
            others=list(dict.fromkeys(others)),
            named=named,
        )

    def _sectors_of_claims(self, query: Query, regions: list[str]) -> list[str]:
        """The spheres of the facts whose figure a question states exactly, among the
        regions it names."""
        return list(
            dict.fromkeys(
                fact.sector
                for claim in query.claims
                if claim.relation == "eq"
                for fact in self.content.facts
                if fact.region in regions
                for figure in fact.figures.values()
                if (claim.unit is None or claim.unit == figure.unit)
                and premises.holds(claim, figure)
            )
        )

    def _owner_of_claims(self, query: Query) -> list[str]:
        """The region whose figure a question states exactly, when it names none."""
        owners = {
            fact.region
            for claim in query.claims
            if claim.relation == "eq"
            for fact in self.content.facts
            for figure in fact.figures.values()
            if (claim.unit is None or claim.unit == figure.unit) and premises.holds(claim, figure)
        }
        return [owner for owner in owners if owner] if len(owners) == 1 else []


def _town_meant(query: Query, mention: Mention, towns: list[str]) -> str | None:
    """A region's name after «город» means its town of that name: «города Пензы»."""
    if mention.sense.kind != "place":
        return None
    for i, token in enumerate(query.tokens[:-1]):
        nxt = query.tokens[i + 1]
        if token.lemma in cues.SETTLEMENTS and nxt.parse.lemmas & {t.lower() for t in towns}:
            return next(t for t in towns if t.lower() in nxt.parse.lemmas)
    return None


def _focus(query: Query, regions: list[str], partner_of: dict[str, str]) -> list[str]:
    """With several regions and a sector, the regions named in a sentence with a sector:
    «…сколько жителей Югры лечились? А то в одном абзаце про Пензу» is about Югра."""
    if len(regions) < 2 or not query.sector_sentences:
        return regions
    with_sector = set().union(*query.sector_sentences.values())
    focused = {
        partner_of[m.subject]
        for m in query.mentions
        if m.subject in partner_of and m.sentence in with_sector
    }
    return [r for r in regions if r in focused] or regions
