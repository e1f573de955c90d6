"""Links into the bot: `https://t.me/<bot>?start=<payload>` opens a screen directly.

One module turns a screen's address into a deep-link payload and back, so the links the
bot gives («Поделиться», inline results) and the links it opens always agree. Payloads are
built from the content's ids: `penza` (a region card), `penza-medicine` (a sector of a
region), `compare-medicine` (a sector across the regions), `about` («О соглашениях»).
Telegram allows 1–64 characters of [A-Za-z0-9_-]; anything else opens nothing.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, urlencode

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton
from aiogram.utils.deep_linking import create_deep_link
from aiogram.utils.i18n import gettext as _

from bot.services.content import Catalog
from bot.ui.callbacks import Kind, Where
from bot.ui.widgets import sector_label

log = logging.getLogger(__name__)

PAYLOAD_LIMIT = 64  # characters of a /start parameter Telegram accepts
_PAYLOAD = re.compile(rf"[A-Za-z0-9_-]{{1,{PAYLOAD_LIMIT}}}")
ABOUT = "about"
COMPARE = "compare"
JOIN = "-"
SHARE_URL = "https://t.me/share/url"


def payload_for(where: Where) -> str | None:
    """The /start payload that opens `where`; None for screens that have no link."""
    kind = where.kind
    if kind is Kind.CARD:
        payload = where.region
    elif kind is Kind.REGION_SECTOR:
        payload = f"{where.region}{JOIN}{where.sector}"
    elif kind is Kind.OVERVIEW:
        payload = f"{COMPARE}{JOIN}{where.sector}"
    elif kind is Kind.ABOUT:
        payload = ABOUT
    else:
        return None
    return payload if _PAYLOAD.fullmatch(payload) else None


def where_for(payload: str, catalog: Catalog) -> Where | None:
    """The screen a /start payload names in the current content; None for anything else
    (unknown ids, junk, too long). Ids may contain «-»: every split is tried."""
    if not _PAYLOAD.fullmatch(payload):
        return None
    if payload in catalog.regions:
        return Where(Kind.CARD, region=payload)
    if payload == ABOUT:
        return Where(Kind.ABOUT)
    for at in (i for i, char in enumerate(payload) if char == JOIN):
        head, tail = payload[:at], payload[at + 1 :]
        if tail not in catalog.sectors:
            continue
        if head == COMPARE:
            return Where(Kind.OVERVIEW, sector=tail)
        if head in catalog.regions:
            return Where(Kind.REGION_SECTOR, region=head, sector=tail)
    return None


def start_link(username: str, where: Where | None = None) -> str:
    """The bot's link, opening `where` when it has a payload."""
    payload = payload_for(where) if where is not None else None
    if payload is None:
        return f"https://t.me/{username}"
    return create_deep_link(username, "start", payload)


def share_text(catalog: Catalog, where: Where) -> str:
    """The short line Telegram offers with a shared link."""
    region = catalog.regions.get(where.region)
    sector = catalog.sectors.get(where.sector)
    if where.kind is Kind.CARD and region is not None:
        return _("{region} and Moscow: the agreement in figures").format(region=region.name)
    if where.kind is Kind.REGION_SECTOR and region is not None and sector is not None:
        return _("{region} and Moscow: {sector}").format(
            region=region.name, sector=sector_label(sector)
        )
    if where.kind is Kind.OVERVIEW and sector is not None:
        return _("{sector}: Moscow's partner regions compared").format(sector=sector_label(sector))
    return _("Moscow's agreements with its partner regions")


def share_url(username: str, catalog: Catalog, where: Where) -> str:
    query = urlencode(
        {"url": start_link(username, where), "text": share_text(catalog, where)}, quote_via=quote
    )
    return f"{SHARE_URL}?{query}"


def share_buttons(
    username: str | None, catalog: Catalog, where: Where
) -> list[InlineKeyboardButton]:
    """«Поделиться»: a URL button (no callback data) that shares the screen's link; none
    when the bot's username is not known or the screen has no link."""
    if not username or payload_for(where) is None:
        return []
    return [InlineKeyboardButton(text=_("📤 Share"), url=share_url(username, catalog, where))]


async def bot_username(bot: Bot) -> str | None:
    """The bot's username (asked once, then cached by aiogram); None when Telegram cannot be
    asked now: the screen is then shown without a link rather than not at all."""
    try:
        me = await bot.me()
    except TelegramAPIError as exc:
        log.warning("could not get the bot's username: %s", type(exc).__name__)
        return None
    return me.username
