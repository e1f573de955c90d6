"""Updates taken in, whether fetched (long polling) or delivered (a webhook).

An `Intake` stores what arrives in the inbox (`db.inbox`) before the update is
acknowledged, validates each update on its own, starts a task for each new one (the
dispatcher's middlewares throttle floods, keep one chat's updates in order and bound how
many run at once), marks the handled ones in the inbox, hands the dispatcher's startup and
shutdown handlers what aiogram's own runners give them, and on a stop lets the updates in
hand finish within `grace` seconds (the rest stay in the inbox for the next start).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.runtime.updates import RawUpdate, kind_of, parse_update, update_id_of
from db.inbox import Inbox

log = logging.getLogger(__name__)


class Stopped(Exception):
    """The bot cannot go on; the message is one line for the operator."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Intake:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        inbox: Inbox,
        *,
        grace: float,
        workflow: dict[str, Any] | None = None,
    ) -> None:
        self._dp = dispatcher
        self._bot = bot
        self._inbox = inbox
        self._grace = grace
        self._workflow = workflow or {}
        self._running: set[int] = set()
        self._handled: list[int] = []  # to be marked in the inbox
        self._purged = 0.0
        self._tasks: set[asyncio.Task[None]] = set()

    def lifecycle_data(self) -> dict[str, Any]:
        """What aiogram's own polling passes to startup and shutdown handlers."""
        data = {**self._dp.workflow_data, **self._workflow, "dispatcher": self._dp}
        return {**data, "bot": self._bot, "bots": [self._bot]}

    async def resume(self) -> None:
        """Handle what the last run took in but did not finish."""
        try:
            left = await self._inbox.pending()
        except sqlite3.Error as exc:
            log.error("the inbox cannot be read (%s); continuing without it", exc)
            return
        if left:
            log.info("%d updates left from the last run", len(left))
        self._start([raw for _, raw in left])

    async def take(self, batch: list[RawUpdate]) -> set[int]:
        """Store the batch in the inbox, then start the updates that are new; their ids
        (an update without an id is skipped with one log line, a repeat is dropped)."""
        numbered: list[tuple[int, RawUpdate]] = []
        for raw in batch:
            update_id = update_id_of(raw)
            if update_id is None:
                log.warning("an update without update_id skipped (%s)", _kind(raw))
                continue
            numbered.append((update_id, raw))
        try:
            new = await self._inbox.add(numbered)
        except sqlite3.Error as exc:
            # Better answered without a safety net than not answered at all.
            log.error("the inbox cannot be written (%s); handling the updates directly", exc)
            new = {update_id for update_id, _ in numbered}
        self._start([raw for update_id, raw in numbered if update_id in new])
        return new

    def _start(self, raws: list[RawUpdate]) -> None:
        for raw in raws:
            update_id = update_id_of(raw)
            if update_id is None or update_id in self._running:
                continue
            update = parse_update(raw, self._bot)
            if update is None:
                self._handled.append(update_id)
                continue
            self._running.add(update_id)
            task = asyncio.create_task(self._handle(update))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _handle(self, update: Update) -> None:
        try:
            await self._dp.feed_update(self._bot, update, **self._workflow)
        except asyncio.CancelledError:
            log.warning("update %s not finished before the stop", update.update_id)
            raise
        except Exception as exc:
            log.error("update %s: unhandled %s", update.update_id, type(exc).__name__, exc_info=exc)
        self._running.discard(update.update_id)
        self._handled.append(update.update_id)

    async def housekeeping(self) -> None:
        """Mark handled updates in the inbox; forget old ids once an hour."""
        handled, self._handled = self._handled, []
        try:
            await self._inbox.done(handled)
            if time.monotonic() - self._purged > 3600:
                self._purged = time.monotonic()
                await self._inbox.purge()
        except sqlite3.Error as exc:
            log.error("the inbox cannot be updated: %s", exc)

    async def drain(self) -> None:
        """Let running updates finish (up to `grace` s); the rest stay in the inbox."""
        if self._tasks:
            log.info("waiting for %d updates in hand", len(self._tasks))
            _, pending = await asyncio.wait(set(self._tasks), timeout=self._grace)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=0.5)
                log.warning("%d updates left for the next start", len(pending))
        await self.housekeeping()


def _kind(raw: object) -> str:
    return kind_of(raw) if isinstance(raw, dict) else type(raw).__name__
