"""Per-chat state (the follow-up context) in Redis, shared by every instance.

aiogram's `RedisStorage`, with two changes: a failing Redis reads as no state and drops
writes (the person is answered, only a follow-up is not understood meanwhile), and closing
the dispatcher leaves the client open, since the app owns it and closes it last.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis

from bot.engine.context import TTL_SECONDS
from db.shared import FailOpen


class SharedStorage(RedisStorage):
    def __init__(self, redis: Redis, fail_open: FailOpen) -> None:
        # Kept as long as a follow-up is read against it, then gone by itself.
        super().__init__(redis, state_ttl=TTL_SECONDS, data_ttl=TTL_SECONDS)
        self._fail_open = fail_open

    async def get_state(self, key: StorageKey) -> str | None:
        read = super().get_state
        return await self._fail_open.call("reading chat state", lambda: read(key), None)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        write = super().set_state
        await self._fail_open.call("writing chat state", lambda: write(key, state), None)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        read = super().get_data
        return await self._fail_open.call("reading chat state", lambda: read(key), {})

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        write = super().set_data
        await self._fail_open.call("writing chat state", lambda: write(key, data), None)

    async def close(self) -> None:
        return None  # the app closes the client when everything else is done
