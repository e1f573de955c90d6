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
    people,
    premises,
    reading,
    talk,
    verify,
)
from bot.engine.analysis import (
    MAX_GUESSES,
    MAX_LOOKUPS,
    MAX_WORDS,
    Analyser,
    Mention,
    Query,
    Role,
)
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
from bot.engine.context import ChatContext
from bot.engine.facts import FactBook
from bot.engine.intents import Frame, Intent, detect
from bot.engine.leads import value_lead
from bot.engine.lexicon import SMALLTALK, Lexicon
from bot.engine.measures import measure_asked
from bot.engine.morph import Budget, Morph, shared_morph
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
    "Intent",
    "Item",
    "Lead",
    "LeadKind",
    "OtherPlace",
    "Reason",
]

QUESTION_LIMIT = 1000  # characters of a question that are read
# How a question asked that a follow-up asks again: «Где больше лечились?» «А по контрактам?»
_CARRIED = frozenset({Intent.COMPARE, Intent.TOTAL, Intent.CONVERT, Intent.LIST})


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
        """The answer to a message: each of its sub-questions answered in order."""
        now = time.time() if now is None else now
        context = context or ChatContext()
        text = question[:QUESTION_LIMIT]
        budget = Budget(MAX_GUESSES, MAX_LOOKUPS)
        clauses = reading.read(text, self.lexicon.morph, budget, MAX_WORDS)
        if not clauses:  # no word at all: an emoji, punctuation
            signs = self.lexicon.approval_signs
            told = talk.smalltalk("approval") if any(s in text for s in signs) else None
            return replace(told or talk.unclear(self.book), context=context)
        queries = [self.analyser.clause(c.tokens, c.sentence, c.end, budget) for c in clauses]
        small = [_smalltalk(q) for q in queries]
        direct = any(c.asks and not c.indirect for c in clauses)
        asking = [
            n
            for n, c in enumerate(clauses)
            if c.asks and small[n] is None and not (direct and c.indirect)
        ]
        asking = asking or [n for n in range(len(queries)) if small[n] is None]
        for n, query in enumerate(queries):  # «Пензенские фирмы получили 649 млн рублей, …»
            if n not in asking and not small[n] and query.claims and _subject(query):
                query.stated = True
                asking = sorted({*asking, n})
        if not asking:
            kind = min((k for k in small if k), key=SMALLTALK.index)
            return replace(talk.smalltalk(kind), context=context)
        background = [queries[n] for n in range(len(queries)) if n not in asking and not small[n]]
        # «…сколько пациентов лечились? Можно сразу по всем?»: a clause that names nothing
        # refines the one before it.
        asking = [n for k, n in enumerate(asking) if k == 0 or not _empty(queries[n])]
        _share(queries, clauses, asking)
        prior = context if context.fresh(now) else None
        parts: list[Answer] = []
        for n in asking:
            query = queries[n]
            _borrow(query, background)
            query.follow_up = query.follow_up or bool(parts)  # read against the part before
            places = [m for m in query.mentions if m.subject != MOSCOW_SUBJECT]
            if parts and parts[-1].kind is AnswerKind.OTHER_REGION and not places:
                continue  # «Что поставляет Ульяновская область и сколько тонн?»: said once
            part, prior = self._part(query, prior, now)
            parts.append(part)
        return _combine(parts, context)

    def _part(
        self, query: Query, prior: ChatContext | None, now: float
    ) -> tuple[Answer, ChatContext]:
        """One sub-question: read against what was asked before it (in the message or,
        for the first, in the chat), evaluated by its frame."""
        ask = self._ask(query)
        frame = self._frame(query, ask)
        refers = query.follow_up or frame.intent is Intent.CONVERT or _refers_back(query)
        if prior is not None and refers and (_partial(ask) or _bare(query, ask)):
            ask = _follow(ask, prior)
            if frame.intent is Intent.VALUE and prior.intent in _CARRIED:
                frame = replace(frame, intent=Intent(prior.intent))  # «а по контрактам?»
        answer = self._evaluate(ask, frame)
        if frame.pretend:
            answer = talk.refuse(answer)
        if ask.others and answer.kind is not AnswerKind.OTHER_REGION:
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
        district = self._wrong_district(ask)
        if district is not None:
            return district
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
            base = self._evaluate(ask, replace(frame, intent=frame.inner))
            unexplained = any(not book.explains(n, base.facts) for n in query.nouns)
            claimed = ask.named[0] if ask.named else None
            return verify.verdict(base, frame, unexplained and bool(base.facts), claimed)
        if query.lone_number is not None and not (ask.regions or ask.sectors):
            return talk.unclear(book, query.lone_number)
        if intent is not Intent.VALUE and _off_topic(ask, book):
            return self.policy.decide(ask)  # «какой сейчас курс рубля к доллару»
        if intent is Intent.EXPLAIN or (intent is not Intent.VALUE and not _content(ask)):
            intent = Intent.VALUE  # «что за соглашение…», «какой сорт картошки лучше»
        if intent is Intent.LIST and query.persons:
            intent = Intent.VALUE  # «какой регион у Мельниченко?»: the person's region
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
        return value_lead(book, ask, answer)

    def _wrong_district(self, ask: Ask) -> Answer | None:
        """«Пенза — лидер Центрального федерального округа?»: the region is in another."""
        named = [o for o in ask.others if o.kind == "district"]
        if not named or len(ask.named) != 1:
            return None
        region = ask.named[0]
        subject = self.lexicon.subjects[self.book.regions[region].subject]
        district = self.lexicon.districts[subject.district]
        if district.name == named[0].name:
            return None
        facts = [f for f in self.book.of_regions([region])]
        told = next((f for f in facts if self.book.mentions_district(f, district.id)), None)
        correction = Correction("district", region=region, place=district.name, fact=told)
        return Answer(
            AnswerKind.CORRECTION, Coverage.CORRECTION, regions=(region,), correction=correction
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
        by_name = {
            m.subject
            for m in query.mentions
            if m.sense.kind != "town" and m.role is not Role.BACKGROUND
        }
        # a town named around the question is meant only where the question says «город»
        settled = any(t.lemma in cues.SETTLEMENTS for t in query.tokens)
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
                capital = _town_meant(query, mention, lexicon.subjects[subject].towns)
                if capital is not None:  # «жителей именно города Пензы, не области»
                    towns[region] = capital
                if (
                    sense.kind == "town"
                    and (mention.role is not Role.BACKGROUND or settled)
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
        if not regions and not others:  # «за какой период указано, что 7 800 лечились?»
            regions = self._owner_of_claims(query)
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


def _town_meant(query: Query, mention: Mention, towns: list[str]) -> str | None:
    """A region's name after «город» means its town of that name: «города Пензы»."""
    if mention.sense.kind != "place":
        return None
    for i, token in enumerate(query.tokens[:-1]):
        nxt = query.tokens[i + 1]
        if token.lemma in cues.SETTLEMENTS and nxt.parse.lemmas & {t.lower() for t in towns}:
            return next(t for t in towns if t.lower() in nxt.parse.lemmas)
    return None


def _smalltalk(query: Query) -> str | None:
    """The kind of small talk a clause is, when it is nothing else."""
    content = (
        query.mentions or query.sectors or query.topics or query.persons or query.asks
        or query.nouns or query.claims or query.years or query.terms or query.strangers
    )  # fmt: skip
    if content:
        return None
    return next((kind for kind in SMALLTALK if kind in query.intents), None)


def _borrow(query: Query, background: list[Query]) -> None:
    """A question that names no place takes those of the sentences around it that ask
    nothing: «Я из Горно-Алтайска. Что наша республика получает от соглашения?»; one that
    names no sphere either takes theirs too: «…будут совместные мероприятия по
    образованию. Это правда?»."""
    if not any(m.subject != MOSCOW_SUBJECT for m in query.mentions):
        for other in background:
            query.mentions += [replace(m, role=Role.BACKGROUND) for m in other.mentions]
    if query.sectors or query.topics or query.asks or query.persons:
        return
    for other in background:
        for name in ("sectors", "topics", "strong_sectors", "general_sectors"):
            mine: list[str] = getattr(query, name)
            mine += [key for key in getattr(other, name) if key not in mine]
        query.topic_words.update(other.topic_words)


def _share(queries: list[Query], clauses: list[reading.Clause], asking: list[int]) -> None:
    """Sub-questions of one sentence share its places and years: «сколько контрактов и на
    какую сумму заключили предприятия ХМАО в 2023–2025 годах?» asks both of ХМАО."""
    for n in asking:
        query = queries[n]
        siblings = [
            queries[k] for k in asking if k != n and clauses[k].sentence == clauses[n].sentence
        ]
        if not any(m.subject != MOSCOW_SUBJECT for m in query.mentions):
            for other in siblings:
                places = [m for m in other.mentions if m.subject != MOSCOW_SUBJECT]
                if places:
                    query.mentions += places
                    break
        if not query.years:
            dated = next((other for other in siblings if other.years), None)
            if dated is not None:
                query.years, query.since = list(dated.years), dated.since


def _subject(query: Query) -> bool:
    return bool(query.mentions or query.sectors or query.topics or query.persons)


def _empty(query: Query) -> bool:
    return not (
        query.mentions or query.sectors or query.topics or query.persons or query.asks
        or query.nouns or query.claims or query.years or query.terms or query.strangers
    )  # fmt: skip


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
    """A comparison by a figure («кто больше лечил»), or of a sphere with none (facts)."""
    return measure_asked(book, ask) is not None or not (ask.sectors or ask.topics)


def _refers_back(query: Query) -> bool:
    """Opens with a word that points at what was said: «это сколько в миллиардах?»."""
    return bool(query.tokens) and query.tokens[0].lemma in ("это", "этот", "то", "он", "они", "там")


def _about_agreements(ask: Ask, book: FactBook) -> bool:
    """«На сколько лет…» of the agreements, not of a figure's period."""
    query = ask.query
    return "agreement" in query.intents or any(s in book.federal for s in ask.sectors)


def _combine(parts: list[Answer], context: ChatContext) -> Answer:
    """One answer of the parts: the first one's shape, the coverage of all of them. A part
    that only repeats facts shown before it («сколько контрактов у Алтая и на какую
    сумму?»: one fact answers both) is left out."""
    shown: set[str] = set()
    kept_parts: list[Answer] = []
    for part in parts:
        ids = {f.id for f in part.facts}
        plain = part.lead is None or part.lead.kind in (LeadKind.FACT, LeadKind.BY_REGION)
        if kept_parts and ids and ids <= shown and plain and part.coverage is Coverage.EXACT:
            continue
        shown |= ids
        kept_parts.append(part)
    parts = kept_parts
    if len(parts) == 1:
        return parts[0] if parts[0].context.at else replace(parts[0], context=context)
    coverages = {p.coverage for p in parts}
    told = {Coverage.EXACT, Coverage.CORRECTION, Coverage.SMALLTALK}
    if coverages <= told:
        coverage = parts[0].coverage
    elif coverages & (told | {Coverage.PARTIAL}):
        coverage = Coverage.PARTIAL
    else:
        coverage = parts[0].coverage
    reasons = [p.reason for p in parts if p.reason is not None]
    kept = next((p.context for p in reversed(parts) if p.context.at), context)
    first = parts[0]
    return replace(
        first,
        coverage=coverage,
        reason=Reason.PARTIAL if reasons and coverage is Coverage.PARTIAL else first.reason,
        parts=tuple(parts),
        context=kept,
        regions=tuple(dict.fromkeys(r for p in parts for r in p.regions)),
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


def _bare(query: Query, ask: Ask) -> bool:
    """Asks, but names nothing: «а за какой период?», «а что оно предусматривает?»."""
    asks = any(t.lemma in cues.QUESTION_WORDS or t.lemma == "ли" for t in query.tokens)
    named = ask.regions or ask.others or ask.sectors or ask.asks or ask.topics or query.persons
    return asks and not named


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
