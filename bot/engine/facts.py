"""The facts indexed by their own fields: scope, measures, products, the words they use.

Nothing here reads rendered text: a fact's words are the lemmas of its text (figures
left out), of what it is about and of the products it names.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from bot.engine.lexicon import Lexicon
from db.models import Content, Fact, Region


def unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """The facts in order, each once (facts are compared by id: they hold a dict)."""
    return tuple({fact.id: fact for fact in facts}.values())


class FactBook:
    def __init__(self, content: Content, lexicon: Lexicon) -> None:
        self.content = content
        self.lexicon = lexicon
        self.regions: dict[str, Region] = {r.id: r for r in content.regions}
        self.federal = {s.id for s in content.sectors if s.agreement is not None}
        self._scope: dict[tuple[str | None, str], list[Fact]] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._products: dict[str, tuple[frozenset[str], ...]] = {}
        lemmas = lexicon.morph.lemmas
        for fact in content.facts:
            self._scope.setdefault((fact.region, fact.sector), []).append(fact)
            literal = "".join(part for part, *_ in string.Formatter().parse(fact.text))
            words = {*lemmas(literal), *lemmas(fact.about)}
            products = tuple(frozenset(lemmas(product)) for product in fact.products)
            self._words[fact.id] = frozenset(words.union(*products))
            self._products[fact.id] = products

    @property
    def latest_year(self) -> int:
        """The last year any period of the news reaches."""
        years = [y for f in self.content.facts if f.period for y in f.period.years]
        return max(years, default=0)

    def is_product(self, topic: str) -> bool:
        """The topic names a product («рыба», «сахар»): what is supplied, never a detail."""
        return bool(self.lexicon.topics[topic].lemmas & self.lexicon.products)

    def facts(self, region: str | None, sector: str) -> list[Fact]:
        return self._scope.get((region, sector), [])

    def of_regions(self, regions: Iterable[str]) -> list[Fact]:
        chosen = set(regions)
        return [f for f in self.content.facts if f.region in chosen]

    def scope(self, regions: Iterable[str | None], sectors: Iterable[str]) -> list[Fact]:
        return [f for r in regions for s in sectors for f in self.facts(r, s)]

    def sectors_with(self, measure: str) -> list[str]:
        found = [f.sector for f in self.content.facts if measure in f.measures()]
        return list(dict.fromkeys(found))

    def speaks_of(self, fact: Fact, topic: str) -> bool:
        return bool(self.lexicon.topics[topic].lemmas & self._words[fact.id])

    def part_of_total(self, fact: Fact, topic: str) -> bool:
        """The topic is some of the fact's products but not all: «сахар» in a total of
        sugar, grains, milk and meat products («рыба» is all of fish and fish products)."""
        lemmas = self.lexicon.topics[topic].lemmas
        matching = [product for product in self._products[fact.id] if lemmas & product]
        return 0 < len(matching) < len(self._products[fact.id])

    def mentions_district(self, fact: Fact, district: str) -> bool:
        """The fact itself speaks of the federal district («лидер ПФО»)."""
        return bool(self.lexicon.district_words[district] & self._words[fact.id])

    def explains(self, lemma: str, facts: Iterable[Fact]) -> bool:
        """The word is one the facts use, or a general word of their sectors."""
        for fact in facts:
            if lemma in self._words[fact.id] or lemma in self.lexicon.sector_lemmas[fact.sector]:
                return True
        return False

    def rank(self, facts: list[Fact], lemmas: Iterable[str]) -> list[Fact]:
        """The facts, those sharing more of the words first (stable otherwise)."""
        words = set(lemmas)
        return sorted(facts, key=lambda f: -len(words & self._words[f.id]))
