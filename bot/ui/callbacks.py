"""Typed callback data and the way back. Only short ASCII ids go in: Telegram allows 64
bytes of callback data.

Every screen has an address (`Where`). A button carries, besides the screen it opens, the
way back from it: the screen it was tapped on and, where it fits, that screen's own way
back («~»-separated, two steps at most). So «Назад» returns to the screen the person came
from, even after a stale button or a restart: nothing is kept on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

DATA_LIMIT = 64  # bytes of callback data Telegram accepts


class Page(StrEnum):
    HOME = "home"
    SECTORS = "sectors"
    ABOUT = "about"
    HELP = "help"
    REGIONS = "regions"


class NavCB(CallbackData, prefix="nav"):
    page: Page
    back: str = ""


class RegionCB(CallbackData, prefix="reg"):
    """A region card (`sector` empty) or one sector inside the region."""

    region: str
    sector: str = ""
    back: str = ""


class SectorCB(CallbackData, prefix="sec"):
    """One sector across all regions."""

    sector: str
    back: str = ""


class SourceCB(CallbackData, prefix="src"):
    """Where the figures of a screen come from: a region and sector, a whole region
    (`sector` empty), a sector across regions (`region` empty) or the agreements (both)."""

    sector: str = ""
    region: str = ""
    back: str = ""


Data = NavCB | RegionCB | SectorCB | SourceCB


class Kind(StrEnum):
    HOME = "h"
    PICKER = "p"
    SECTORS = "m"
    ABOUT = "a"
    HELP = "e"
    CARD = "c"  # region
    REGION_SECTOR = "r"  # region, sector
    OVERVIEW = "s"  # sector
    SOURCE = "x"  # region, sector (either may be empty)
    ANSWER = "q"  # a button on an answer: the next screen opens in a message of its own
    FROM_ANSWER = "Q"  # a screen opened from an answer: nothing to go back to but the menu


_PAGES = {
    Page.HOME: Kind.HOME,
    Page.REGIONS: Kind.PICKER,
    Page.SECTORS: Kind.SECTORS,
    Page.ABOUT: Kind.ABOUT,
    Page.HELP: Kind.HELP,
}


@dataclass(frozen=True, slots=True)
class Where:
    """The address of a screen."""

    kind: Kind
    region: str = ""
    sector: str = ""

    @property
    def code(self) -> str:
        if self.kind in (Kind.CARD,):
            return f"{self.kind}.{self.region}"
        if self.kind is Kind.OVERVIEW:
            return f"{self.kind}.{self.sector}"
        if self.kind in (Kind.REGION_SECTOR, Kind.SOURCE):
            return f"{self.kind}.{self.region}.{self.sector}"
        return str(self.kind)

    @classmethod
    def parse(cls, code: str) -> Where | None:
        kind, *ids = code.split(".")
        try:
            where = Kind(kind)
        except ValueError:
            return None
        if where in (Kind.CARD,) and len(ids) == 1:
            return cls(where, region=ids[0])
        if where is Kind.OVERVIEW and len(ids) == 1:
            return cls(where, sector=ids[0])
        if where in (Kind.REGION_SECTOR, Kind.SOURCE) and len(ids) == 2:
            return cls(where, region=ids[0], sector=ids[1])
        return cls(where) if not ids else None


Back = tuple[Where, ...]  # the way back: where «Назад» leads, then where that screen's leads


def parse_back(value: str) -> Back:
    """The way back a button carries; anything malformed reads as none."""
    steps = [Where.parse(code) for code in value.split("~")] if value else []
    return () if None in steps else tuple(s for s in steps if s is not None)


def way_back(here: Where, back: Back) -> str:
    """What a button on the screen `here` (reached by `back`) carries as its way back."""
    steps = [here, *back[:1]]
    if len(steps) > 1 and steps[1].kind is Kind.ANSWER:
        steps[1] = Where(Kind.FROM_ANSWER)
    return "~".join(w.code for w in steps)


def where_of(data: Data) -> Where:
    if isinstance(data, NavCB):
        return Where(_PAGES[data.page])
    if isinstance(data, RegionCB):
        if data.sector:
            return Where(Kind.REGION_SECTOR, data.region, data.sector)
        return Where(Kind.CARD, data.region)
    if isinstance(data, SectorCB):
        return Where(Kind.OVERVIEW, sector=data.sector)
    return Where(Kind.SOURCE, data.region, data.sector)


def data_for(where: Where, back: str = "") -> Data:
    """The callback data that opens `where`, carrying `back` where it fits in 64 bytes."""
    for carried in (back, back.split("~")[0], ""):
        data = _data(where, carried)
        try:
            data.pack()  # aiogram refuses more than 64 bytes
        except ValueError:
            continue
        return data
    return _data(where, "")


def _data(where: Where, back: str) -> Data:
    kind = where.kind
    if kind is Kind.CARD:
        return RegionCB(region=where.region, back=back)
    if kind is Kind.REGION_SECTOR:
        return RegionCB(region=where.region, sector=where.sector, back=back)
    if kind is Kind.OVERVIEW:
        return SectorCB(sector=where.sector, back=back)
    if kind is Kind.SOURCE:
        return SourceCB(region=where.region, sector=where.sector, back=back)
    page = next(p for p, k in _PAGES.items() if k is kind)
    return NavCB(page=page, back=back)


def unfit_buttons(region_ids: list[str], sector_ids: list[str]) -> list[str]:
    """The screens whose buttons could not be packed in 64 bytes with these content ids,
    even without a way back; empty when every button fits."""
    screens = [Where(Kind.CARD, region=r) for r in region_ids]
    screens += [Where(Kind.OVERVIEW, sector=s) for s in sector_ids]
    for region in ["", *region_ids]:
        screens += [Where(Kind.REGION_SECTOR, region, s) for s in sector_ids if region]
        screens += [Where(Kind.SOURCE, region, s) for s in ["", *sector_ids]]
    return [f"{w.code}: over {DATA_LIMIT} bytes of button data" for w in screens if not _fits(w)]


def _fits(where: Where) -> bool:
    try:
        _data(where, "").pack()
    except ValueError:
        return False
    return True
