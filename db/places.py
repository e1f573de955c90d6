"""The gazetteer (`db/places.toml`): every federal subject of Russia and its places.

It is geography, not content: it changes with the code, not with `load-content`, and is
read once per process.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from db.loader import ContentError, describe_error
from db.models import Slug, Text

PLACES_PATH = Path(__file__).with_name("places.toml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class District(_Model):
    """A federal district («ПФО»): a group of subjects, never a party to an agreement."""

    id: Slug
    name: Text
    names: list[Text] = Field(min_length=1)


class Subject(_Model):
    id: Slug
    name: Text
    kind: Literal[
        "republic", "krai", "oblast", "federal_city", "autonomous_oblast", "autonomous_okrug"
    ]
    district: Slug
    names: list[Text] = Field(min_length=1)
    adjectives: list[Text] = Field(default_factory=list)  # «свердловский»: this subject alone
    demonyms: list[Text] = Field(default_factory=list)
    capital: Text
    towns: list[Text] = Field(min_length=1)  # the capital first
    town_adjectives: list[Text] = Field(default_factory=list)
    confused_with: Slug | Literal[""] = ""  # a partner people mistake this subject for


class Gazetteer(_Model):
    districts: list[District] = Field(min_length=1)
    subjects: list[Subject] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Gazetteer:
        for kind, ids in (
            ("district", [d.id for d in self.districts]),
            ("subject", [s.id for s in self.subjects]),
        ):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"duplicate {kind} id: {', '.join(duplicates)}")
        districts = {d.id for d in self.districts}
        subjects = {s.id for s in self.subjects}
        for subject in self.subjects:
            if subject.district not in districts:
                raise ValueError(f"subject {subject.id}: unknown district {subject.district!r}")
            if subject.confused_with and subject.confused_with not in subjects:
                raise ValueError(f"subject {subject.id}: unknown subject {subject.confused_with!r}")
            if subject.towns[0] != subject.capital:
                raise ValueError(f"subject {subject.id}: the capital must be the first town")
        return self

    def subject(self, subject_id: str) -> Subject:
        return next(s for s in self.subjects if s.id == subject_id)

    def district(self, district_id: str) -> District:
        return next(d for d in self.districts if d.id == district_id)


def read_gazetteer(path: Path = PLACES_PATH) -> Gazetteer:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path}: cannot read the gazetteer: {exc}") from None
    try:
        return Gazetteer.model_validate(raw)
    except ValidationError as exc:
        lines = [describe_error(raw, error) for error in exc.errors()]
        raise ContentError(f"{path}: invalid gazetteer:\n" + "\n".join(lines)) from None


@lru_cache(maxsize=1)
def shared_gazetteer() -> Gazetteer:
    return read_gazetteer()
