"""An update delivered twice, to this instance or another one, is handled once.

With several instances behind one webhook URL, Telegram may deliver an update again (a
slow answer, a restart) and the proxy may pass it to another instance. Before handling,
an instance claims `update:<bot id>:<update id>` in Redis with `SET NX`; an update already
claimed is dropped. The claim is first short (`CLAIM_SECONDS`) and becomes a day-long
«done» once the update was handled, so an update whose handling was cut short (a stop that
left it in the inbox, a crash) can be handled again: a stopped update releases its claim
at once, a crashed instance's claim runs out by itself. When Redis fails, every update is
handled (at least once rather than not at all).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, Update
from redis.asyncio import Redis

from db.shared import ERRORS, FailOpen

log = logging.getLogger(__name__)

CLAIM_SECONDS = 120  # longer than any update takes to handle, retries and pacing included
DONE_SECONDS = 86400  # Telegram keeps an update for a day at most


def update_key(bot_id: int, update_id: int) -> str:
    return f"update:{bot_id}:{update_id}"


class UpdateOnce(BaseMiddleware):
    def __init__(self, redis: Redis, fail_open: FailOpen) -> None:
        self._redis = redis
        self._fail_open = fail_open

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        bot = data.get("bot")
        if not isinstance(event, Update) or not isinstance(bot, Bot):
            return await handler(event, data)
        key = update_key(bot.id, event.update_id)

        async def claim() -> bool:
            return bool(await self._redis.set(key, "busy", nx=True, ex=CLAIM_SECONDS))

        if not await self._fail_open.call("claiming an update", claim, True):
            log.info("update %s dropped: handled or in hand elsewhere", event.update_id)
            return None
        try:
            result = await handler(event, data)
        except asyncio.CancelledError:
            with suppress(*ERRORS):  # not handled: another delivery may take it
                await self._redis.delete(key)
            raise
        except Exception:
            await self._done(key)  # the error handler answers it: not to be repeated
            raise
        await self._done(key)
        return result

    async def _done(self, key: str) -> None:
        async def mark() -> None:
            await self._redis.set(key, "done", ex=DONE_SECONDS)

        await self._fail_open.call("marking an update handled", mark, None)
