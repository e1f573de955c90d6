"""Redis, shared by the instances of the bot when REDIS_URL is set.

`connect` opens the client and checks that Redis answers: at start an unreachable Redis is
`RedisUnavailable`, one line naming REDIS_URL (never its password). While the bot runs,
what goes through `FailOpen` (the update guard, the throttle, the chat state) gives way
instead: the first failure is logged once, Redis is left alone for a few seconds so that
no update waits on a dead connection, the update is handled as if Redis said nothing, and
the recovery is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar
from urllib.parse import urlsplit

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

T = TypeVar("T")
TIMEOUT = 2.0  # seconds for one connection or command: an update never waits longer
PAUSE = 5.0  # seconds Redis is left alone after a failure
ERRORS = (RedisError, OSError)


class RedisUnavailable(RuntimeError):
    """Redis cannot serve at start; one line for the operator, naming REDIS_URL."""


def where(url: str) -> str:
    """Host and port (or the socket) of a Redis URL, without its credentials."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    try:
        port = parts.port or 6379
    except ValueError:
        port = 6379
    return f"{parts.hostname}:{port}"


async def connect(url: str) -> Redis:
    """A client for `url` whose commands fail fast (no retries); Redis must answer now."""
    client = Redis.from_url(
        url,
        socket_timeout=TIMEOUT,
        socket_connect_timeout=TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        await client.ping()  # type: ignore[misc]  # redis 7 types it `Awaitable[bool] | bool`
    except ERRORS as exc:
        await client.aclose()
        cause = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RedisUnavailable(
            f"REDIS_URL: Redis at {where(url)} does not answer: {cause}"
        ) from None
    return client


class FailOpen:
    """Runs Redis commands that may fail without failing the update."""

    def __init__(self, pause: float = PAUSE, clock: Callable[[], float] = time.monotonic) -> None:
        self._pause = pause
        self._clock = clock
        self._resume_at = 0.0
        self._failing = False

    async def call(self, what: str, command: Callable[[], Awaitable[T]], fallback: T) -> T:
        """`command()`'s result, or `fallback` when Redis fails (or failed a moment ago)."""
        if self._clock() < self._resume_at:
            return fallback
        try:
            result = await command()
        except ERRORS as exc:
            self._resume_at = self._clock() + self._pause
            if not self._failing:
                self._failing = True
                log.warning(
                    "Redis does not answer (%s: %s; while %s): updates are handled without "
                    "it, further failures are not logged until it answers again",
                    type(exc).__name__,
                    str(exc).splitlines()[0] if str(exc) else "",
                    what,
                )
            return fallback
        if self._failing:
            self._failing = False
            log.info("Redis answers again")
        return result
