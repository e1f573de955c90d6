"""Everything no other router took: other commands, plain text, media, unknown buttons."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.navigation import stale_button
from bot.services.content import ContentService
from bot.ui import menus
from bot.ui.respond import show


async def unknown_command(message: Message, content: ContentService, bot: Bot) -> None:
    command = (message.text or "").split(maxsplit=1)[0].partition("@")[0]
    reason = menus.unknown_command_reason(command)
    await show(message, menus.fallback(content.catalog, reason), bot)


async def not_text(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, menus.fallback(content.catalog, menus.only_text_reason()), bot)


async def unknown_button(
    query: CallbackQuery, content: ContentService, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    await stale_button(query, content.catalog, bot, callback_answer)


async def is_command(message: Message) -> bool:
    """A coroutine rather than `F.text.startswith("/")`, which aiogram runs in a thread."""
    return (message.text or "").startswith("/")


def build_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, is_command)
    router.message.register(not_text)
    router.callback_query.register(unknown_button)
    return router
