"""Update middlewares of the dispatcher."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.services.content import ContentService

log = logging.getLogger(__name__)


class ContentFreshness(BaseMiddleware):
    """At most every `interval` seconds, reload the menus if the stored content changed
    (for example after `python -m bot load-content` while the bot runs)."""

    def __init__(
        self,
        content: ContentService,
        interval: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._content = content
        self._interval = interval
        self._clock = clock
        self._checked = clock()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        now = self._clock()
        if now - self._checked >= self._interval:
            self._checked = now
            if await self._content.refresh_if_changed():
                log.info("content changed in the database: menus reloaded")
        return await handler(event, data)
