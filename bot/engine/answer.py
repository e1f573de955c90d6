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
    PERSON = "person"  # who someone is
    TERM = "term"  # what a word of the news means
    SUMMARY = "summary"  # the news retold


class Coverage(StrEnum):
    """How far the news answers the question."""

    EXACT = "exact"
    PARTIAL = "partial"  # the closest figure, after what is missing
    NONE = "none"  # the news does not give it
    NOT_PARTNER = "not_partner"
    CORRECTION = "correction"
    SMALLTALK = "smalltalk"
    UNCLEAR = "unclear"  # the message could not be read as a question


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
    NATIONWIDE = "nationwide"  # a region named where the news speaks of all regions at once
    CLAIM = "claim"  # a claim checked that the facts neither confirm nor deny
    WHY = "why"  # a reason asked: the news says what, not why
    EXCEPT = "except"  # «кроме рыбы»: nothing else of the kind (value: the word left out)


@dataclass(frozen=True, slots=True)
class Gap:
    kind: GapKind
    value: str = ""
    region: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A premise the news contradicts: «Турчак возглавляет Пензенскую область?»"""

    # "head" | "signatory" | "figure" | "term" | "previous_year" (the signing year asked is
    # the previous agreement's) | "previous_wrong" (a wrong year of the previous agreement)
    # | "stranger" (a person the news does not mention, said to have signed) | "district"
    # | "kind" (a region called another kind of subject: «Алтай — это край?») | "title"
    # (a person called by another's post: «Кухарук — мэр?»)
    kind: str
    person: str | None = None  # surname key of the person named
    region: str | None = None  # the region the question paired them with
    claimed: float | None = None
    fact: Fact | None = None
    figure: str | None = None  # for "figure": the name of the fact's figure that answers
    agreement: str | None = None  # for "stranger": the agreement the person is said to sign
    elsewhere: Fact | None = None  # for "figure": the fact of another region the claim fits
    place: str | None = None  # for "district": the federal district the region is in
    kinds: tuple[str, str] | None = None  # for "kind": the region's kind, the one claimed


@dataclass(frozen=True, slots=True)
class OtherPlace:
    """A place named that is not a partner region."""

    name: str
    kind: str  # "subject" | "town" | "district" | "moscow"
    confused_with: str | None = None  # the partner region people mistake it for
    within: str | None = None  # for a town: its subject («Свердловская область»)


class LeadKind(StrEnum):
    """The sentence a reply opens with: the answer to the question as asked."""

    FACT = "fact"  # the first fact itself answers
    BY_REGION = "by_region"  # one measure, region by region
    COMPARE = "compare"  # which has more (or less)
    RANK = "rank"  # the regions in order
    DIFFERENCE = "difference"  # by how much
    RATIO = "ratio"  # how many times
    ONLY = "only"  # only one region has such a figure
    NO_COMPARISON = "no_comparison"  # nothing comparable in the news
    TOTAL = "total"  # a sum over regions
    CONVERT = "convert"  # a figure in other units
    AVERAGE = "average"  # a sum per contract, from two figures of the news
    NO_RATE = "no_rate"  # a rate, average or share the news does not give
    VERDICT = "verdict"  # yes, no, in part (then the answer it rests on)
    LIST = "list"  # the regions the news names for something (and those it does not)
    SECTORS = "sectors"  # the spheres of cooperation with a region
    PERSON = "person"  # who someone is
    NOT_MENTIONED = "not_mentioned"  # a person the news does not mention
    PERSON_UNTOLD = "person_untold"  # what the news does not say about a person
    AREAS = "areas"  # what the agreements cover
    TERM = "term"  # how long the agreements run
    UNTOLD = "untold"  # what the news does not say of the agreements (target: the aspect)
    MEANING = "meaning"  # a word of the news explained
    NOT_DEFINED = "not_defined"  # a word the news uses but does not explain
    SUMMARY = "summary"  # the news retold
    REGION = "region"  # what the news says about a region
    SMALLTALK = "smalltalk"  # target: greeting, thanks, insult, …
    REFUSAL = "refusal"  # asked to forget, pretend or invent
    UNCLEAR = "unclear"  # not understood (word: a number found in the message)
    SOURCE = "source"  # where the facts come from


@dataclass(frozen=True, slots=True)
class Item:
    """One figure of one fact: what compare, total and convert work on."""

    fact: Fact
    figure: str  # its name in `fact.figures`

    @property
    def region(self) -> str | None:
        return self.fact.region

    @property
    def value(self) -> float:
        return self.fact.figures[self.figure].value

    @property
    def more_than(self) -> bool:
        return self.fact.figures[self.figure].more_than


@dataclass(frozen=True)
class Lead:
    """What the first sentence says; `bot/ui/` words it."""

    kind: LeadKind
    items: tuple[Item, ...] = ()
    missing: tuple[str, ...] = ()  # regions for which the news gives no such figure
    measure: str | None = None
    value: float | None = None  # a figure computed from the news
    at_least: bool = False  # computed from «более …» figures: not less than that
    approximate: bool = False  # computed from «более …» figures both ways: an estimate
    less: bool = False  # compare: which has less
    periods_differ: bool = False
    target: str | None = None  # a unit, a verdict, an aspect or a smalltalk kind
    word: str = ""  # a term, a person, a topic word
    regions: tuple[str, ...] = ()  # list: the regions the news names for it
    others: tuple[str, ...] = ()  # list: the regions it does not name for it
    base: Lead | None = None  # verdict: the answer it rests on


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
    lead: Lead | None = None
    parts: tuple[Answer, ...] = ()  # one answer a sub-question, when a message asks several

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None
