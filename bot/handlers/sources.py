"""«Источник»: where the facts of a view come from, with notes on the source's errors."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.stale import stale_button
from bot.services.content import ContentService
from bot.ui import screens
from bot.ui.callbacks import SourceCB
from bot.ui.respond import show


async def source_button(
    query: CallbackQuery,
    callback_data: SourceCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    catalog = content.catalog
    sector = catalog.sectors.get(callback_data.sector)
    region = catalog.regions.get(callback_data.region) if callback_data.region else None
    region_missing = bool(callback_data.region) and region is None
    if (
        sector is None
        or region_missing
        or not catalog.facts(callback_data.region or None, sector.id)
    ):
        await stale_button(query, catalog, bot, callback_answer)
        return
    await show(query, screens.source(catalog, sector, region), bot)


def build_router() -> Router:
    router = Router(name="sources")
    router.callback_query.register(source_button, SourceCB.filter())
    return router
