"""Building blocks of screens: escaping, buttons, keyboards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.services.content import Catalog
from bot.ui.callbacks import NavCB, Page, RegionCB, SectorCB, SourceCB
from db.models import Sector


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup


def esc(value: str) -> str:
    return escape(value, quote=False)


def button(text: str, data: NavCB | RegionCB | SectorCB | SourceCB) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def home_button() -> InlineKeyboardButton:
    return button(_("🏠 Main menu"), NavCB(page=Page.HOME))


def back_button(data: NavCB | RegionCB | SectorCB) -> InlineKeyboardButton:
    return button(_("« Back"), data)


def sector_label(sector: Sector) -> str:
    return f"{sector.icon} {sector.title}"


def keyboard(
    first: Sequence[InlineKeyboardButton],
    *,
    width: int = 1,
    tail: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.add(*first)
    builder.adjust(width)
    if tail:
        builder.row(*tail)
    return builder.as_markup()


def region_buttons(catalog: Catalog) -> list[InlineKeyboardButton]:
    return [button(r.short_name, RegionCB(region=r.id)) for r in catalog.content.regions]
