"""Pydantic models of the content file (`db/content.toml`)."""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Ids that go into callback data are short (Telegram allows 64 bytes of it); fact ids never do.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,19}$")]
FactId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,59}$")]
# A button to a sector of a region carries both ids twice (where it leads and the way back):
# together they may have this many characters, so its callback data fits in 64 bytes.
ID_PAIR_BUDGET = 27
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Every integer is bounded: SQLite stores at most 2⁶³ − 1, and a news item has few paragraphs.
Paragraph = Annotated[int, Field(ge=1, le=1000)]
Unit = Literal["rub", "contract", "person", "tonne"]
# What a figure measures; each measure has one unit.
Measure = Literal["patients", "contracts", "contract_sum", "supplies"]
MEASURE_UNITS: dict[str, str] = {
    "patients": "person",
    "contracts": "contract",
    "contract_sum": "rub",
    "supplies": "tonne",
}
# Which way a fact goes: from the region to Moscow (supplies, patients treated in Moscow,
# the region's companies in Moscow's procurement), from Moscow to the region (Moscow's
# exhibitions shown there), or both ways (joint projects).
Direction = Literal["to_moscow", "to_region", "mutual"]
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
    # Finite, and small enough to be printed exactly (≤ 10¹⁵).
    value: float = Field(gt=0, le=1e15, allow_inf_nan=False)
    unit: Unit
    measure: Measure
    more_than: bool = False
    # What a tonnage is of, in the genitive: «продуктов», «рыбы и рыбной продукции».
    of: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.unit in COUNTED and not self.value.is_integer():
            raise ValueError(f"a number of {self.unit}s must be a whole number")
        if MEASURE_UNITS[self.measure] != self.unit:
            raise ValueError(
                f"measure {self.measure} is counted in {MEASURE_UNITS[self.measure]}, "
                f"not {self.unit}"
            )
        return self


class Fact(_Model):
    id: FactId
    region: Slug | None = None
    sector: Slug
    text: Text
    about: Text  # what the fact tells, as a short phrase: «число жителей, лечившихся в Москве»
    figures: dict[str, Figure] = Field(default_factory=dict)
    period: Period | None = None
    direction: Direction = "mutual"
    products: list[Text] = Field(default_factory=list)  # the products the fact names
    paragraph: Paragraph
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

    def measures(self) -> set[str]:
        return {figure.measure for figure in self.figures.values()}


Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]


class Cases(_Model):
    """A name in the five cases besides the nominative (which is the name itself)."""

    gent: Text
    datv: Text
    accs: Text
    ablt: Text
    loct: Text


class Person(_Model):
    name: Text  # «Сергей Собянин»: the last word is the surname people use
    title: Text  # «мэр Москвы»
    cases: Cases  # «Сергея Собянина», «Сергею Собянину», …

    def called(self, case: Case = "nomn") -> str:
        return self.name if case == "nomn" else str(getattr(self.cases, case))

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class Head(Person):
    paragraph: Paragraph


class PreviousAgreement(_Model):
    year: int = Field(ge=1990, le=2100)
    paragraph: Paragraph
    note: Text | None = None


class Region(_Model):
    id: Slug
    subject: Slug  # the federal subject in `db/places.toml` that this partner is
    name: Text
    cases: Cases  # «Пензенской области», «Пензенскую область», …
    short_name: Text  # button label, and in lists: «ХМАО — Югра»
    short_cases: Cases  # «ХМАО — Югры», «ХМАО — Югре», …
    aliases: list[Text] = Field(default_factory=list)  # other spellings: penza, hmao
    head: Head
    previous_agreement: PreviousAgreement | None = None

    def called(self, case: Case = "nomn", *, short: bool = False) -> str:
        """The region's name (or short name) in a case: «к Ханты-Мансийскому автономному
        округу — Югре»."""
        if case == "nomn":
            return self.short_name if short else self.name
        cases = self.short_cases if short else self.cases
        return str(getattr(cases, case))

    @property
    def genitive(self) -> str:
        return self.cases.gent

    @property
    def prepositional(self) -> str:
        return self.cases.loct


class Sector(_Model):
    id: Slug
    title: Text
    icon: Text
    agreement: Slug | None = None  # a sector that is a federal agreement of its own
    # in the genitive after «в сферах», where the title is no sphere: «деятельности НКО…»
    sphere: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    topics: list[Text] = Field(default_factory=list)
    stems: list[Text] = Field(default_factory=list)


class Area(_Model):
    """A direction of cooperation an agreement covers, and the words that fall under it
    («наука» under научно-техническое сотрудничество)."""

    name: Text  # in the nominative, as a list item: «научно-техническое сотрудничество»
    words: list[Text] = Field(default_factory=list)


class Agreement(_Model):
    id: Slug
    # «partners»: Moscow and each partner region (signed by their heads as well);
    # «federal»: an agreement with the federal government, tied to no region.
    scope: Literal["partners", "federal"]
    title: Text
    genitive: Text  # the title after «срок», «текст»: «соглашений Москвы с регионами-партнёрами»
    section: Text  # the part of the news about it, after «о»: «соглашении о цифровизации…»
    parties: list[Person] = Field(min_length=1)
    areas: list[Area] = Field(default_factory=list)
    term_years: int | None = Field(default=None, ge=1, le=10)
    summary: Text
    paragraph: Paragraph


class Term(_Model):
    """A word of the news explained in the news' own terms: «ПФО», «госзаказ»."""

    words: list[Text] = Field(min_length=1)  # the word and its other spellings
    meaning: Text
    paragraph: Paragraph


class Vocabulary(_Model):
    """Words of free-text questions that are not names of places, regions or sectors."""

    greeting: list[Text] = Field(default_factory=list)
    thanks: list[Text] = Field(default_factory=list)
    farewell: list[Text] = Field(default_factory=list)
    how_are_you: list[Text] = Field(default_factory=list)
    approval: list[Text] = Field(default_factory=list)  # «ок», «понятно», «👍»
    insult: list[Text] = Field(default_factory=list)
    pretend: list[Text] = Field(default_factory=list)  # «забудь», «придумай», «представь»
    capabilities: list[Text] = Field(default_factory=list)
    agreement: list[Text] = Field(default_factory=list)
    all_regions: list[Text] = Field(default_factory=list)
    stop: list[Text] = Field(default_factory=list)


class Content(_Model):
    source_title: Text
    regions: list[Region] = Field(min_length=1)
    sectors: list[Sector] = Field(min_length=1)
    agreements: list[Agreement] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    terms: list[Term] = Field(default_factory=list)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)

    @model_validator(mode="after")
    def _references_resolve(self) -> Content:
        for kind, items in (
            ("region", self.regions),
            ("sector", self.sectors),
            ("agreement", self.agreements),
            ("fact", self.facts),
        ):
            ids = [item.id for item in items]
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"duplicate {kind} id: {', '.join(duplicates)}")
        if sum(a.scope == "partners" for a in self.agreements) != 1:
            raise ValueError('exactly one agreement needs scope = "partners"')
        region_ids = {region.id for region in self.regions}
        sectors = {sector.id: sector for sector in self.sectors}
        longest = max(map(len, region_ids)) + max(len(s) for s in sectors)
        if longest > ID_PAIR_BUDGET:
            raise ValueError(
                f"the longest region id and sector id together have {longest} characters; "
                f"at most {ID_PAIR_BUDGET} fit in Telegram's 64 bytes of button data"
            )
        agreements = {a.id: a for a in self.agreements}
        for sector in self.sectors:
            if sector.agreement is not None:
                agreement = agreements.get(sector.agreement)
                if agreement is None or agreement.scope != "federal":
                    raise ValueError(
                        f"sector {sector.id}: {sector.agreement!r} is not a federal agreement"
                    )
        for fact in self.facts:
            if fact.region is not None and fact.region not in region_ids:
                raise ValueError(f"fact {fact.id}: unknown region {fact.region!r}")
            fact_sector = sectors.get(fact.sector)
            if fact_sector is None:
                raise ValueError(f"fact {fact.id}: unknown sector {fact.sector!r}")
            if (fact.region is None) != (fact_sector.agreement is not None):
                raise ValueError(
                    f"fact {fact.id}: a fact has no region exactly when its sector is a "
                    "federal agreement"
                )
        return self

    @property
    def partners_agreement(self) -> Agreement:
        return next(a for a in self.agreements if a.scope == "partners")
