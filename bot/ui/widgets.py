"""Building blocks of screens: escaping, buttons, keyboards, the way back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.services.content import Catalog
from bot.ui.callbacks import Back, Data, Kind, NavCB, Page, Where, data_for, way_back
from db.models import Sector

HOME = Where(Kind.HOME)


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup
    final: bool = False  # typeset and fitted already (`respond.finish`): sent as it is


def esc(value: str) -> str:
    return escape(value, quote=False)


def button(text: str, data: Data) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def link(text: str, to: Where, here: Where | None = None, back: Back = ()) -> InlineKeyboardButton:
    """A button that opens `to`; from the screen `here` it carries the way back to it."""
    carried = way_back(here, settled(here, back)) if here is not None else ""
    return button(text, data_for(to, carried))


def aside(text: str, to: Where, here: Where, back: Back) -> InlineKeyboardButton:
    """A button to a screen beside `here` (another sector of the same region): it keeps
    the way back of `here`, so «Назад» never leads to a screen with a button of its own."""
    way = [Where(Kind.FROM_ANSWER) if w.kind is Kind.ANSWER else w for w in settled(here, back)]
    return button(text, data_for(to, "~".join(w.code for w in way[:2])))


def home_button() -> InlineKeyboardButton:
    return button(_("🏠 Main menu"), NavCB(page=Page.HOME))


def parent(where: Where) -> Where | None:
    """Where «Назад» leads when the screen was not reached by a button that says."""
    kind = where.kind
    if kind is Kind.REGION_SECTOR:
        return Where(Kind.CARD, where.region)
    if kind is Kind.SOURCE:
        if where.region and where.sector:
            return Where(Kind.REGION_SECTOR, where.region, where.sector)
        if where.sector:
            return Where(Kind.OVERVIEW, sector=where.sector)
        return Where(Kind.CARD, where.region) if where.region else Where(Kind.ABOUT)
    if kind is Kind.OVERVIEW:
        return Where(Kind.SECTORS)
    return None if kind is Kind.HOME else HOME


def settled(here: Where, back: Back) -> Back:
    """The way back from `here`: as the button said, else its parent."""
    if back:
        return back
    up = parent(here)
    return (up,) if up is not None else ()


def nav_row(here: Where, back: Back) -> list[InlineKeyboardButton]:
    """«Назад» to where the person came from and «Главное меню», never both to one place;
    under a screen opened from an answer only «Главное меню» (the answer stays above)."""
    way = settled(here, back)
    if not way:
        return []
    target = way[0]
    if target.kind in (Kind.HOME, Kind.ANSWER, Kind.FROM_ANSWER):
        return [home_button()]
    back_button = button(_("« Back"), data_for(target, "~".join(w.code for w in way[1:2])))
    return [back_button, home_button()]


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


def region_buttons(
    catalog: Catalog, here: Where | None = None, back: Back = ()
) -> list[InlineKeyboardButton]:
    return [link(r.short_name, Where(Kind.CARD, r.id), here, back) for r in catalog.content.regions]
