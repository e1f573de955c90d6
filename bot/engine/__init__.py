"""The question engine: question text and chat context in, an `Answer` out.

It reads Russian (pymorphy3), knows every place of Russia (`db/places.toml`) and the
content's words, tells what is asked and which way, and decides by one answer policy
how far the news answers. It imports nothing from aiogram and needs no gettext context.
"""

from __future__ import annotations

import time
from dataclasses import replace

from bot.engine.analysis import Analyser, Query, Role
from bot.engine.answer import (
    Answer,
    AnswerKind,
    Correction,
    Coverage,
    Gap,
    GapKind,
    OtherPlace,
    Reason,
)
from bot.engine.ask import Ask
from bot.engine.context import ChatContext
from bot.engine.facts import FactBook
from bot.engine.lexicon import Lexicon
from bot.engine.morph import Morph, shared_morph
from bot.engine.policy import Policy
from bot.engine.senses import MOSCOW_SUBJECT, Asked
from db.models import Content
from db.places import Gazetteer, shared_gazetteer

__all__ = [
    "Answer",
    "AnswerKind",
    "Asked",
    "ChatContext",
    "Correction",
    "Coverage",
    "Engine",
    "Gap",
    "GapKind",
    "OtherPlace",
    "Reason",
]

QUESTION_LIMIT = 1000  # characters of a question that are read


class Engine:
    def __init__(
        self, content: Content, gazetteer: Gazetteer | None = None, morph: Morph | None = None
    ) -> None:
        self.content = content
        self.gazetteer = gazetteer or shared_gazetteer()
        self.lexicon = Lexicon(content, self.gazetteer, morph or shared_morph())
        self.analyser = Analyser(self.lexicon)
        self.book = FactBook(content, self.lexicon)
        self.policy = Policy(self.book)

    def answer(
        self, question: str, context: ChatContext | None = None, now: float | None = None
    ) -> Answer:
        now = time.time() if now is None else now
        context = context or ChatContext()
        query = self.analyser.read(question[:QUESTION_LIMIT])
        ask = self._ask(query)
        if context.fresh(now) and query.follow_up and _partial(ask):
            ask = _follow(ask, context)
        answer = self.policy.decide(ask)
        if ask.others and answer.kind is not AnswerKind.OTHER_REGION:
            answer = replace(answer, others=tuple(ask.others))
        if answer.kind in (AnswerKind.SMALLTALK, AnswerKind.UNKNOWN) and not ask.regions:
            return replace(answer, context=context)
        kept = ChatContext(
            regions=tuple(ask.regions),
            sectors=tuple(ask.sectors),
            topics=tuple(ask.topics),
            asked=None if ask.asked is None else str(ask.asked),
            years=tuple(ask.years),
            since=ask.since,
            at=now,
        )
        return replace(answer, context=kept)

    def find_region(self, text: str) -> str | OtherPlace | None:
        """The partner region a name stands for (`/region пенза`), or the place that is
        not a partner, or None."""
        ask = self._ask(self.analyser.read(text[:QUESTION_LIMIT]))
        if ask.regions:
            return ask.regions[0]
        return ask.others[0] if ask.others else None

    def _ask(self, query: Query) -> Ask:
        lexicon = self.lexicon
        regions: list[str] = []
        towns: dict[str, str] = {}
        others: list[OtherPlace] = []
        districts: dict[str, str] = {}  # region → the federal district it was named by
        by_name = {m.subject for m in query.mentions if m.sense.kind != "town"}
        for mention in query.mentions:
            sense, subject = mention.sense, mention.subject
            if sense.kind == "district":
                inside = [
                    region
                    for s, region in lexicon.partner_of.items()
                    if lexicon.subjects[s].district == sense.key
                ]
                regions += inside
                districts.update(dict.fromkeys(inside, sense.key))
                if not inside:
                    others.append(OtherPlace(lexicon.place_name(sense), "district"))
            elif subject in lexicon.partner_of:
                region = lexicon.partner_of[subject]
                regions.append(region)
                town = lexicon.place_name(sense)
                if (
                    sense.kind == "town"
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
        regions = _focus(query, list(dict.fromkeys(regions)), lexicon.partner_of)
        named = list(regions)
        strong = query.strong_sectors
        sectors = [s for s in query.sectors if s in strong] if strong else list(query.sectors)
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
            towns={r: t for r, t in towns.items() if r in regions},
            districts={r: d for r, d in districts.items() if r in regions},
            others=list(dict.fromkeys(others)),
            named=named,
        )


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


def _partial(ask: Ask) -> bool:
    """Says something, but not both where and what: «а в Югре?», «а в 2024?»."""
    where = bool(ask.regions or ask.others)
    what = bool(ask.sectors or ask.asks)
    return (where or what or bool(ask.years or ask.topics)) and not (where and what)


def _follow(ask: Ask, context: ChatContext) -> Ask:
    """A follow-up takes from the last question what it does not say itself. The places it
    names only say which region is meant now («а в Югре?»), not which way things go."""
    mentions = [
        replace(m, role=Role.TOPIC) if m.subject != MOSCOW_SUBJECT else m
        for m in ask.query.mentions
    ]
    ask = replace(ask, query=replace(ask.query, mentions=mentions))
    regions = ask.regions or ([] if ask.others else list(context.regions))
    new_subject = bool(ask.sectors or ask.topics)
    sectors = ask.sectors if new_subject else list(context.sectors)
    topics = ask.topics if new_subject else list(context.topics)
    asks = ask.asks
    if not asks and not new_subject and context.asked:
        asks = [Asked(context.asked)]
    years, since = ask.years, ask.since
    if not years and not new_subject:
        years, since = list(context.years), context.since
    return replace(
        ask, regions=regions, sectors=sectors, topics=topics, asks=asks, years=years, since=since
    )
