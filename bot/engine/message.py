"""A message read: its sub-questions (each a `Query`), the sentences around them that
only give background, and small talk.

A sub-question that names no place takes those of its sentence's other sub-questions,
then of the background («Я из Горно-Алтайска. Что наша республика получает…»); one that
names nothing refines the one before it («…Можно сразу по всем?»); a statement with a
figure is checked as if asked («Пензенские фирмы получили 649 млн рублей, …»).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.engine import cues, reading
from bot.engine.analysis import MAX_GUESSES, MAX_LOOKUPS, MAX_WORDS, Analyser, Query, Role
from bot.engine.lexicon import SMALLTALK
from bot.engine.morph import Budget
from bot.engine.senses import MOSCOW_SUBJECT


@dataclass
class Message:
    questions: list[Query] = field(default_factory=list)
    smalltalk: str | None = None  # the kind, when the message is only small talk
    wordless: bool = False  # no word at all: an emoji, punctuation


def read(text: str, analyser: Analyser) -> Message:
    budget = Budget(MAX_GUESSES, MAX_LOOKUPS)
    clauses = reading.read(text, analyser.lexicon.morph, budget, MAX_WORDS)
    if not clauses:
        return Message(wordless=True)
    queries = [analyser.clause(c.tokens, c.sentence, c.end, budget) for c in clauses]
    small = [_smalltalk(q) for q in queries]
    direct = any(c.asks and not c.indirect for c in clauses)
    asking = [
        n
        for n, c in enumerate(clauses)
        if c.asks and small[n] is None and not (direct and c.indirect)
    ]
    asking = asking or [n for n in range(len(queries)) if small[n] is None]
    for n, query in enumerate(queries):  # «Пензенские фирмы получили 649 млн рублей, …»
        stated = [c for c in query.claims if c.unit is not None]
        if n not in asking and not small[n] and stated and _subject(query):
            query.stated = True
            asking = sorted({*asking, n})
    if not asking:
        return Message(smalltalk=min((k for k in small if k), key=SMALLTALK.index))
    background = [queries[n] for n in range(len(queries)) if n not in asking and not small[n]]
    asking = [n for k, n in enumerate(asking) if k == 0 or not _empty(queries[n])]
    _share(queries, clauses, asking)
    for n in asking:
        _borrow(queries[n], background)
    for k, n in enumerate(asking):
        queries[n].follow_up = queries[n].follow_up or k > 0  # read against the one before
    return Message([queries[n] for n in asking])


# The bot addressed: a clause about it names nothing of the news.
_ADDRESSEE = frozenset({"ты", "вы", "бот", "робот"})


def _smalltalk(query: Query) -> str | None:
    """The kind of small talk a clause is, when it names and asks nothing else (words of
    no weight to the news may come with it: «Спасибо, очень помогло, хорошего дня»)."""
    asks = any(
        t.lemma in cues.QUESTION_WORDS and t.lemma not in query.intent_words for t in query.tokens
    )
    content = (
        query.mentions or query.sectors or query.topics or query.persons or query.asks
        or query.claims or query.years or query.terms or query.strangers or asks
    )  # fmt: skip
    named = (
        query.mentions or query.sectors or query.topics or query.persons or query.asks
        or query.claims or query.years or query.terms or query.strangers
    )  # fmt: skip
    kind = next((kind for kind in SMALLTALK if kind in query.intents), None)
    lemmas = {t.lemma for t in query.tokens}
    if kind is None and not named and lemmas & _ADDRESSEE and not lemmas & cues.SOURCE:
        return "capabilities"  # «ты вообще кто?», «вы живой человек или робот?»
    return None if content else kind


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
    какую сумму заключили предприятия ХМАО в 2023–2025 годах?» asks both of ХМАО; a pronoun
    takes the agreement a sibling names: «когда подписали соглашение и чем оно отличается»."""
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
        pronoun = any(t.pos == "NPRO" for t in query.tokens)  # «…и чем оно отличается?»
        if pronoun and not query.sectors and any("agreement" in o.intents for o in siblings):
            query.intents.add("agreement")
        if not query.years:
            dated = next((other for other in siblings if other.years), None)
            if dated is not None:
                query.years, query.since = list(dated.years), dated.since


def _subject(query: Query) -> bool:
    return bool(query.mentions or query.sectors or query.topics or query.persons)


def _empty(query: Query) -> bool:
    """Names nothing and asks nothing of its own: «Можно сразу по всем?»."""
    asks = any(
        (t.lemma in cues.QUESTION_WORDS or t.lemma == "чем") and t.lemma not in query.intent_words
        for t in query.tokens
    )  # «…и чем оно отличается от прежнего?»
    return not (
        asks or query.mentions or query.sectors or query.topics or query.persons
        or query.asks or query.nouns or query.claims or query.years or query.terms
        or query.strangers or query.signing or query.previous
    )  # fmt: skip
