"""/start, /help, /about and the navigation buttons between top-level pages."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.services.content import Catalog, ContentService
from bot.ui import screens
from bot.ui.callbacks import NavCB, Page
from bot.ui.respond import show
from bot.ui.widgets import Screen

_PAGES = {
    Page.HOME: screens.main_menu,
    Page.SECTORS: screens.sectors_menu,
    Page.ABOUT: screens.about,
    Page.REGIONS: screens.region_picker,
}


def page_screen(page: Page, catalog: Catalog) -> Screen:
    return screens.help_screen() if page is Page.HELP else _PAGES[page](catalog)


async def start(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, screens.main_menu(content.catalog), bot)


async def help_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, page_screen(Page.HELP, content.catalog), bot)


async def about_command(message: Message, content: ContentService, bot: Bot) -> None:
    await show(message, page_screen(Page.ABOUT, content.catalog), bot)


async def navigate(
    query: CallbackQuery, callback_data: NavCB, content: ContentService, bot: Bot
) -> None:
    await show(query, page_screen(callback_data.page, content.catalog), bot)


def build_router() -> Router:
    router = Router(name="menu")
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
    router.message.register(about_command, Command("about"))
    router.callback_query.register(navigate, NavCB.filter())
    return router
