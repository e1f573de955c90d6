"""/start (with a deep link's payload or without), /help, /about, /privacy and the buttons
of the top-level pages."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.services.content import ContentService
from bot.ui import screens
from bot.ui.callbacks import Kind, Where
from bot.ui.links import bot_username, where_for
from bot.ui.privacy import privacy_screen
from bot.ui.respond import show


async def start(
    message: Message, command: CommandObject, content: ContentService, bot: Bot
) -> None:
    """`/start penza` (a link `t.me/<bot>?start=penza`) opens that screen; anything else,
    the greeting and the main menu."""
    catalog = content.catalog
    where = where_for(command.args, catalog) if command.args else None
    screen = screens.screen(catalog, where, username=await bot_username(bot)) if where else None
    await show(message, screen or screens.main_menu(catalog, greet=True), bot)


async def help_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, screens.page(content.catalog, Where(Kind.HELP)), bot)


async def about_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, screens.page(content.catalog, Where(Kind.ABOUT)), bot)


async def privacy_command(message: Message, bot: Bot) -> None:
    await show(message, privacy_screen(), bot)


def build_router() -> Router:
    router = Router(name="menu")
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
    router.message.register(about_command, Command("about"))
    router.message.register(privacy_command, Command("privacy"))
    return router
