"""One pacing queue for everything the bot sends, under Telegram's flood limits.

Telegram allows about 30 messages a second in all, about one a second to one chat (a short
burst is tolerated) and about 20 a minute to one group; going over earns a 429 with
`retry_after`. Every outgoing message waits here for its turn: first for its chat, then for
the global rate, so a chat with a backlog of its own never delays the others. A 429 pushes
the chat's next turn past `retry_after`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

GLOBAL = "*"
_PRUNE_EVERY = 1024


class RateLimit:
    """Per-key rate with a burst (the generic cell rate algorithm): `reserve` books the
    next turn of a key and returns how long to wait for it."""

    def __init__(
        self, per_second: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._interval = 1.0 / per_second
        self._tolerance = self._interval * (max(1, burst) - 1)
        self._clock = clock
        self._due: dict[Hashable, float] = {}  # theoretical arrival time of the next one
        self._booked = 0

    def reserve(self, key: Hashable) -> float:
        now = self._clock()
        due = max(self._due.get(key, now), now)
        self._due[key] = due + self._interval
        self._booked += 1
        if self._booked % _PRUNE_EVERY == 0:
            self._prune(now)
        return max(0.0, due - self._tolerance - now)

    def take(self, key: Hashable) -> bool:
        """Book a turn only if it is due now; False (nothing booked) when over the rate."""
        now = self._clock()
        due = max(self._due.get(key, now), now)
        if due - self._tolerance > now:
            return False
        self._due[key] = due + self._interval
        self._booked += 1
        if self._booked % _PRUNE_EVERY == 0:
            self._prune(now)
        return True

    def idle(self, key: Hashable) -> bool:
        """The key's whole burst is available again."""
        return self._due.get(key, 0.0) <= self._clock()

    def hold(self, key: Hashable, seconds: float) -> None:
        """No turn for `key` in the next `seconds` (after a 429)."""
        now = self._clock()
        self._due[key] = max(self._due.get(key, now), now + seconds + self._tolerance)

    def _prune(self, now: float) -> None:
        self._due = {k: v for k, v in self._due.items() if v > now}


class Pacer:
    def __init__(
        self,
        per_second: float = 25.0,
        burst: int = 5,
        chat_per_second: float = 1.0,
        chat_burst: int = 3,
        group_per_minute: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # 25 a second after a burst of 5: never more than 30 within any one second.
        self.all = RateLimit(per_second, burst, clock)
        self.private = RateLimit(chat_per_second, chat_burst, clock)
        self.groups = RateLimit(group_per_minute / 60.0, chat_burst, clock)

    def _limit(self, chat_id: int | str) -> RateLimit:
        private = isinstance(chat_id, int) and chat_id > 0
        return self.private if private else self.groups

    async def turn(self, chat_id: int | str | None) -> None:
        """Wait for the chat's turn (when it is a new message), then for the global one."""
        if chat_id is not None:
            await _sleep(self._limit(chat_id).reserve(chat_id))
        await _sleep(self.all.reserve(GLOBAL))

    def hold(self, chat_id: int | str | None, seconds: float) -> None:
        if chat_id is not None:
            self._limit(chat_id).hold(chat_id, seconds)


def chat_of(method: TelegramMethod[Any]) -> int | str | None:
    """The chat a new message goes to; None for edits and non-message methods."""
    name = method.__api_method__
    if not name.startswith(("send", "forward", "copy")):
        return None
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int | str) else None


def is_message(method: TelegramMethod[Any]) -> bool:
    """Methods that count against the flood limits: new messages and edits."""
    return method.__api_method__.startswith(("send", "forward", "copy", "editMessage"))


class PacingMiddleware(BaseRequestMiddleware):
    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        if is_message(method):
            await self.pacer.turn(chat_of(method))
        return await make_request(bot, method)


async def _sleep(delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
