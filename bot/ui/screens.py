"""The screens of the content, built once per content version and served as the same
finished objects (typeset text, one `InlineKeyboardMarkup`) until the content is reloaded.

Only screens that depend on nothing but their address, the way back and the bot's
username are kept; anything with the person's own words is built per update.
"""

from __future__ import annotations

from cachetools import LRUCache

from bot.services.content import Catalog
from bot.ui import menus, views
from bot.ui.callbacks import Back, Kind, Where
from bot.ui.memo import memo
from bot.ui.respond import finish
from bot.ui.typography import typeset
from bot.ui.widgets import Screen

SCREENS_KEPT = 2048  # addresses × ways back × usernames; bounded against forged buttons
HOME = Where(Kind.HOME)


def screen(
    catalog: Catalog, where: Where, back: Back = (), username: str | None = None
) -> Screen | None:
    """`views.render`, finished; None when the content no longer has the screen."""
    kept: LRUCache[tuple[Where, Back, str | None], Screen | None] = memo(
        catalog, ("screens",), lambda: LRUCache(SCREENS_KEPT)
    )
    key = (where, back, username)
    if key not in kept:
        built = views.render(catalog, where, back, username)
        kept[key] = finish(built) if built is not None else None
    return kept[key]


def page(catalog: Catalog, where: Where, username: str | None = None) -> Screen:
    """A screen that the content always has (a top-level page, a partner's card)."""
    found = screen(catalog, where, (), username)
    if found is None:
        raise LookupError(f"no screen {where.code}")
    return found


def main_menu(catalog: Catalog, *, greet: bool = False) -> Screen:
    if not greet:
        return page(catalog, HOME)
    return memo(catalog, ("greeting",), lambda: finish(menus.main_menu(catalog, greet=True)))


def source_popup(catalog: Catalog, region_id: str, sector_id: str) -> str | None:
    """The pop-up «Источник» under an answer, typeset; None for ids the content lacks."""
    region = catalog.regions.get(region_id)
    sector = catalog.sectors.get(sector_id)
    if (region_id and region is None) or (sector_id and sector is None):
        return None
    return memo(
        catalog,
        ("popup", region_id, sector_id),
        lambda: typeset(views.source_popup(catalog, region, sector)),
    )
