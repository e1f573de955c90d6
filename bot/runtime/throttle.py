"""Per-person throttling: a burst is answered, then one short notice, then silence.

A person who sends more than `burst` messages or taps at once, faster than `per_second`,
gets one «слишком часто» notice; what follows is dropped without a word until they slow
down (a tapped button is still answered, so no spinner hangs). The notice is given again
only after their allowance has filled up completely. Dropped updates cost a dictionary
look-up (or one Redis round trip), so one person's flood cannot hold up the replies to
others.

The count is kept by a limiter: `LocalLimiter` in this process, or `RedisLimiter`, the same
rule run inside Redis, so that several instances count one person together and give the
notice once between them. When Redis fails, nobody is throttled until it is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.runtime.pacing import RateLimit

if TYPE_CHECKING:  # only RedisLimiter needs them, and only with REDIS_URL
    from redis.asyncio import Redis

    from db.shared import FailOpen

log = logging.getLogger(__name__)


class Verdict(Enum):
    PASS = 1  # within the allowance
    NOTICE = 2  # the first one over it: tell them once
    SILENT = 0  # over it, already told


class Limiter(Protocol):
    async def check(self, user_id: int) -> Verdict: ...


class LocalLimiter:
    """The generic cell rate algorithm per person, in this process."""

    def __init__(
        self, burst: int, per_second: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = RateLimit(per_second, burst, clock)
        self._noticed: set[int] = set()

    async def check(self, user_id: int) -> Verdict:
        if self._noticed and self._rate.idle(user_id):
            self._noticed.discard(user_id)
        if self._rate.take(user_id):
            return Verdict.PASS
        if user_id in self._noticed:
            return Verdict.SILENT
        self._noticed.add(user_id)
        return Verdict.NOTICE


# The same algorithm in one atomic step on Redis's clock, in milliseconds. The hash holds
# the theoretical arrival time `t` and the notice flag `n`, and expires when the whole
# burst is available again: then the person starts afresh and may be told again.
_GCRA = """
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2])
local due = tonumber(redis.call('HGET', KEYS[1], 't'))
if due == nil or due <= now then
  due = now
  redis.call('HDEL', KEYS[1], 'n')
end
if due - tolerance > now then
  return redis.call('HSETNX', KEYS[1], 'n', 1) == 1 and 2 or 0
end
redis.call('HSET', KEYS[1], 't', due + interval)
redis.call('PEXPIREAT', KEYS[1], due + interval)
return 1
"""


class RedisLimiter:
    """The rule of `LocalLimiter`, counted in Redis for every instance at once."""

    def __init__(self, redis: Redis, burst: int, per_second: float, fail_open: FailOpen) -> None:
        interval = max(1, round(1000 / per_second))
        self._args = [interval, interval * (max(1, burst) - 1)]
        self._script = redis.register_script(_GCRA)
        self._fail_open = fail_open

    async def check(self, user_id: int) -> Verdict:
        async def run() -> Verdict:
            return Verdict(int(await self._script(keys=[f"throttle:{user_id}"], args=self._args)))

        return await self._fail_open.call("throttling", run, Verdict.PASS)


class Throttle(BaseMiddleware):
    def __init__(self, limiter: Limiter) -> None:
        self._limiter = limiter

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = getattr(event, "from_user", None)
        if user is None:
            return await handler(event, data)
        verdict = await self._limiter.check(user.id)
        if verdict is Verdict.PASS:
            return await handler(event, data)
        first = verdict is Verdict.NOTICE
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
