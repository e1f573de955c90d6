"""Russian words: tokens, lemmas and grammar (pymorphy3), Latin transliteration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

_LETTER = "a-z0-9\u0430-\u044f"  # Latin, digits and the Cyrillic a..ya (after ё → е)
_WORD = re.compile(rf"[{_LETTER}]+(?:[-.,][{_LETTER}]+)*", re.IGNORECASE)
_HYPHENS = re.compile(r"(?<=\w)[‐‑‒–—―](?=\w)")  # a dash inside a word is a hyphen
_LATIN = re.compile(r"[a-z]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Transliteration of Latin spellings people use for Russian words (penza, hmao, yugra).
_DIGRAPHS = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("ts", "ц"), ("yu", "ю"), ("ya", "я"), ("yo", "е"), ("ye", "е"), ("ju", "ю"), ("ja", "я"),
)  # fmt: skip
_LETTERS = str.maketrans(
    {**dict(zip("abvgdezijklmnoprstufhcyw", "абвгдезийклмнопрстуфхкыв", strict=True)),
     "x": "кс", "q": "к"}
)  # fmt: skip
# Parts of speech that carry no topic: prepositions, conjunctions, particles, interjections.
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
# Tags of proper names: a word with one of them is a name, not a common word.
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"})
_PERSON = ("Surn", "Name", "Patr")
_INFLECTED = frozenset({"NOUN", "ADJF", "PRTF"})  # what agrees in case within a noun phrase
# Marks that set a word off from the one before: «Расскажите, сколько…», «…; а где…».
_MARKS = re.compile(r"[,;:(—–]|\s-\s")


def transliterate(word: str) -> str:
    """Latin spelling to Cyrillic as people type it: penza, hmao, yugra, altai, kontrakty."""
    for latin, cyrillic in _DIGRAPHS:
        word = word.replace(latin, cyrillic)
    word = re.sub(r"(?<=[a-zа-я])(?:ii|iy)$", "ий", word)  # «penzenskii»: -ий
    word = re.sub(r"(?<=[a-zа-я])(?:yi|yy)$", "ый", word)  # «novyi»: -ый
    word = re.sub(r"(?<=[aeiouаеиоуыэюя])i(?![a-zа-я])", "й", word)
    word = re.sub(r"(?<=[aeiouаеиоуыэюя])y(?![aeiouаеиоуыэюя])", "й", word)
    word = re.sub(r"c(?=[ieyиеы])", "ц", word)
    return word.translate(_LETTERS)


PARSE_CACHE = 50_000  # words whose analysis is kept


@dataclass(slots=True)
class Budget:
    """How much slow work one question may still cost: unknown words guessed by analogy,
    and unknown words compared with the words of no weight."""

    guesses: int
    lookups: int = 0


@dataclass(frozen=True, slots=True)
class Parse:
    lemma: str
    known: bool  # the dictionary knows the word (no typo guessing for it)
    pos: str | None
    cases: frozenset[str]  # the cases this form can have (for «в Пензе» against «в Пензу»)
    proper: bool  # a proper name: a place, a person, an organisation
    common: bool  # a known common word («заречный», «каменка», «орёл»)
    animate: bool = False  # a noun for people or animals («житель», «пензенец», «врач»)
    lemmas: frozenset[str] = frozenset()  # every normal form the word may have («округу»)
    person: str = ""  # "Name", "Surn" or "Patr": a person's name («Владимир», «Путин»)
    tense: str = ""  # a verb's: "past", "pres" or "futr" («поставит», «будет»)
    perfective: bool = False  # a verb's aspect: «подписать», not «подписывать»


@dataclass(frozen=True, slots=True)
class Token:
    surface: str  # lower case, ё → е, Latin kept as typed
    word: str  # the Cyrillic form (transliterated when typed in Latin)
    parse: Parse
    upper: bool = False  # typed with a capital letter
    number: float | None = None  # «7800», «7 800», «2,8» read as a number
    mark: bool = False  # a comma, colon, semicolon or dash before it
    caps: bool = False  # typed in capitals: «ТИМ», «ПФО» (an abbreviation, not a name)

    @property
    def lemma(self) -> str:
        return self.parse.lemma

    @property
    def known(self) -> bool:
        return self.parse.known

    @property
    def pos(self) -> str | None:
        return self.parse.pos

    @property
    def animate(self) -> bool:
        return self.parse.animate

    @property
    def forms(self) -> frozenset[str]:
        return frozenset((self.surface, self.word, self.parse.lemma)) | self.parse.lemmas


class Morph:
    """One pymorphy3 analyser per process, with parses cached per word."""

    def __init__(self) -> None:
        self._analyzer = pymorphy3.MorphAnalyzer()
        self._parses: dict[str, Parse] = {}
        self.word_forms = lru_cache(maxsize=5_000)(self._word_forms)  # type: ignore[method-assign]

    def _parse_uncached(self, word: str) -> Parse:
        if _NUMBER.fullmatch(word):
            return Parse(word, True, "NUMB", frozenset(), False, False)
        parses = self._analyzer.parse(word)
        top = parses[0]
        lemma = top.normal_form.replace("ё", "е")
        known = bool(self._analyzer.word_is_known(word))
        cases = frozenset(
            str(p.tag.case) for p in parses if p.normal_form == top.normal_form and p.tag.case
        )
        proper = bool(_PROPER & top.tag.grammemes)
        pos = str(top.tag.POS) if top.tag.POS else None
        animate = top.tag.animacy == "anim"
        lemmas = frozenset(p.normal_form.replace("ё", "е") for p in parses[:4] if p.score > 0.05)
        person = next((g for g in _PERSON if g in top.tag.grammemes), "")
        # «подтвердите», «скажите»: a request to the bot, not what will be
        tense = "" if top.tag.person == "2per" else str(top.tag.tense or "")
        perfective = top.tag.aspect == "perf"
        return Parse(
            lemma, known, pos, cases, proper, known and not proper, animate, lemmas, person, tense,
            perfective,
        )  # fmt: skip

    def parse(self, word: str, budget: Budget | None = None) -> Parse:
        """The word's analysis. Guessing a word the dictionary lacks is the slow part; with a
        `budget`, only so many are guessed and the rest are read as they are written."""
        found = self._parses.get(word)
        if found is not None:
            return found
        if budget is not None and not self._analyzer.word_is_known(word):
            if budget.guesses <= 0:
                return Parse(word, False, None, frozenset(), False, False)
            budget.guesses -= 1
        if len(self._parses) >= PARSE_CACHE:
            self._parses.clear()
        parse = self._parses[word] = self._parse_uncached(word)
        return parse

    def tokens(
        self, text: str, limit: int | None = None, budget: Budget | None = None
    ) -> list[Token]:
        """The words of `text` (at most `limit`), numbers with their thousands joined."""
        text = _HYPHENS.sub("-", text.replace("ё", "е").replace("Ё", "Е"))
        text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)  # «7 800» → «7800»
        result: list[Token] = []
        end = 0
        for match in _WORD.finditer(text):
            mark = bool(_MARKS.search(text[end : match.start()] + " ")) and bool(result)
            end = match.end()
            raw = match.group().strip(".,")
            if not raw:
                continue
            number = _as_number(raw)
            ordinal = re.fullmatch(r"(\d+)-(?:[а-я]{1,3})", raw)  # «в 2024-м», «2023-го»
            if ordinal:
                raw, number = ordinal.group(1), float(ordinal.group(1))
            if number is None and re.fullmatch(r"\d+-\d+", raw):  # «2023-2025»: two years
                result += [self._token(part, _as_number(part), budget) for part in raw.split("-")]
            elif number is None and re.search(r"[.,]", raw):
                for part in re.split(r"[.,]+", raw):  # «пенза,медицина» is two words
                    if part:
                        result.append(self._token(part, None, budget, mark))
                        mark = True
            else:
                result.append(self._token(raw, number, budget, mark))
            if limit is not None and len(result) >= limit:
                break
        return result

    def _token(
        self, raw: str, number: float | None, budget: Budget | None, mark: bool = False
    ) -> Token:
        surface = raw.lower()
        word = transliterate(surface) if _LATIN.search(surface) else surface
        caps = len(raw) > 1 and raw.isupper()
        return Token(surface, word, self.parse(word, budget), raw[:1].isupper(), number, mark, caps)

    def inflect(self, phrase: str, case: str) -> str:
        """A noun phrase put in a case, its number kept: «рыба» → «рыбе» (loct),
        «мясная продукция» → «мясной продукции», «студентов» → «студентах». Words that
        are not nouns or adjectives stay as they are."""
        words = []
        for word in phrase.split():
            parse = next(
                (p for p in self._analyzer.parse(word.lower()) if p.tag.POS in _INFLECTED), None
            )
            form = parse.inflect({case}) if parse is not None else None
            inflected = form.word if form is not None else word.lower()
            words.append(_cased_like(inflected, word))
        return " ".join(words)

    def lemmas(self, text: str) -> tuple[str, ...]:
        return tuple(token.lemma for token in self.tokens(text))

    def word_forms(self, lemma: str) -> frozenset[str]:
        """Every inflected form of a known word (for typo matching), else the word itself."""
        return self._word_forms(lemma)

    def _word_forms(self, lemma: str) -> frozenset[str]:
        forms = {lemma}
        if self._analyzer.word_is_known(lemma):
            parse = self._analyzer.parse(lemma)[0]
            forms.update(form.word.replace("ё", "е") for form in parse.lexeme)
        return frozenset(forms)


def _cased_like(word: str, model: str) -> str:
    """`word` with the capitals of `model`, part by part: «горно-алтайску» after
    «Горно-Алтайск» → «Горно-Алтайску»."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    parts, models = word.split("-"), model.split("-")
    if len(parts) != len(models):
        return word.capitalize() if model[:1].isupper() else word
    return "-".join(
        p.capitalize() if m[:1].isupper() else p for p, m in zip(parts, models, strict=True)
    )


def _as_number(raw: str) -> float | None:
    if not _NUMBER.fullmatch(raw):
        return None
    return float(raw.replace(",", "."))


@lru_cache(maxsize=1)
def shared_morph() -> Morph:
    """The process-wide analyser: loading the dictionaries takes about 0.1 s."""
    return Morph()
