"""The sector-first view: one sector across all partner regions."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.stale import stale_button
from bot.services.content import ContentService
from bot.ui import screens
from bot.ui.callbacks import SectorCB
from bot.ui.respond import show


async def sector_button(
    query: CallbackQuery,
    callback_data: SectorCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    catalog = content.catalog
    sector = catalog.sectors.get(callback_data.sector)
    if sector is None or sector not in catalog.sectors_with_facts():
        await stale_button(query, catalog, bot, callback_answer)
        return
    await show(query, screens.sector_overview(catalog, sector), bot)


def build_router() -> Router:
    router = Router(name="sectors")
    router.callback_query.register(sector_button, SectorCB.filter())
    return router
