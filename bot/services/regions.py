"""Finding a partner region from what a person typed after /region."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from db.models import Content, OtherRegion, Region

_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_NOT_WORD = re.compile(r"[^\w\s-]+")


def normalize(text: str) -> str:
    """Lower case, ё→е, one kind of hyphen, no punctuation, single spaces."""
    text = text.lower().replace("ё", "е")
    text = _DASHES.sub("-", text)
    text = _NOT_WORD.sub(" ", text)
    return " ".join(text.replace("_", " ").split()).strip("-")


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """Either a partner region, or a region people confuse with one (`other`)."""

    region: Region | None = None
    other: OtherRegion | None = None


def _max_typos(text: str) -> int:
    return 0 if len(text) < 4 else 1 if len(text) < 10 else 2


class RegionResolver:
    def __init__(self, content: Content) -> None:
        regions = {r.id: r for r in content.regions}
        self._aliases: dict[str, RegionMatch] = {}
        for other in content.other_regions:
            for alias in other.aliases:
                self._aliases[normalize(alias)] = RegionMatch(other=other)
        for region in content.regions:
            for alias in [region.name, region.short_name, region.capital, *region.aliases]:
                self._aliases.setdefault(normalize(alias), RegionMatch(region=regions[region.id]))
        self._choices = list(self._aliases)

    def resolve(self, query: str) -> RegionMatch | None:
        text = normalize(query)
        if not text:
            return None
        exact = self._aliases.get(text)
        if exact is not None:
            return exact
        limit = _max_typos(text)
        if limit:
            best = extractOne(text, self._choices, scorer=Levenshtein.distance, score_cutoff=limit)
            if best is not None:
                return self._aliases[best[0]]
        words = text.split()
        if len(words) > 1:
            for word in words:
                found = self._aliases.get(word)
                if found is not None:
                    return found
        return None
