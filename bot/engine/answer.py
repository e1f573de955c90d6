"""What the engine answers: a structured `Answer` that `bot/ui/` turns into a screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.engine.context import ChatContext
from bot.engine.senses import Asked
from db.models import Fact


class AnswerKind(StrEnum):
    """The shape of the reply."""

    FACTS = "facts"  # facts of some regions and sectors (or what the news lacks there)
    REGION = "region"  # summaries of the named regions
    COMPARE = "compare"  # one sector or topic across all regions
    AGREEMENT = "agreement"  # the agreements, or one region's agreement
    OTHER_REGION = "other_region"  # a place that is not a partner
    CORRECTION = "correction"  # the question assumed something the news contradicts
    SMALLTALK = "smalltalk"
    UNKNOWN = "unknown"  # nothing in the news answers it


class Coverage(StrEnum):
    """How far the news answers the question."""

    EXACT = "exact"
    PARTIAL = "partial"  # the closest figure, after what is missing
    NONE = "none"  # the news does not give it
    NOT_PARTNER = "not_partner"
    CORRECTION = "correction"
    SMALLTALK = "smalltalk"


class Reason(StrEnum):
    """Why a question was not answered in full: what the unanswered log records."""

    NO_TOPIC = "no_topic"  # nothing in it was recognised
    NOT_IN_NEWS = "not_in_news"  # recognised, but the news does not give it
    PARTIAL = "partial"  # only the closest figure could be given
    OTHER_REGION = "other_region"  # about a region that is not a partner
    OFF_TOPIC = "off_topic"  # about something outside the agreements


class GapKind(StrEnum):
    """Something the question asks that the news does not give."""

    YEAR = "year"  # a year inside the figure's longer period
    PERIOD = "period"  # a period that differs from the figure's («с 2024 года»)
    YEAR_OUTSIDE = "year_outside"  # a year no figure covers
    NO_PERIOD = "no_period"  # a year asked of a figure given without a period
    PRODUCT = "product"  # one product inside a total
    SUBSET = "subset"  # a narrower group than the figure counts («дети»)
    TOWN = "town"  # a town: the figure covers the whole region
    COUNT = "count"  # a number of contracts where only their sum is given
    MEASURE = "measure"  # no figure of the kind asked (value: the Asked kind)
    ASKED = "asked"  # cost, names, how to apply, where to buy, a date (value: Asked)
    SIGNING_DATE = "signing_date"
    PREVIOUS = "previous"  # the news names no previous agreement with the region
    DIRECTION = "direction"  # the opposite direction of what the news gives
    SECTOR = "sector"  # nothing about the sector in the region
    TOPIC = "topic"  # nothing about the topic in the region (value: the topic's word)
    OFF_TOPIC = "off_topic"  # outside what the news is about
    DISTRICT = "district"  # a federal district: only some of its regions are partners


@dataclass(frozen=True, slots=True)
class Gap:
    kind: GapKind
    value: str = ""
    region: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A premise the news contradicts: «Турчак возглавляет Пензенскую область?»"""

    kind: str  # "head" | "signatory" | "figure" | "term" | "previous_year"
    person: str | None = None  # surname key of the person named
    region: str | None = None  # the region the question paired them with
    claimed: float | None = None
    fact: Fact | None = None


@dataclass(frozen=True, slots=True)
class OtherPlace:
    """A place named that is not a partner region."""

    name: str
    kind: str  # "subject" | "town" | "district" | "moscow"
    confused_with: str | None = None  # the partner region people mistake it for
    within: str | None = None  # for a town: its subject («Свердловская область»)


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    coverage: Coverage
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()  # shown with their figures, labelled with region and period
    covered: tuple[Fact, ...] = ()  # what the news has instead, named without figures
    gaps: tuple[Gap, ...] = ()
    others: tuple[OtherPlace, ...] = ()
    related: tuple[Fact, ...] = ()  # the topic elsewhere: offered as buttons only
    correction: Correction | None = None
    asked: Asked | None = None
    smalltalk: str | None = None
    reason: Reason | None = None
    context: ChatContext = field(default_factory=ChatContext)

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None
