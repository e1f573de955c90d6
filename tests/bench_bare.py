"""The floor for `make bench`: a bare aiogram bot that echoes the text.

One message handler answers with the text it got and one button; one callback handler
answers the query and edits the message to the button's data. Built with the same bot
defaults as this bot (HTML, no link previews) and fed through the same in-process session.
"""

from __future__ import annotations

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

TOKEN = "1:bare-echo"
KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Ещё", callback_data="again")]]
)


async def echo(message: Message) -> None:
    await message.answer(message.text or "?", reply_markup=KEYBOARD)


async def tapped(query: CallbackQuery) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(query.data or "?", reply_markup=KEYBOARD)


def bare_dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.message.register(echo, F.text)
    dp.callback_query.register(tapped)
    return dp


def bare_bot(session: BaseSession) -> Bot:
    return Bot(
        token=TOKEN,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
