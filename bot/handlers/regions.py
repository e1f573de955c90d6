"""/region with or without a name, the region cards and the sector views inside a region."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.engine import OtherPlace
from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from bot.ui import menus, screens
from bot.ui.callbacks import Kind, Where
from bot.ui.links import bot_username
from bot.ui.respond import show


async def region_command(
    message: Message,
    command: CommandObject,
    content: ContentService,
    questions: QuestionDesk,
    bot: Bot,
) -> None:
    catalog = content.catalog
    query = (command.args or "").strip()
    if not query:
        await show(message, screens.page(catalog, Where(Kind.PICKER)), bot)
        return
    found = questions.find_region(query)
    if isinstance(found, OtherPlace):
        screen = menus.not_partner(catalog, [found])
    elif found is not None and found in catalog.regions:
        card = Where(Kind.CARD, found)
        screen = screens.page(catalog, card, await bot_username(bot))
    else:
        screen = menus.region_not_found(catalog, query)
    await show(message, screen, bot)


def build_router() -> Router:
    router = Router(name="regions")
    router.message.register(region_command, Command("region"))
    return router
