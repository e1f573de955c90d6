"""/start, /help, /about and the buttons of the top-level pages."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.navigation import open_screen
from bot.services.content import ContentService
from bot.ui import menus
from bot.ui.callbacks import NavCB
from bot.ui.respond import show


async def start(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, menus.main_menu(content.catalog, greet=True), bot)


async def help_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, menus.help_screen(content.catalog), bot)


async def about_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, menus.about(content.catalog), bot)


async def navigate(
    query: CallbackQuery,
    callback_data: NavCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    await open_screen(query, callback_data, content.catalog, bot, callback_answer)


def build_router() -> Router:
    router = Router(name="menu")
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
    router.message.register(about_command, Command("about"))
    router.callback_query.register(navigate, NavCB.filter())
    return router
