"""The buttons that open a screen: the menus (`NavCB`), a region (`RegionCB`), a sector
across the regions (`SectorCB`) and «Источник» (`SourceCB`), all through `open_screen`."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.navigation import open_screen
from bot.services.content import ContentService
from bot.ui.callbacks import NavCB, RegionCB, SectorCB, SourceCB


async def screen_button(
    query: CallbackQuery,
    callback_data: NavCB | RegionCB | SectorCB | SourceCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    await open_screen(query, callback_data, content.catalog, bot, callback_answer)


def build_router() -> Router:
    router = Router(name="screens")
    for kind in (NavCB, RegionCB, SectorCB, SourceCB):
        router.callback_query.register(screen_button, kind.filter())
    return router
