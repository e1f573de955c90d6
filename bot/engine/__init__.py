"""The question engine: question text and chat context in, an `Answer` out.

It reads Russian (pymorphy3), knows every place of Russia (`db/places.toml`) and the
content's words, tells what is asked and which way, and decides by one answer policy
how far the news answers. It imports nothing from aiogram and needs no gettext context.
"""

from __future__ import annotations

import time
from dataclasses import replace

from bot.engine import (
    agreements,
    compare,
    convert,
    cues,
    lists,
    message,
    people,
    premises,
    talk,
    verify,
)
from bot.engine.analysis import Analyser, Query
from bot.engine.answer import (
    Answer,
    AnswerKind,
    Correction,
    Coverage,
    Gap,
    GapKind,
    Item,
    Lead,
    LeadKind,
    OtherPlace,
    Reason,
)
from bot.engine.ask import Ask
from bot.engine.compose import combine
from bot.engine.context import ChatContext
from bot.engine.facts import FactBook
from bot.engine.followup import CARRIED, follow, follows
from bot.engine.intents import Frame, Intent, detect
from bot.engine.leads import value_lead
from bot.engine.lexicon import Lexicon
from bot.engine.measures import measure_asked
from bot.engine.morph import Morph, shared_morph
from bot.engine.policy import Policy
from bot.engine.resolve import Resolver
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
    "Intent",
    "Item",
    "Lead",
    "LeadKind",
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
        self.resolver = Resolver(content, self.lexicon)

    def answer(
        self, question: str, context: ChatContext | None = None, now: float | None = None
    ) -> Answer:
        """The answer to a message: each of its sub-questions answered in order."""
        now = time.time() if now is None else now
        context = context or ChatContext()
        text = question[:QUESTION_LIMIT]
        read = message.read(text, self.analyser)
        if read.wordless:  # an emoji, punctuation
            signs = self.lexicon.approval_signs
            told = talk.smalltalk("approval") if any(s in text for s in signs) else None
            return replace(told or talk.unclear(self.book), context=context)
        if read.smalltalk is not None:
            return replace(talk.smalltalk(read.smalltalk), context=context)
        prior = context if context.fresh(now) else None
        parts: list[Answer] = []
        for query in read.questions:
            places = [m for m in query.mentions if m.subject != MOSCOW_SUBJECT]
            if parts and parts[-1].kind is AnswerKind.OTHER_REGION and not places:
                continue  # «Что поставляет Ульяновская область и сколько тонн?»: said once
            part, prior = self._part(query, prior, now)
            parts.append(part)
        return combine(parts, context)

    def _part(
        self, query: Query, prior: ChatContext | None, now: float
    ) -> tuple[Answer, ChatContext]:
        """One sub-question: read against what was asked before it (in the message or,
        for the first, in the chat), evaluated by its frame."""
        ask = self.resolver.ask(query)
        frame = self._frame(query, ask)
        if prior is not None and follows(query, ask, frame.intent):
            ask = follow(ask, prior)
            if frame.intent is Intent.VALUE and prior.intent in CARRIED:
                frame = replace(frame, intent=Intent(prior.intent))  # «а по контрактам?»
        answer = self._evaluate(ask, frame)
        if frame.intent is Intent.VERIFY and answer.kind is AnswerKind.OTHER_REGION:
            answer = replace(answer, lead=Lead(LeadKind.VERDICT, target="no"))  # «…подписал?»
        if frame.pretend:
            answer = talk.refuse(answer)
        if ask.others and answer.kind not in (AnswerKind.OTHER_REGION, AnswerKind.CORRECTION):
            answer = replace(answer, others=tuple(ask.others))
        if answer.kind in (AnswerKind.SMALLTALK, AnswerKind.UNKNOWN) and not ask.regions:
            return answer, prior or ChatContext()
        kept = ChatContext(
            regions=tuple(ask.regions),
            sectors=tuple(ask.sectors),
            topics=tuple(ask.topics),
            asked=None if ask.asked is None else str(ask.asked),
            years=tuple(ask.years),
            since=ask.since,
            at=now,
            intent=None if frame.intent is Intent.VALUE else str(frame.intent),
        )
        return replace(answer, context=kept), kept

    def _frame(self, query: Query, ask: Ask) -> Frame:
        subject = bool(ask.sectors or ask.topics or ask.asks)
        term = ""
        if query.terms:
            term = self.content.terms[query.terms[0]].words[0]
        frame = detect(
            query.tokens,
            end=query.end,
            regions=len(ask.named),
            subject=subject,
            person=bool(query.persons or query.strangers),
            term=term,
            pretend="pretend" in query.intents,
        )
        if query.stated and frame.intent is not Intent.VERIFY:
            return replace(frame, intent=Intent.VERIFY, inner=frame.intent)
        return frame

    def _evaluate(self, ask: Ask, frame: Frame) -> Answer:
        """The answer to one sub-question, by what kind of answer it wants."""
        book, query, intent = self.book, ask.query, frame.intent
        if ask.others and not ask.regions:
            return self.policy.decide(ask)
        correction = premises.find(query, ask.named, ask.sectors, book)
        if correction is not None:
            return self.policy.decide(ask)  # the claim the news contradicts is corrected
        place = premises.wrong_place(ask, book, claim=intent in (Intent.VERIFY, Intent.VALUE))
        if place is not None:
            return place
        if intent is Intent.SOURCE:
            return talk.source(book, ask)
        if intent is Intent.SUMMARY and ask.regions:
            region = Answer(AnswerKind.REGION, Coverage.EXACT, tuple(ask.regions))
            return value_lead(book, ask, region)
        if intent is Intent.SUMMARY:
            return talk.summary(book)
        if intent is Intent.EXPLAIN and _explained(ask):
            return talk.explain(book, ask, frame)  # a word of the glossary or of a sphere
        if query.strangers and not query.persons:
            return people.not_mentioned(ask)
        if (intent is Intent.WHO and query.persons) or people.asks_untold(ask):
            return people.who(ask)
        if intent is Intent.VERIFY:
            return verify.check(book, ask, frame, self._evaluate)
        if query.lone_number is not None and not (ask.named or ask.sectors):
            return talk.unclear(book, query.lone_number)
        if query.nouns and not query.words_known and not _content(ask) and not query.claims:
            return talk.unclear(book)  # «ммм ну это самое»: no word of it is a word we know
        if intent is not Intent.VALUE and _off_topic(ask, book):
            return self.policy.decide(ask)  # «какой сейчас курс рубля к доллару»
        if intent is Intent.EXPLAIN or (intent is not Intent.VALUE and not _content(ask)):
            intent = Intent.VALUE  # «что за соглашение…», «какой сорт картошки лучше»
        if intent is Intent.LIST and query.persons:
            return people.who(ask)  # «какой регион возглавляет Кухарук?»: who they are
        if intent is Intent.COMPARE and (ask.districts or not _measured(book, ask)):
            intent = Intent.VALUE  # «лидер ПФО»: the news says it; «сравни по культуре»: facts
        aspect = agreements.aspect(ask, frame)
        if aspect is None and ask.asked is Asked.TERM and _about_agreements(ask, book):
            aspect = "term"
        if aspect is not None:
            return agreements.answer(book, ask, aspect)
        if intent is Intent.COMPARE:
            return compare.compare(book, ask, frame)
        if intent is Intent.TOTAL:
            return compare.total(book, ask)
        if intent is Intent.CONVERT:
            return convert.convert(book, ask, frame)
        if intent is Intent.LIST:
            return lists.listing(book, ask, frame)
        answer = self.policy.decide(ask)
        if answer.kind is AnswerKind.UNKNOWN and answer.reason is Reason.NO_TOPIC:
            return talk.unclear(book)
        told = answer.coverage in (Coverage.EXACT, Coverage.PARTIAL) and answer.facts
        if told and {t.lemma for t in query.tokens} & cues.REASON:
            # «почему Пенза — лидер?»: the news says that it is, never why
            return replace(
                answer, coverage=Coverage.NONE, gaps=(Gap(GapKind.WHY),), reason=Reason.NOT_IN_NEWS
            )
        return value_lead(book, ask, answer)

    def find_region(self, text: str) -> str | OtherPlace | None:
        """The partner region a name stands for (`/region пенза`), or the place that is
        not a partner, or None."""
        ask = self.resolver.ask(self.analyser.read(text[:QUESTION_LIMIT]))
        if ask.regions:
            return ask.regions[0]
        return ask.others[0] if ask.others else None


def _off_topic(ask: Ask, book: FactBook) -> bool:
    """Names no region, sphere or topic, and nouns no fact uses: «курс рубля к доллару»."""
    if ask.regions or ask.sectors or ask.topics or ask.query.persons:
        return False
    facts = book.content.facts
    return any(not book.explains(noun, facts) for noun in ask.query.nouns)


def _explained(ask: Ask) -> bool:
    """«Что такое ПФО?», «что такое цифровизация строительства?» — not «что за соглашение
    с Алтаем?» (the agreement), nor a word the news does not use (off the topic)."""
    query = ask.query
    if query.terms:
        return True
    return bool(ask.sectors or ask.topics) and not (ask.regions or "agreement" in query.intents)


def _content(ask: Ask) -> bool:
    return bool(ask.regions or ask.sectors or ask.topics or ask.asks or ask.query.persons)


def _measured(book: FactBook, ask: Ask) -> bool:
    """A comparison by a figure («кто больше лечил»), or by nothing the news compares
    («кто активнее сотрудничает»: said so); not of a sphere with no figure («сравни по
    культуре»: its facts), nor by words the news does not use («какой сезон лучше…»)."""
    if measure_asked(book, ask) is not None:
        return True
    foreign = any(not book.explains(n, book.content.facts) for n in ask.query.nouns)
    return not (ask.sectors or ask.topics or foreign)


def _about_agreements(ask: Ask, book: FactBook) -> bool:
    """«На сколько лет…» of the agreements, not of a figure's period."""
    query = ask.query
    return "agreement" in query.intents or any(s in book.federal for s in ask.sectors)
