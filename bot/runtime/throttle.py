"""Per-person throttling: a burst is answered, then one short notice, then silence.

A person who sends more than `burst` messages or taps at once, faster than `per_second`,
gets one «слишком часто» notice; what follows is dropped without a word until they slow
down (a tapped button is still answered, so no spinner hangs). The notice is given again
only after their allowance has filled up completely. Dropped updates cost a dictionary
look-up, so one person's flood cannot hold up the replies to others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.runtime.pacing import RateLimit

log = logging.getLogger(__name__)


class Throttle(BaseMiddleware):
    def __init__(
        self, burst: int, per_second: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = RateLimit(per_second, burst, clock)
        self._noticed: set[int] = set()
        self.dropped = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = getattr(event, "from_user", None)
        if user is None:
            return await handler(event, data)
        if self._noticed and self._rate.idle(user.id):
            self._noticed.discard(user.id)
        if self._rate.take(user.id):
            return await handler(event, data)
        self.dropped += 1
        first = user.id not in self._noticed
        self._noticed.add(user.id)
        if first:
            log.info("throttled a sender (burst exceeded)")
        with suppress(TelegramAPIError):
            await _notice(event, first)
        return None


async def _notice(event: TelegramObject, first: bool) -> None:
    text = _("Too many messages at once. Please wait a few seconds and try again.")
    if isinstance(event, CallbackQuery):
        await event.answer(text if first else None)
    elif isinstance(event, Message) and first:
        await event.answer(text)
