"""A message cut into sub-questions.

Sentences end at «?», «!», «;», a new line or «. » before a capital. Inside a sentence a
new sub-question starts where a question word or a request follows «и», «а», «а также»
or a comma, once the words before it already asked something about something:
«Сколько пензенцев лечились в Москве и сколько продуктов область поставила?» is two;
«Где больше лечились: из Пензы или из Югры?» and «Правда ли, что …» are one. A sentence
that asks nothing («Я из Горно-Алтайска.») is the background of the questions around it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.engine import cues
from bot.engine.morph import Budget, Morph, Token

# Parts of speech that say what a question is about (an auxiliary verb does not).
_CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", "PRTS", "NUMR", "VERB", "INFN", "COMP"})
# Numbered points of a list: «1) сколько контрактов 2) на какую сумму».
_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,2}[).](?=\s)")
_SENTENCE = re.compile(r"([!?;\n]+|\.\s+(?=[A-ZА-ЯЁ«\"]))")
# A full stop before a small letter ends a sentence too («…лечилась в москве. а вообще…»),
# except after an abbreviation («пензенской обл. прошли», «200 тыс. т»).
_LOWER_STOP = re.compile(r"(\w+)\.\s+(?=[a-zа-яё])")
_ABBREVIATIONS = frozenset(
    {"г", "гг", "т", "тыс", "млн", "млрд", "руб", "р", "обл", "респ", "им", "ул", "д", "др",
     "пр", "см", "кв", "км", "кг", "чел", "ед", "шт", "коп", "е", "к", "п", "ок", "мин", "зам",
     "ср", "напр", "авт", "гос", "ред"}
)  # fmt: skip


def _stop(match: re.Match[str]) -> str:
    word = match.group(1)
    if len(word) < 4 or word.lower() in _ABBREVIATIONS or word.isdigit():  # «алт. край»
        return match.group(0)
    return f"{word}.\n"


# Question words that need more than themselves to start a sub-question: «как и…»
# compares, «что» after a verb of saying joins a clause.
# Question words that may follow the word they ask about: «…, Пенза сколько тонн».
_ASKED_AFTER_NAME = frozenset({"сколько", "какой", "что", "где", "когда"})
_WEAK_AFTER = {"как": frozenset({"так", "такой", "также", "тот", "то"})}


@dataclass
class Clause:
    tokens: list[Token]
    sentence: int
    end: str  # how its sentence ends: "?", "!", "." or ""
    asks: bool  # a question or request, not background
    # asks only in passing: a question word inside a sentence that ends with a full stop
    # («Мы обсуждали, кто из регионов активнее…»); background beside a direct question
    indirect: bool = False


def read(text: str, morph: Morph, budget: Budget, limit: int) -> list[Clause]:
    """The clauses of `text`, at most `limit` words in all."""
    pieces = _SENTENCE.split(_LOWER_STOP.sub(_stop, _NUMBERED.sub(";", text)))
    clauses: list[Clause] = []
    left = limit
    for number in range(0, len(pieces), 2):
        if left <= 0:
            break
        sentence = pieces[number]
        mark = pieces[number + 1] if number + 1 < len(pieces) else ""
        end = "?" if "?" in mark else "!" if "!" in mark else "." if mark.strip() else ""
        tokens = morph.tokens(sentence, limit=left, budget=budget)
        left -= len(tokens)
        for part in _cut(tokens):
            asks = _asks(part, end)
            clauses.append(Clause(part, number // 2, end, asks, asks and not _direct(part, end)))
    return clauses


def _direct(tokens: list[Token], end: str) -> bool:
    """Asks outright: a «?», a request, «ли», or a question word among its first words."""
    if end == "?" or any(t.lemma in cues.REQUESTS or t.lemma == "ли" for t in tokens):
        return True
    words = [t for t in tokens if t.lemma not in cues.JOINERS and t.pos != "PREP"]
    return any(t.lemma in cues.QUESTION_WORDS for t in words[:3])


def _asks(tokens: list[Token], end: str) -> bool:
    return (
        end == "?"
        or any(t.lemma in cues.QUESTION_WORDS or t.lemma == "ли" for t in tokens)
        or any(t.lemma in cues.REQUESTS for t in tokens)
    )


def _cut(tokens: list[Token]) -> list[list[Token]]:
    cuts = [0]
    for i in range(1, len(tokens)):
        if _starts_question(tokens, i) and _asked_before(tokens[cuts[-1] : i]):
            start = i
            while start > cuts[-1] + 1 and tokens[start - 1].lemma in cues.JOINERS:
                start -= 1
            cuts.append(start)
    cuts.append(len(tokens))
    parts = []
    for a, b in itertools.pairwise(cuts):
        part = tokens[a:b]
        while part and part[0].lemma in cues.JOINERS and len(part) > 1 and a > 0:
            part = part[1:]
        if part:
            parts.append(part)
    return parts


def _starts_question(tokens: list[Token], i: int) -> bool:
    """A question word or a request at `i` (after a preposition, or after the word it
    asks about: «…, Пенза сколько тонн»), or a verb with «ли» («… и было ли это
    бесплатно?»), set off by a joining word or a comma."""
    before = tokens[i - 1]
    joined = tokens[i].mark or before.lemma in cues.JOINERS
    if not joined:
        return False
    word = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after.lemma == "ли" and word.pos in ("VERB", "PRED", "INFN"):
        return True
    if word.lemma in cues.REQUESTS and word.pos in ("VERB", "INFN"):
        return True
    named_first = word.pos == "NOUN" and word.lemma not in cues.QUESTION_WORDS
    if after is not None and word.pos == "PREP":
        word = after
    elif after is not None and named_first and after.lemma in _ASKED_AFTER_NAME:
        word = after  # «…, Пенза сколько тонн»
    compared = any(t.pos == "COMP" for t in tokens[:i])
    if word.lemma == "чем" and not compared:
        return True  # «…когда подписали и чем оно отличается от старого?»
    if word.lemma not in cues.QUESTION_WORDS or word.lemma == "который":
        return False  # «…хозяйства Алтая, которые возят мясо»: a relative clause
    if before.lemma in _WEAK_AFTER.get(word.lemma, ()):
        return False
    if word.lemma == "как" and i + 1 < len(tokens) and tokens[i + 1].lemma == "и":
        return False
    return not (word.lemma == "что" and before.lemma in cues.SAYING)


def _asked_before(tokens: list[Token]) -> bool:
    """The words so far ask something about something: a question word or request, and a
    word of content besides."""
    asking = [
        t
        for t in tokens
        if t.lemma in cues.QUESTION_WORDS or t.lemma in cues.REQUESTS or t.lemma == "ли"
    ]
    if not asking:
        return False
    content = [
        t
        for t in tokens
        if t.lemma not in cues.QUESTION_WORDS
        and t.lemma not in cues.REQUESTS
        and t.lemma not in cues.AUXILIARY
        and (t.pos in _CONTENT_POS or t.number is not None or not t.known)
    ]
    return bool(content)
