"""One way to show a screen: edit the message behind a button, or send a new one."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from bot.ui.typography import typeset
from bot.ui.widgets import Screen

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"
MESSAGE_LIMIT = 4096  # characters of one message
ELLIPSIS = "…"
_CANNOT_EDIT = (
    "message can't be edited",
    "message to edit not found",
    "there is no text in the message to edit",
)


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Keep a message within Telegram's limit, cutting between lines (each line's markup is
    closed on that line) and ending with «…»."""
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = len(ELLIPSIS)
    for line in text.split("\n"):
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join([*kept, ELLIPSIS])


def is_not_modified(exc: TelegramBadRequest) -> bool:
    return NOT_MODIFIED in exc.message.lower()


def finish(screen: Screen) -> Screen:
    """The screen as it is sent: Russian typography, within the message limit."""
    if screen.final:
        return screen
    return Screen(fit(typeset(screen.text)), screen.markup, final=True)


async def show(
    event: Message | CallbackQuery, screen: Screen, bot: Bot, *, new: bool = False
) -> None:
    """Answer a command with a new message; redraw the message behind a tapped button, or,
    with `new` (a button under an answer), send the screen as a new message."""
    screen = finish(screen)
    if isinstance(event, Message):
        await event.answer(screen.text, reply_markup=screen.markup)
        return
    message = event.message
    if isinstance(message, Message) and not new:
        try:
            await message.edit_text(screen.text, reply_markup=screen.markup)
            return
        except TelegramBadRequest as exc:
            if is_not_modified(exc):
                return  # a repeated tap: the message already shows this screen
            if not any(reason in exc.message.lower() for reason in _CANNOT_EDIT):
                raise
            log.debug("cannot edit message %s, sending a new one", message.message_id)
    chat_id = message.chat.id if message is not None else event.from_user.id
    await bot.send_message(chat_id, screen.text, reply_markup=screen.markup)
