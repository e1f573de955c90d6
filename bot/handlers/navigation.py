"""Opening a screen from a button: the way back it carries, answers left as they are,
and stale or forged buttons answered with a fresh main menu."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.content import Catalog
from bot.ui import menus, views
from bot.ui.callbacks import Data, Kind, parse_back, where_of
from bot.ui.links import bot_username
from bot.ui.respond import show
from bot.ui.typography import typeset


async def open_screen(
    query: CallbackQuery, data: Data, catalog: Catalog, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    where = where_of(data)
    back = parse_back(data.back)
    under_answer = bool(back) and back[0].kind is Kind.ANSWER
    if under_answer and where.kind is Kind.SOURCE:  # a pop-up: the answer stays as it is
        region = catalog.regions.get(where.region)
        sector = catalog.sectors.get(where.sector)
        if (where.region and region is None) or (where.sector and sector is None):
            await stale_button(query, catalog, bot, callback_answer)
            return
        callback_answer.text = typeset(views.source_popup(catalog, region, sector))
        callback_answer.show_alert = True
        return
    screen = views.render(catalog, where, back, await bot_username(bot))
    if screen is None:
        await stale_button(query, catalog, bot, callback_answer)
        return
    await show(query, screen, bot, new=under_answer)


async def stale_button(
    query: CallbackQuery, catalog: Catalog, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    callback_answer.text = menus.stale_button_notice()
    await show(query, menus.main_menu(catalog), bot)
