"""Russian words for the question service: tokens, lemmas (pymorphy3), Latin transliteration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

_LETTER = "a-z0-9\u0430-\u044f"  # Latin, digits and the Cyrillic a..ya (after ё → е)
_WORD = re.compile(rf"[{_LETTER}]+(?:-[{_LETTER}]+)*")
_HYPHENS = re.compile(r"(?<=\w)[‐‑‒–—―](?=\w)")  # a dash inside a word is a hyphen
_DASHES = re.compile(r"[‐‑‒–—―]")  # any other dash separates words
_LATIN = re.compile(r"[a-z]")
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


def transliterate(word: str) -> str:
    """Latin spelling to Cyrillic as people type it: penza, hmao, yugra, altai, kontrakty
    (tests/test_questions.py and the evaluation sets hold the examples)."""
    for latin, cyrillic in _DIGRAPHS:
        word = word.replace(latin, cyrillic)
    word = re.sub(r"(?<=[aeiouаеиоуыэюя])i(?![a-zа-я])", "й", word)
    word = re.sub(r"(?<=[aeiouаеиоуыэюя])y(?![aeiouаеиоуыэюя])", "й", word)
    word = re.sub(r"c(?=[ieyиеы])", "ц", word)
    return word.translate(_LETTERS)


@dataclass(frozen=True, slots=True)
class Token:
    surface: str  # lower case, ё → е, Latin kept as typed
    word: str  # the Cyrillic form (transliterated when typed in Latin)
    lemma: str
    known: bool  # the dictionary knows the word (no typo guessing for it)
    pos: str | None
    place: bool = False  # a geographical name (pymorphy3's Geox)

    @property
    def forms(self) -> frozenset[str]:
        return frozenset((self.surface, self.word, self.lemma))


class Morph:
    """One pymorphy3 analyser per process, with lemmas cached per word."""

    def __init__(self) -> None:
        self._analyzer = pymorphy3.MorphAnalyzer()
        self._parse = lru_cache(maxsize=20_000)(self._parse_uncached)

    def _parse_uncached(self, word: str) -> tuple[str, bool, str | None, bool]:
        if word.isdigit():
            return word, True, "NUMB", False
        parse = self._analyzer.parse(word)[0]
        lemma = parse.normal_form.replace("ё", "е")
        known = bool(self._analyzer.word_is_known(word))
        pos = parse.tag.POS
        return lemma, known, str(pos) if pos else None, known and "Geox" in parse.tag

    def tokens(self, text: str) -> list[Token]:
        text = _DASHES.sub(" ", _HYPHENS.sub("-", text.lower().replace("ё", "е")))
        result = []
        for surface in _WORD.findall(text):
            word = transliterate(surface) if _LATIN.search(surface) else surface
            lemma, known, pos, place = self._parse(word)
            result.append(Token(surface, word, lemma, known, pos, place))
        return result

    def lemmas(self, text: str) -> tuple[str, ...]:
        return tuple(token.lemma for token in self.tokens(text))

    def word_forms(self, lemma: str) -> set[str]:
        """Every inflected form of a known word (for typo matching), else the word itself."""
        forms = {lemma}
        if self._analyzer.word_is_known(lemma):
            parse = self._analyzer.parse(lemma)[0]
            forms.update(form.word.replace("ё", "е") for form in parse.lexeme)
        return forms


@lru_cache(maxsize=1)
def shared_morph() -> Morph:
    """The process-wide analyser: loading the dictionaries takes about 0.1 s."""
    return Morph()
