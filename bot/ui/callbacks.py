"""Typed callback data. Only short ASCII ids go in: Telegram allows 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class Page(StrEnum):
    HOME = "home"
    SECTORS = "sectors"
    ABOUT = "about"
    HELP = "help"
    REGIONS = "regions"


class NavCB(CallbackData, prefix="nav"):
    page: Page


class RegionCB(CallbackData, prefix="reg"):
    """A region card (`sector` empty) or one sector inside the region."""

    region: str
    sector: str = ""


class SectorCB(CallbackData, prefix="sec"):
    """One sector across all regions."""

    sector: str


class SourceCB(CallbackData, prefix="src"):
    """The source of a sector view; `region` empty for the sector-first view."""

    sector: str
    region: str = ""
