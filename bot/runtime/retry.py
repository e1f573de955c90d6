"""Bot API failures that retrying can fix, retried; a message is never sent twice.

- 429: wait `retry_after` (the chat's pacing turn moves too) and send again.
- 5xx and connections that could not be opened: back off with jitter and try again; the
  request did not take effect.
- A request that may have reached Telegram (the connection dropped or timed out after it
  was sent): repeated only for methods that are harmless to repeat (edits, answers to
  button taps, settings); a new message is never sent a second time.
`getUpdates` is left to the poller, which has its own back-off.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING, Any

import aiohttp
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.runtime.pacing import Pacer, chat_of

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

MAX_DELAY = 30.0  # the longest wait between two tries of a request (before jitter)
_NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


def may_repeat(method: TelegramMethod[Any]) -> bool:
    """Repeating it cannot show the person anything twice."""
    return not method.__api_method__.startswith(("send", "forward", "copy"))


def never_sent(exc: TelegramNetworkError) -> bool:
    """The connection failed before the request went out."""
    return isinstance(exc.__cause__, _NOT_SENT)


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        pacer: Pacer | None = None,
        *,
        attempts: int = 5,
        max_wait: float = 60.0,
        backoff: float = 0.5,
    ) -> None:
        self.pacer = pacer
        self.attempts = attempts
        self.max_wait = max_wait
        self.backoff = backoff

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        name = method.__api_method__
        if name == "getUpdates":
            return await make_request(bot, method)
        backoff = Backoff(
            BackoffConfig(self.backoff, MAX_DELAY, factor=2.0, jitter=self.backoff / 5)
        )
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if last or exc.retry_after > self.max_wait:
                    raise
                if self.pacer is not None:
                    self.pacer.hold(chat_of(method), exc.retry_after)
                delay = exc.retry_after + random.uniform(0.0, 0.5)  # noqa: S311
                log.warning("%s: flood limit, waiting %.1f s", name, delay)
            except TelegramServerError as exc:
                if last:
                    raise
                delay = max(0.0, next(backoff))
                log.warning("%s: %s; retry %d in %.1f s", name, exc.message, attempt, delay)
            except TelegramNetworkError as exc:
                if last or not (never_sent(exc) or may_repeat(method)):
                    raise
                delay = max(0.0, next(backoff))
                log.warning("%s: network error; retry %d in %.1f s", name, attempt, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")
