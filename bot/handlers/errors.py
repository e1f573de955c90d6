"""The one place where a failed update becomes a log line and a polite apology."""

from __future__ import annotations

import logging
from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.types import ErrorEvent

from bot.services.content import ContentService
from bot.ui import menus
from bot.ui.respond import NOT_MODIFIED

log = logging.getLogger(__name__)

# Refusals that only say the user moved on: an edit to the same text, a stale button.
EXPECTED_BAD_REQUESTS = (NOT_MODIFIED, "query is too old", "query id is invalid")


async def on_error(event: ErrorEvent, bot: Bot, content: ContentService) -> bool:
    exc = event.exception
    update = event.update
    if isinstance(exc, TelegramBadRequest) and any(
        reason in exc.message.lower() for reason in EXPECTED_BAD_REQUESTS
    ):
        log.debug("update %s: %s", update.update_id, exc.message)
        return True
    if isinstance(exc, TelegramForbiddenError):
        log.info("update %s: the user blocked the bot or left the chat", update.update_id)
        return True
    if isinstance(exc, TelegramRetryAfter | TelegramNetworkError):
        # Retried already (bot.runtime.retry). An apology would meet the same limit or
        # network, and after a lost response the answer may well have been delivered.
        log.warning("update %s: reply not confirmed: %s", update.update_id, exc.message)
        return True
    log.error("update %s failed: %s: %s", update.update_id, type(exc).__name__, exc, exc_info=exc)
    chat_id = None
    if update.message is not None:
        chat_id = update.message.chat.id
    elif update.callback_query is not None:
        query = update.callback_query
        chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    if chat_id is not None:
        screen = menus.fallback(content.catalog, menus.error_reason())
        with suppress(TelegramAPIError):
            await bot.send_message(chat_id, screen.text, reply_markup=screen.markup)
    return True
