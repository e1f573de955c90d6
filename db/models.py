"""Pydantic models of the content file (`db/content.toml`)."""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Unit = Literal["rub", "contract", "person", "tonne"]
COUNTED = ("contract", "person")  # units counted in whole numbers


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(_Model):
    """The period a source states for a figure: since a year, one year, or a range."""

    kind: Literal["since", "year", "range"]
    start: int = Field(ge=1990, le=2100)
    end: int | None = Field(default=None, ge=1990, le=2100)

    @model_validator(mode="after")
    def _end_matches_kind(self) -> Period:
        if self.kind == "range" and (self.end is None or self.end <= self.start):
            raise ValueError("a range needs an end later than its start")
        if self.kind != "range" and self.end is not None:
            raise ValueError("only a range has an end")
        return self

    @property
    def years(self) -> tuple[int, ...]:
        return (self.start,) if self.end is None else (self.start, self.end)


class Figure(_Model):
    value: float = Field(gt=0)
    unit: Unit
    more_than: bool = False

    @model_validator(mode="after")
    def _counts_are_whole(self) -> Figure:
        if self.unit in COUNTED and not self.value.is_integer():
            raise ValueError(f"a number of {self.unit}s must be a whole number")
        return self


class Fact(_Model):
    id: Slug
    region: Slug | None = None
    sector: Slug
    text: Text
    figures: dict[str, Figure] = Field(default_factory=dict)
    period: Period | None = None
    paragraph: int = Field(ge=1)
    note: Text | None = None
    key: bool = False

    @model_validator(mode="after")
    def _placeholders_match_figures(self) -> Fact:
        names = {name for _, name, _, _ in string.Formatter().parse(self.text) if name}
        if names != set(self.figures):
            raise ValueError(
                f"text placeholders {sorted(names)} differ from figures {sorted(self.figures)}"
            )
        return self


class Head(_Model):
    name: Text
    title: Text
    paragraph: int = Field(ge=1)


class PreviousAgreement(_Model):
    year: int = Field(ge=1990, le=2100)
    paragraph: int = Field(ge=1)
    note: Text | None = None


class Region(_Model):
    id: Slug
    name: Text
    short_name: Text  # button label: «ХМАО – Югра»
    genitive: Text
    prepositional: Text
    capital: Text
    aliases: list[Text] = Field(min_length=1)
    stems: list[Text] = Field(default_factory=list)  # word beginnings: «югорч», «хантыманс»
    head: Head
    previous_agreement: PreviousAgreement | None = None


class OtherRegion(_Model):
    """A region people confuse with a partner; it is not a party to the agreements."""

    id: Slug
    name: Text
    aliases: list[Text] = Field(min_length=1)
    stems: list[Text] = Field(default_factory=list)
    suggest: Slug


class Sector(_Model):
    id: Slug
    title: Text
    icon: Text
    aliases: list[Text] = Field(default_factory=list)
    topics: list[Text] = Field(default_factory=list)
    stems: list[Text] = Field(default_factory=list)


class Agreement(_Model):
    id: Slug
    title: Text
    parties: list[Text] = Field(min_length=2)
    areas: list[Text] = Field(default_factory=list)
    term_years: int | None = Field(default=None, ge=1, le=10)
    summary: Text
    paragraph: int = Field(ge=1)


class Vocabulary(_Model):
    """Words of free-text questions that are not names of regions or sectors."""

    greeting: list[Text] = Field(default_factory=list)
    thanks: list[Text] = Field(default_factory=list)
    capabilities: list[Text] = Field(default_factory=list)
    agreement: list[Text] = Field(default_factory=list)
    all_regions: list[Text] = Field(default_factory=list)
    stop: list[Text] = Field(default_factory=list)


class Content(_Model):
    source_title: Text
    regions: list[Region] = Field(min_length=1)
    other_regions: list[OtherRegion] = Field(default_factory=list)
    sectors: list[Sector] = Field(min_length=1)
    agreements: list[Agreement] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)

    @model_validator(mode="after")
    def _references_resolve(self) -> Content:
        for kind, items in (
            ("region", self.regions),
            ("other region", self.other_regions),
            ("sector", self.sectors),
            ("agreement", self.agreements),
            ("fact", self.facts),
        ):
            ids = [item.id for item in items]
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"duplicate {kind} id: {', '.join(duplicates)}")
        region_ids = {region.id for region in self.regions}
        sector_ids = {sector.id for sector in self.sectors}
        for fact in self.facts:
            if fact.region is not None and fact.region not in region_ids:
                raise ValueError(f"fact {fact.id}: unknown region {fact.region!r}")
            if fact.sector not in sector_ids:
                raise ValueError(f"fact {fact.id}: unknown sector {fact.sector!r}")
        for other in self.other_regions:
            if other.suggest not in region_ids:
                raise ValueError(f"other region {other.id}: unknown region {other.suggest!r}")
        return self
