"""«Источник»: which part of the news the figures of a screen come from."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.navigation import open_screen
from bot.services.content import ContentService
from bot.ui.callbacks import SourceCB


async def source_button(
    query: CallbackQuery,
    callback_data: SourceCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    await open_screen(query, callback_data, content.catalog, bot, callback_answer)


def build_router() -> Router:
    router = Router(name="sources")
    router.callback_query.register(source_button, SourceCB.filter())
    return router
