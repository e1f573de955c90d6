"""Buttons whose data no longer matches the content (old messages, forged data)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.content import Catalog
from bot.ui import screens
from bot.ui.respond import show


async def stale_button(
    query: CallbackQuery, catalog: Catalog, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    callback_answer.text = screens.stale_button_notice()
    await show(query, screens.main_menu(catalog), bot)
