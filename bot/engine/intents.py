"""What kind of answer a sub-question wants, read from its frame words: a value, a
comparison, a total, a figure in other units, a check of a claim, a list of regions, who
someone is, what a word means, or the news retold.

A small grammar over pymorphy3 tokens: cue words (`cues`) in their place — a comparative
not followed by a figure, «всего» not after «больше», «в миллиардах», «правда ли»,
«…, верно?», a yes/no question without a question word, «какие регионы», «кто такой».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.engine import cues, senses
from bot.engine.morph import Token
from bot.engine.phrases import any_phrase, has_phrase
from bot.engine.units import convert_target


class Intent(StrEnum):
    VALUE = "value"  # what the news says: a figure, the facts of a region or sphere
    COMPARE = "compare"  # which has more or less, an order, a difference, a ratio
    TOTAL = "total"  # a sum over regions
    CONVERT = "convert"  # a figure in other units, per year or month, a share, an average
    VERIFY = "verify"  # is a claim true
    LIST = "list"  # which regions (or spheres) have something, or not
    WHO = "who"  # who someone is
    EXPLAIN = "explain"  # what a word means
    SUMMARY = "summary"  # the news retold
    SOURCE = "source"  # where a figure or the bot's knowledge comes from


@dataclass(frozen=True, slots=True)
class Frame:
    """How a sub-question asks."""

    intent: Intent = Intent.VALUE
    inner: Intent = Intent.VALUE  # for VERIFY: the kind of claim checked
    less: bool = False  # compare: which has less
    rank: bool = False  # compare: all in order
    difference: bool = False  # compare: by how much
    ratio: bool = False  # compare: how many times
    convert: str | None = None  # the unit or rate asked (see `cues.UNITS`, `cues.RATE_*`)
    negated: bool = False  # asked with a negation: «какие регионы не…», «разве … не …»
    term: str = ""  # explain: the word asked about, as typed
    sectors_asked: bool = False  # list: asks for spheres, not regions
    pretend: bool = False  # asks to forget, pretend or invent
    checked: bool = False  # the claim of a VERIFY frame, evaluated as a question of its own


def _lemmas(tokens: Sequence[Token]) -> list[str]:
    return [t.lemma for t in tokens]


def _words(tokens: Sequence[Token]) -> set[str]:
    return {t.surface for t in tokens} | {t.lemma for t in tokens}


def detect(
    tokens: Sequence[Token],
    *,
    end: str,
    regions: int,
    subject: bool,
    person: bool,
    term: str,
    pretend: bool,
) -> Frame:
    """The frame of a clause. `regions`: how many partner regions it names; `subject`:
    it names a region, sphere, topic or measure; `person`: it names a person; `term`: a
    word of the glossary it names (or "")."""
    lemmas = _lemmas(tokens)
    words = _words(tokens)
    pretending = pretend
    explained = _explain(tokens, lemmas, term)
    if explained and set(explained.split()) & cues.NEWS_FORMS:
        return Frame(Intent.SUMMARY, pretend=pretending)  # «что это за новость?»
    if _source(lemmas) and (not subject or "почему" in lemmas):
        return Frame(Intent.SOURCE, pretend=pretending)  # «откуда эти данные?», «из какого абзаца…»
    agreement = bool(set(lemmas) & cues.AGREEMENT_WORDS)
    if explained and person and not term and not agreement:
        return Frame(Intent.WHO, pretend=pretending)  # «что за человек Хуснуллин»
    if explained:
        return Frame(Intent.EXPLAIN, term=explained, pretend=pretending)
    if (_summary(lemmas, words) or _figures(lemmas)) and not subject and not person:
        return Frame(Intent.SUMMARY, pretend=pretending)
    if person and any_phrase(lemmas, cues.WHO_IS):  # «Кто такой…», «Какая должность у…»
        return Frame(Intent.WHO, pretend=pretending)
    negated = _negated(tokens, lemmas)
    inner = _inner(tokens, lemmas, words, regions=regions, subject=subject)
    presumed = inner.intent is Intent.COMPARE and bool({"почему", "зачем"} & set(lemmas))
    if presumed or _verify(tokens, lemmas, end):  # «почему у ХМАО меньше?» takes it as given
        inner = replace(inner, intent=Intent.VERIFY, inner=inner.intent)
    return replace(inner, negated=negated, pretend=pretending)


def _inner(
    tokens: Sequence[Token], lemmas: list[str], words: set[str], *, regions: int, subject: bool
) -> Frame:
    compare = _compare(tokens, lemmas, words, regions=regions)
    if compare is not None:
        return compare
    if _total(tokens, lemmas, words, regions=regions):
        return Frame(Intent.TOTAL)
    target = convert_target(tokens, lemmas)
    if target is not None:
        return Frame(Intent.CONVERT, convert=target)
    listing = _list(tokens, lemmas, subject=subject)
    if listing is not None:
        return listing
    return Frame()


def _which(lemmas: Sequence[str]) -> bool:
    return bool(set(lemmas) & cues.WHICH) or has_phrase(lemmas, ("из", "они"))


def _compare(
    tokens: Sequence[Token], lemmas: list[str], words: set[str], *, regions: int
) -> Frame | None:
    found: list[Token] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        bound = after is not None and (
            after.number is not None or (after.lemma == "чем" and _number_within(tokens, i + 2))
        )
        comparative = token.pos == "COMP" and token.lemma not in cues.NOT_COMPARING
        if (comparative and not bound) or token.lemma in cues.COMPARE:
            found.append(token)
        elif token.lemma in cues.SUPERLATIVE and after is not None and after.pos == "ADJF":
            found.append(after)
    placed = any(
        lemma == "место" and i > 0 and lemmas[i - 1] in ("какой", "первый", "последний")
        for i, lemma in enumerate(lemmas)
    )  # «какое место», «первое место»; not «рабочие места»
    rank = bool(set(lemmas) & (cues.RANK - {"место"})) or placed
    if not found and not rank:
        return None
    measured = bool(words & senses.SUPPLY) or any(t.lemma in senses.HOW_MANY for t in tokens)
    wide = regions >= 2 or _which(lemmas) or bool(words & cues.ALL) or regions == 0
    if not wide and not measured:
        return None  # «расскажите больше о Пензе»
    less = any(t.lemma in cues.LESS for t in found) and not any(
        t.lemma in ("большой", "больший", "наибольший", "максимальный") for t in found
    )
    difference = bool({"разница", "разность"} & set(lemmas)) or (
        has_phrase(lemmas, ("на", "сколько")) or "насколько" in lemmas
    )
    ratio = "раз" in lemmas and ("сколько" in lemmas or any(t.number for t in tokens))
    return Frame(
        Intent.COMPARE,
        less=less,
        rank=rank or (regions == 0 and not difference and not ratio and not _which(lemmas)),
        difference=difference and not ratio,
        ratio=ratio,
    )


def _number_within(tokens: Sequence[Token], start: int) -> bool:
    return any(t.number is not None for t in tokens[start : start + 2])


def _total(tokens: Sequence[Token], lemmas: list[str], words: set[str], *, regions: int) -> bool:
    cue = False
    for i, token in enumerate(tokens):
        before = lemmas[i - 1] if i > 0 else ""
        forms = {token.lemma, token.surface} | token.parse.lemmas
        if "всего" in forms and token.surface == "всего":
            only = i + 1 < len(tokens) and tokens[i + 1].number is not None  # «всего 300»
            cue = cue or (
                before not in ("больший", "большой", "маленький", "прежде", "хороший") and not only
            )
        elif forms & {"вместе", "суммарно", "суммарный", "итого", "совокупный", "сложить"} or (
            token.lemma in ("посчитать", "подсчитать") and regions != 1
        ):
            cue = True
    cue = cue or any(
        has_phrase(lemmas, p)
        for p in (("в", "сумма"), ("в", "общий", "сложность"), ("в", "совокупность"))
    )
    cue = cue or (
        bool({"общий"} & set(lemmas)) and bool({"число", "количество", "объем"} & set(lemmas))
    )
    return cue and (regions != 1 or bool({t.surface for t in tokens} & cues.ALL_FORMS))


def _list(tokens: Sequence[Token], lemmas: list[str], *, subject: bool) -> Frame | None:
    for i, token in enumerate(tokens):
        if token.lemma not in ("какой", "который", "кто", "чей", "каков"):
            continue
        if token.lemma == "кто" and lemmas[i + 1 : i + 2] == ["из"]:
            return Frame(Intent.LIST)
        head = next((t.lemma for t in tokens[i + 1 : i + 4] if t.pos == "NOUN"), "")
        if token.lemma == "кто":
            continue  # «кто подписывал со стороны регионов»: who, not which region
        if head in cues.REGION_NOUNS:  # «какие регионы…», not «какие продукты республика…»
            return Frame(Intent.LIST)
        if head in cues.SECTOR_NOUNS:
            return Frame(Intent.LIST, sectors_asked=True)
    who_does = "кто" in lemmas and subject and not set(lemmas) & (senses.SIGN | senses.HEAD)
    if who_does and any(t.pos in ("VERB", "INFN") for t in tokens) and "такой" not in lemmas:
        return Frame(Intent.LIST)
    if has_phrase(lemmas, ("у", "кто")) or has_phrase(lemmas, ("у", "кого")):
        return Frame(Intent.LIST)
    return None


def _negated(tokens: Sequence[Token], lemmas: list[str]) -> bool:
    for i, token in enumerate(tokens):
        if token.lemma not in cues.NEGATION:
            continue
        following = lemmas[i + 1 : i + 3]
        if following[:1] == ["только"] or following[:2] == ["так", "ли"]:
            continue
        if "ли" in following or (token.lemma == "нет" and i == len(tokens) - 1):
            continue  # «нет ли…», «не Пенза ли…», «…, или нет?»
        if following[:1] in (["знать"], ["понять"], ["понимать"]):
            continue
        return True
    return False


def _verify(tokens: Sequence[Token], lemmas: list[str], end: str) -> bool:
    """A claim to check or a yes/no question: «правда ли…», «…, верно?», «разве…»,
    «Турчак подписал соглашение?», «есть ли в новости…»."""
    if not tokens:
        return False
    first = lemmas[0]
    possible = bool(set(lemmas) & cues.MODAL) and "ли" in lemmas  # «можно ли…» asks how
    checked = any(has_phrase(lemmas, p) for p in cues.VERIFY_PHRASES if len(p) > 1)
    if checked and not (possible and first not in ("правда", "верно")):
        return True
    if first in ("разве", "неужели", "правда", "верно", "правильно", "действительно"):
        return True
    if "ведь" in lemmas or "подтвердить" in lemmas:
        return True
    last = tokens[-1]
    if last.lemma in cues.TAILS and last.mark and len(tokens) > 2:
        return True
    asks_what = any(
        t.lemma in cues.QUESTION_WORDS or (t.lemma == "чем" and not _after_comparative(tokens, i))
        for i, t in enumerate(tokens)
    ) or any(t.lemma in cues.REQUESTS for t in tokens[:2])
    if asks_what or _alternative(lemmas):
        return False
    modal = bool(set(lemmas) & cues.MODAL)
    if "ли" in lemmas[1:4] and not modal:
        return True
    predicate = any(t.pos in ("VERB", "INFN", "PRTS", "PRED") for t in tokens) or any(
        t.mark for t in tokens[1:]
    )
    predicate = predicate or bool(set(lemmas) & cues.ONLY)  # «соглашения только про экономику?»
    return end == "?" and predicate and len(tokens) > 2 and not modal


def _alternative(lemmas: Sequence[str]) -> bool:
    """«Хорошее или плохое?», «край или республика?»: a choice, not a yes or no; «…, или
    нет?» stays a yes/no question."""
    return any(
        lemma == "или" and 0 < i < len(lemmas) - 1 and lemmas[i + 1] not in ("нет", "не")
        for i, lemma in enumerate(lemmas)
    )


def _after_comparative(tokens: Sequence[Token], i: int) -> bool:
    """«больше, чем у Югры», «больше ли жителей ХМАО лечились, чем…»: «чем» compares, it
    does not ask."""
    return any(t.pos == "COMP" for t in tokens[:i])


def _explain(tokens: Sequence[Token], lemmas: list[str], term: str) -> str:
    """The word a clause asks the meaning of, as typed; "" when it asks no such thing."""
    for phrase in cues.EXPLAIN:
        n = len(phrase)
        for i in range(len(lemmas) - n + 1):
            if tuple(lemmas[i : i + n]) == phrase:
                rest = [t for t in tokens[i + n :] if t.lemma not in ("это", "такой", "слово")]
                if term:
                    return term
                words = [t.surface for t in rest[:4] if t.pos not in ("PREP", "CONJ", "PRCL")]
                return " ".join(words)
    return ""


def _source(lemmas: list[str]) -> bool:
    """Asks where something comes from or why the news words it so: «откуда эти данные?»,
    «из какого абзаца цифра?», «почему в новости написано, что…»."""
    if set(lemmas) & cues.SOURCE:
        return True
    if any(has_phrase(lemmas, p) for p in (("где", "написать"), ("где", "сказать"))):
        return True
    wording = {"написать", "сказать", "указать", "говориться"}
    return "почему" in lemmas and bool(set(lemmas) & cues.NEWS) and bool(set(lemmas) & wording)


def _figures(lemmas: list[str]) -> bool:
    """Asks for the figures in general: «какие реальные цифры?», «дайте хоть одну цифру»."""
    if not set(lemmas) & cues.FIGURES:
        return False
    return bool(set(lemmas) & (cues.WHICH | cues.REQUESTS | {"хоть", "хотя", "конкретный"}))


def _summary(lemmas: list[str], words: set[str]) -> bool:
    if words & cues.SUMMARY:
        return True
    about_news = bool(words & cues.NEWS)
    about_what = has_phrase(lemmas, ("о", "что")) or has_phrase(lemmas, ("о", "чем"))
    return about_news and (about_what or "рассказать" in lemmas)
