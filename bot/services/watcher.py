"""Content picked up while the bot runs, outside the update path."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.services.content import ContentService

log = logging.getLogger(__name__)


class ContentWatcher:
    """Every `interval` seconds, in a background task of its own, swap in content that
    another process (`python -m bot load-content`) stored while the bot runs. No update
    waits for the check, so none can overtake another of its chat while it runs.

    Started and stopped with the dispatcher (`startup`, `shutdown`)."""

    def __init__(self, content: ContentService, interval: float) -> None:
        self._content = content
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._watch(), name="content-watcher")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def check(self) -> bool:
        """One check: True if new content was swapped in."""
        changed = await self._content.refresh_if_changed()
        if changed:
            log.info("content changed in the database: menus reloaded")
        return changed

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.check()
            except Exception:  # the database went away for a moment: try again later
                log.exception("content check failed")
