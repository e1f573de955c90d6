"""/region with or without a name, the region cards and the sector views inside a region."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.engine import OtherPlace
from bot.handlers.stale import stale_button
from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from bot.ui import screens
from bot.ui.callbacks import RegionCB
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
        await show(message, screens.region_picker(catalog), bot)
        return
    found = questions.find_region(query)
    if isinstance(found, OtherPlace):
        screen = screens.not_partner(catalog, [found])
    elif found is not None and found in catalog.regions:
        screen = screens.region_card(catalog, catalog.regions[found])
    else:
        screen = screens.region_not_found(catalog, query)
    await show(message, screen, bot)


async def region_button(
    query: CallbackQuery,
    callback_data: RegionCB,
    content: ContentService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    catalog = content.catalog
    region = catalog.regions.get(callback_data.region)
    if region is None:
        await stale_button(query, catalog, bot, callback_answer)
        return
    if not callback_data.sector:
        await show(query, screens.region_card(catalog, region), bot)
        return
    sector = catalog.sectors.get(callback_data.sector)
    if sector is None or not catalog.facts(region.id, sector.id):
        await stale_button(query, catalog, bot, callback_answer)
        return
    await show(query, screens.region_sector(catalog, region, sector), bot)


def build_router() -> Router:
    router = Router(name="regions")
    router.message.register(region_command, Command("region"))
    router.callback_query.register(region_button, RegionCB.filter())
    return router
