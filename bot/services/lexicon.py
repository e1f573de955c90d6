"""Which words of a question name a region, a sector or an intent.

Every alias of the content file (regions, sectors, the vocabulary) is lemmatised once;
a question's tokens are matched phrase by phrase, longest first. Words the dictionary does
not know may still match by a region's word beginning («югорчане») or, failing that, as a
typo of one or two letters («медецина», «Пинза»). Known words are never taken for typos,
so «сорт» stays «сорт» and «пенсия» stays «пенсия».
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from bot.services.morph import FUNCTION_POS, Morph, Token
from db.models import Content

# What a phrase can point at: ("region", id), ("other", id), ("sector", id), ("topic", sector id)
# or ("intent", name). A topic names its sector and also ranks the facts.
Target = tuple[str, str]
INTENTS = ("greeting", "thanks", "capabilities", "agreement", "all_regions")
MIN_FUZZY_LENGTH = 4
_SENTENCE_END = re.compile(r"[!?;\n]+|\.\s+(?=[A-ZА-ЯЁ])")


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still count as a typo."""
    return 0 if len(word) < MIN_FUZZY_LENGTH else 1 if len(word) < 7 else 2


@dataclass
class Analysis:
    """The question read: who and what it names, and its remaining topic words."""

    regions: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    intents: set[str] = field(default_factory=set)
    terms: list[str] = field(default_factory=list)  # lemmas to order facts by
    topics: list[str] = field(default_factory=list)  # topic lemmas: pick facts («рыба»)
    places: list[str] = field(default_factory=list)  # other geographical names («Татарстан»)
    nouns: list[str] = field(default_factory=list)  # the terms that are nouns: what it is about
    sentences: dict[Target, set[int]] = field(default_factory=dict)  # where each was named

    def add(self, target: Target, sentence: int = 0) -> None:
        kind, name = target
        kind = "sector" if kind == "topic" else kind
        self.sentences.setdefault((kind, name), set()).add(sentence)
        bucket = {"region": self.regions, "other": self.others, "sector": self.sectors}.get(kind)
        if bucket is None:
            self.intents.add(name)
        elif name not in bucket:
            bucket.append(name)

    def focused_regions(self) -> list[str]:
        """With several regions and a sector, the regions named in a sentence with a sector:
        «…сколько жителей Югры лечились? А то в одном абзаце про Пензу» is about Югра."""
        if len(self.regions) < 2 or not self.sectors:
            return self.regions
        sector_sentences = set().union(*(self.sentences[("sector", s)] for s in self.sectors))
        focused = [r for r in self.regions if self.sentences[("region", r)] & sector_sentences]
        return focused or self.regions


class Lexicon:
    def __init__(self, content: Content, morph: Morph) -> None:
        self._morph = morph
        self._phrases: dict[str, list[tuple[tuple[str, ...], Target]]] = defaultdict(list)
        self._stems: list[tuple[str, Target]] = []
        self._typo_forms: dict[str, Target] = {}
        self._typo_lemmas: dict[str, str] = {}  # a form typos are measured against → its word
        self._synonyms: dict[str, tuple[str, ...]] = {}  # a topic word → lemmas of its group
        vocabulary = content.vocabulary
        for region in content.regions:
            names = [region.name, region.capital, region.head.name.split()[-1], *region.aliases]
            self._add_all(names, ("region", region.id))
            self._stems += [(stem.lower(), ("region", region.id)) for stem in region.stems]
        for other in content.other_regions:
            self._add_all([other.name, *other.aliases], ("other", other.id))
            self._stems += [(stem.lower(), ("other", other.id)) for stem in other.stems]
        for sector in content.sectors:
            self._add_all([sector.title, *sector.aliases], ("sector", sector.id))
            for group in sector.topics:  # «учитель|педагог|преподаватель»: one topic
                words = [word.strip() for word in group.split("|") if word.strip()]
                self._add_all(words, ("topic", sector.id))
                lemmas = tuple(lemma for word in words for lemma in morph.lemmas(word))
                for word in words:
                    for form in (" ".join(morph.lemmas(word)), word.lower()):
                        self._synonyms[form] = lemmas
            self._stems += [(stem.lower(), ("sector", sector.id)) for stem in sector.stems]
        for intent in INTENTS:
            self._add_all(getattr(vocabulary, intent), ("intent", intent))
        self.stop = frozenset(lemma for word in vocabulary.stop for lemma in morph.lemmas(word))
        for first in self._phrases:  # longest phrases are tried first
            self._phrases[first].sort(key=lambda entry: -len(entry[0]))
        self._typo_choices = list(self._typo_forms)

    def _add_all(self, aliases: list[str], target: Target) -> None:
        for alias in aliases:
            tokens = self._morph.tokens(alias)
            if not tokens:
                continue
            # «Горно-Алтайск» is also written «горно алтайск»: both spellings are phrases.
            for spelling in {alias, alias.replace("-", " ")}:
                words = self._morph.tokens(spelling)
                for variant in {tuple(t.lemma for t in words), tuple(t.surface for t in words)}:
                    self._phrases[variant[0]].append((variant, target))
            if len(tokens) == 1 and target[0] != "intent":
                for form in self._morph.word_forms(tokens[0].lemma) | {tokens[0].surface}:
                    if len(form) >= MIN_FUZZY_LENGTH and form not in self._typo_forms:
                        self._typo_forms[form] = target
                        self._typo_lemmas[form] = tokens[0].lemma

    def analyse(self, text: str) -> Analysis:
        analysis = Analysis()
        for number, sentence in enumerate(_SENTENCE_END.split(text)):
            self._read(self._morph.tokens(sentence), number, analysis)
        return analysis

    def _read(self, tokens: list[Token], sentence: int, analysis: Analysis) -> None:
        used = [False] * len(tokens)
        for i in range(len(tokens)):
            if used[i]:
                continue
            match = self._phrase_at(tokens, i)
            if match is not None:
                length, target = match
                analysis.add(target, sentence)
                for j in range(i, i + length):
                    used[j] = True
                if target[0] == "topic":  # topic words also pick the facts
                    self._add_topic(analysis, [tokens[j].lemma for j in range(i, i + length)])
        for i, token in enumerate(tokens):
            if used[i]:
                continue
            guess = self._guess(token)
            if guess is not None:
                target, word = guess
                analysis.add(target, sentence)
                if target[0] == "topic":
                    self._add_topic(analysis, [word])
            elif self._is_topic_word(token):
                analysis.terms.append(token.lemma)
                if token.pos == "NOUN":
                    analysis.nouns.append(token.lemma)
                if token.place:
                    analysis.places.append(token.lemma)

    def _add_topic(self, analysis: Analysis, lemmas: list[str]) -> None:
        """The topic's words and their synonyms, less words that say nothing («московский»)."""
        words = self._synonyms.get(" ".join(lemmas), tuple(lemmas))
        analysis.topics += [word for word in words if word not in self.stop]

    def _phrase_at(self, tokens: list[Token], i: int) -> tuple[int, Target] | None:
        """The longest phrase starting at token i, as (its length in tokens, its target)."""
        best: tuple[int, Target] | None = None
        for form in tokens[i].forms:
            for phrase, target in self._phrases.get(form, ()):
                end = i + len(phrase)
                if best is not None and len(phrase) <= best[0]:
                    break
                if end <= len(tokens) and all(
                    phrase[k - i] in tokens[k].forms for k in range(i + 1, end)
                ):
                    best = (len(phrase), target)
                    break
        return best

    def _guess(self, token: Token) -> tuple[Target, str] | None:
        """A word no alias names, and the alias word it stands for: a word beginning of the
        content file («югорч», «медучрежд»); for a word the dictionary does not know also a
        part of a hyphenated word or a typo (one or two letters, a swapped pair counts as one)."""
        for stem, target in self._stems:
            if token.word.startswith(stem) or token.lemma.startswith(stem):
                return target, token.lemma
        if token.known or token.pos == "NUMB":
            return None
        if "-" in token.word:
            for part in token.word.split("-"):
                found = self._phrases.get(part)
                if found:
                    return found[-1][1], part
        limit = typo_limit(token.word)
        if not limit:
            return None
        best = extractOne(token.word, self._typo_choices, scorer=OSA.distance, score_cutoff=limit)
        if best is None:
            return None
        return self._typo_forms[best[0]], self._typo_lemmas[best[0]]

    def _is_topic_word(self, token: Token) -> bool:
        return (
            token.pos not in FUNCTION_POS
            and token.pos != "NUMB"
            and len(token.lemma) > 2
            and token.lemma not in self.stop
        )
