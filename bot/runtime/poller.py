"""Long polling that never stalls on one update and never loses one on a clean stop.

- Each update is validated on its own (`updates.parse_update`); what cannot be parsed is
  skipped with one log line.
- Each batch goes to the inbox (`db.inbox`) before Telegram is told it was received; an
  update leaves the inbox only when it was handled, and what is left after a stop or a
  crash is handled at the next start. A repeated `update_id` is dropped. (The inbox, the
  tasks and the drain are `bot.runtime.intake`'s, shared with the webhook.)
- Every update gets a task at once; the dispatcher's middlewares throttle floods, keep one
  chat's updates in order and bound how many run at once (`bot.runtime.ordering`).
- SIGTERM or SIGINT: stop fetching, let running updates finish within `grace` seconds,
  confirm the last batch and return; the unfinished stay in the inbox.
- A repeated 401 (token revoked) or 409 (another instance polling) raises `PollingStopped`
  with one line for the operator, instead of retrying for ever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramConflictError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.runtime.intake import Intake, Stopped
from bot.runtime.updates import FetchUpdates, RawUpdate, update_id_of
from db.inbox import Inbox

log = logging.getLogger(__name__)

# Waits between failed fetches (aiogram's backoff: ×2 up to 30 s, with jitter): after a 401
# or 409, which ends the bot after `fatal_after` in a row, and after a network error or 5xx.
REFUSED_BACKOFF = BackoffConfig(min_delay=2.0, max_delay=30.0, factor=2.0, jitter=0.3)
NETWORK_BACKOFF = BackoffConfig(min_delay=1.0, max_delay=30.0, factor=2.0, jitter=0.2)


class PollingStopped(Stopped):
    """Polling cannot go on; the message is one line for the operator."""


class Poller:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        timeout: int = 30,
        limit: int = 100,
        grace: float,
        fatal_after: int = 3,
        inbox: Inbox,
    ) -> None:
        self._dp = dispatcher
        self._bot = bot
        self._timeout = timeout
        self._limit = limit
        self._grace = grace
        self._fatal_after = fatal_after
        self._inbox = inbox
        self._offset: int | None = None
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self, *, handle_signals: bool = True, **workflow: Any) -> None:
        """Poll until stopped; raises `PollingStopped` on a fault that retrying cannot fix."""
        loop = asyncio.get_running_loop()
        if handle_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_signal, sig)
        allowed = self._dp.resolve_used_update_types()
        intake = Intake(self._dp, self._bot, self._inbox, grace=self._grace, workflow=workflow)
        try:
            await self._dp.emit_startup(**intake.lifecycle_data())
            await intake.resume()
            log.info("polling started")
            await self._fetch_until_stopped(allowed, intake)
        finally:
            if handle_signals:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(sig)
            await intake.drain()
            await self._confirm()
            await self._dp.emit_shutdown(**intake.lifecycle_data())

    def _on_signal(self, sig: signal.Signals) -> None:
        log.info("%s received: finishing the updates in hand", sig.name)
        self.stop()

    async def _fetch_until_stopped(self, allowed: list[str], intake: Intake) -> None:
        failures: dict[type[Exception], int] = {}
        refused, broken = Backoff(REFUSED_BACKOFF), Backoff(NETWORK_BACKOFF)
        delay = 0.0
        while not self._stopping.is_set():
            if delay:
                await self._sleep(delay)
                if self._stopping.is_set():
                    return
            try:
                batch = await self._fetch(allowed)
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return  # the stop interrupted a long poll
                raise
            except (TelegramUnauthorizedError, TelegramConflictError) as exc:
                kind = type(exc)
                failures[kind] = failures.get(kind, 0) + 1
                if failures[kind] >= self._fatal_after:
                    raise _fatal(exc, failures[kind]) from None
                delay = max(0.0, next(refused))
                log.warning("getUpdates: %s; retry in %.1f s", exc.message, delay)
                continue
            except TelegramRetryAfter as exc:
                delay = float(exc.retry_after)
                log.warning("getUpdates: flood limit; retry in %.0f s", delay)
                continue
            except (TelegramAPIError, ClientDecodeError) as exc:  # network, 5xx, a bad proxy
                delay = max(0.0, next(broken))
                cause = exc.message if isinstance(exc, TelegramAPIError) else type(exc).__name__
                log.warning("getUpdates failed (%s); retry in %.1f s", cause, delay)
                continue
            failures.clear()
            refused.reset()
            broken.reset()
            delay = 0.0
            if batch is None:
                return
            for raw in batch:  # the next `getUpdates` confirms this batch
                update_id = update_id_of(raw)
                if update_id is not None:
                    self._offset = max(self._offset or 0, update_id + 1)
            await intake.take(batch)
            await intake.housekeeping()

    async def _fetch(self, allowed: list[str]) -> list[RawUpdate] | None:
        """One long poll, cut short by a stop (then None)."""
        method = FetchUpdates(
            offset=self._offset,
            limit=self._limit,
            timeout=self._timeout,
            allowed_updates=allowed,
        )
        request = asyncio.ensure_future(self._bot(method, request_timeout=self._timeout + 10))
        stop = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({request, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if not request.done():
            request.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await request
            return None
        return request.result()

    async def _confirm(self) -> None:
        """Tell Telegram the last batch was received: a `getUpdates` with the new offset
        (otherwise the next start fetches it again, and the inbox drops the repeats)."""
        offset = self._offset
        if offset is None:
            return
        method = FetchUpdates(offset=offset, limit=1, timeout=0)
        try:
            async with asyncio.timeout(1.5):
                await self._bot(method, request_timeout=2)
        except Exception as exc:  # the stop goes on; Telegram re-delivers, the inbox drops
            log.warning("could not confirm the handled updates: %s", type(exc).__name__)

    async def _sleep(self, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(delay):
                await self._stopping.wait()


def _fatal(exc: Exception, times: int) -> PollingStopped:
    if isinstance(exc, TelegramUnauthorizedError):
        return PollingStopped(
            f"the Bot API rejected BOT_TOKEN {times} times in a row (401 Unauthorized): "
            "the token was revoked or is wrong",
            2,
        )
    return PollingStopped(
        f"another process is receiving this bot's updates ({times} times 409 Conflict): "
        "stop the other instance or its webhook",
        1,
    )
