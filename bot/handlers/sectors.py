"""The sector-first view: one sector across all partner regions."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.navigation import open_screen
from bot.services.content import ContentService
from bot.ui.callbacks import SectorCB


async def sector_button(
    query: CallbackQuery,
    callback_data: SectorCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    await open_screen(query, callback_data, content.catalog, bot, callback_answer)


def build_router() -> Router:
    router = Router(name="sectors")
    router.callback_query.register(sector_button, SectorCB.filter())
    return router
