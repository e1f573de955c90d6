"""Opening a screen from a button: the way back it carries, answers left as they are,
and stale or forged buttons answered with a fresh main menu."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.services.content import Catalog
from bot.ui import menus, screens
from bot.ui.callbacks import Data, Kind, parse_back, where_of
from bot.ui.links import bot_username
from bot.ui.respond import show


async def open_screen(
    query: CallbackQuery, data: Data, catalog: Catalog, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    where = where_of(data)
    back = parse_back(data.back)
    under_answer = bool(back) and back[0].kind is Kind.ANSWER
    if under_answer and where.kind is Kind.SOURCE:  # a pop-up: the answer stays as it is
        popup = screens.source_popup(catalog, where.region, where.sector)
        if popup is None:
            await stale_button(query, catalog, bot, callback_answer)
            return
        callback_answer.text = popup
        callback_answer.show_alert = True
        return
    screen = screens.screen(catalog, where, back, await bot_username(bot))
    if screen is None:
        await stale_button(query, catalog, bot, callback_answer)
        return
    await show(query, screen, bot, new=under_answer)


async def stale_button(
    query: CallbackQuery, catalog: Catalog, bot: Bot, callback_answer: CallbackAnswer
) -> None:
    callback_answer.text = menus.stale_button_notice()
    await show(query, screens.main_menu(catalog), bot)
