"""A table of phrases matched against a question's tokens, longest first.

A phrase is stored by its lemmas and by its written forms, so «Пензенской области»
matches «Пензенская область». Names the dictionary does not know also match by their
stem («Чемале», «Маймы»), and, for words the dictionary does not know either, as a typo
of one or two letters («Пинза», «медецина»). Known words are never taken for typos, so
«сорт» stays «сорт» and «пенсия» stays «пенсия». A place whose name is also a common
word («Заречный», «Каменка», «Орёл») counts only when written with a capital letter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from bot.engine.morph import Morph, Token

T = TypeVar("T", bound=Hashable)
MIN_FUZZY_LENGTH = 4
MAX_TYPO_LOOKUPS = 8  # per question: a long message of unknown words stays cheap
_ENDING_LETTERS = frozenset("аеиоуыэюяйьмвхъ")  # what case endings are made of
MAX_ENDING = 3
ABBREVIATION = 3  # letters a shortened first word of a phrase keeps at least


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still count as a typo."""
    return 0 if len(word) < MIN_FUZZY_LENGTH else 1 if len(word) < 7 else 2


class TypoIndex:
    """Words to compare a misspelt word with, bucketed by length and first letter. A word
    is a typo only of words at most `typo_limit` letters longer or shorter, that begin with
    its first letter or, for a swap of the first two letters, with its second."""

    def __init__(self, words: Iterable[str]) -> None:
        self._buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in set(words):
            if word:
                self._buckets[(len(word), word[0])].append(word)
        self._near: dict[tuple[int, str], list[str]] = {}

    def _around(self, size: int, letter: str, limit: int) -> list[str]:
        near = self._near.get((size, letter))
        if near is None:
            near = [
                w for n in range(size - limit, size + limit + 1) for w in self._buckets[(n, letter)]
            ]
            self._near[(size, letter)] = near
        return near

    def closest(self, word: str) -> str | None:
        limit = typo_limit(word)
        if not limit:
            return None
        candidates = self._around(len(word), word[0], limit)
        if word[1] != word[0]:
            candidates = candidates + self._around(len(word), word[1], limit)
        found = extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        return None if found is None else str(found[0])


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    words: tuple[str, ...]
    target: T
    capital: bool  # needs a capital letter (a place named like a common word)


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int
    targets: tuple[T, ...]
    typo: bool = False
    meant: str = ""  # for a typo: the form it stands for («кантрактов» → «контрактов»)

    @property
    def length(self) -> int:
        return self.end - self.start


class PhraseTable(Generic[T]):
    def __init__(self, morph: Morph) -> None:
        self._morph = morph
        self._phrases: dict[str, list[Entry[T]]] = defaultdict(list)
        self._stems: dict[str, list[T]] = defaultdict(list)  # unknown names: stem → targets
        self._prefixes: list[tuple[str, T]] = []  # word beginnings given by the content
        self._typo_forms: dict[str, list[T]] = defaultdict(list)
        self._typos = TypoIndex(())
        self._by_beginning: dict[str, list[Entry[T]]] = defaultdict(list)  # «моск сезоны»
        self._sealed = False

    def add(
        self, alias: str, target: T, *, place: bool = False, name: bool = False, typos: bool = True
    ) -> None:
        """Add `alias` for `target`. A `place` word the dictionary lacks also matches by its
        stem; a place `name` that is also a common word needs a capital letter."""
        tokens = self._morph.tokens(alias)
        if not tokens:
            return
        capital = name and len(tokens) == 1 and tokens[0].parse.common
        for spelling in {alias, alias.replace("-", " ")}:
            words = self._morph.tokens(spelling)
            for variant in {tuple(t.lemma for t in words), tuple(t.surface for t in words)}:
                self._phrases[variant[0]].append(Entry(variant, target, capital))
        if len(tokens) != 1:
            return
        token = tokens[0]
        if place and not token.known and len(token.surface) >= 4:
            stem = token.surface.rstrip("аеиоуыэюяйь") or token.surface
            self._stems[stem].append(target)
        if typos and len(token.surface) >= MIN_FUZZY_LENGTH and not capital:
            for form in self._morph.word_forms(token.lemma) | {token.surface}:
                if len(form) >= MIN_FUZZY_LENGTH and target not in self._typo_forms[form]:
                    self._typo_forms[form].append(target)

    def add_prefix(self, prefix: str, target: T) -> None:
        self._prefixes.append((prefix.lower().replace("ё", "е"), target))

    def seal(self) -> None:
        for entries in self._phrases.values():  # longest phrases are tried first
            entries.sort(key=lambda entry: -len(entry.words))
            for entry in entries:
                if len(entry.words) > 1 and len(entry.words[0]) > ABBREVIATION:
                    self._by_beginning[entry.words[0][:ABBREVIATION]].append(entry)
        self._typos = TypoIndex(self._typo_forms)
        self._sealed = True

    def match(self, tokens: list[Token]) -> list[Match[T]]:
        """Non-overlapping matches, longest phrase first, then stems, prefixes and typos."""
        if not self._sealed:
            raise RuntimeError("seal() the table before matching")
        matches: list[Match[T]] = []
        used = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            found = self._phrase_at(tokens, i) or self._abbreviated_at(tokens, i)
            if found is None:
                i += 1
                continue
            matches.append(found)
            for j in range(found.start, found.end):
                used[j] = True
            i = found.end
        lookups = 0
        for i, token in enumerate(tokens):
            if used[i]:
                continue
            targets = self._stem_or_prefix(token)
            meant = ""
            if not targets and lookups < MAX_TYPO_LOOKUPS and self._may_be_typo(token):
                lookups += 1
                meant = self._typos.closest(token.word) or ""
                targets = list(self._typo_forms[meant]) if meant else []
            if targets:
                matches.append(Match(i, i + 1, tuple(targets), bool(meant), meant))
        matches.sort(key=lambda m: m.start)
        return matches

    def _phrase_at(self, tokens: list[Token], i: int) -> Match[T] | None:
        best: list[Entry[T]] = []
        for form in tokens[i].forms:
            for entry in self._phrases.get(form, ()):
                size = len(entry.words)
                if best and size < len(best[0].words):
                    break
                end = i + size
                if end > len(tokens) or (entry.capital and not tokens[i].upper):
                    continue
                if all(entry.words[k - i] in tokens[k].forms for k in range(i + 1, end)):
                    if best and size > len(best[0].words):
                        best = []
                    if entry not in best:
                        best.append(entry)
        if not best:
            return None
        targets = tuple(dict.fromkeys(entry.target for entry in best))
        return Match(i, i + len(best[0].words), targets)

    def _abbreviated_at(self, tokens: list[Token], i: int) -> Match[T] | None:
        """A phrase whose first word is cut short: «моск сезоны», «Алт. край»."""
        word = tokens[i].word
        if len(word) < ABBREVIATION:
            return None
        for entry in self._by_beginning.get(word[:ABBREVIATION], ()):
            end = i + len(entry.words)
            if (
                entry.words[0].startswith(word)
                and end <= len(tokens)
                and all(entry.words[k - i] in tokens[k].forms for k in range(i + 1, end))
            ):
                return Match(i, end, (entry.target,))
        return None

    def _stem_or_prefix(self, token: Token) -> list[T]:
        if not token.known:
            word = token.word
            for cut in range(0, MAX_ENDING + 1):
                stem, ending = (word[:-cut], word[-cut:]) if cut else (word, "")
                if set(ending) <= _ENDING_LETTERS and stem in self._stems:
                    return list(self._stems[stem])
        return [target for prefix, target in self._prefixes if token.word.startswith(prefix)][:1]

    @staticmethod
    def _may_be_typo(token: Token) -> bool:
        return not token.known and token.pos != "NUMB" and typo_limit(token.word) > 0


def has_phrase(lemmas: Sequence[str], phrase: Sequence[str]) -> bool:
    first, n = phrase[0], len(phrase)
    return any(
        lemma == first and tuple(lemmas[i : i + n]) == tuple(phrase)
        for i, lemma in enumerate(lemmas)
    )


def any_phrase(lemmas: Sequence[str], phrases: Iterable[Sequence[str]]) -> bool:
    return any(has_phrase(lemmas, phrase) for phrase in phrases)
