"""One chat's updates in order, different chats side by side, a bounded number at once.

Two middlewares share one `ChatOrder`. `arrival` runs first among the update middlewares
(right after aiogram's own, which names the chat and awaits nothing): it gives the update
its place in its chat's line before anything awaits. `turn`, on messages and button taps
after the throttle, waits until the chat's earlier updates are done. So nothing that
awaits in between (the repeat guard, the throttle, both in Redis when instances share
state) can let a later update of a chat overtake an earlier one, while the throttle still
sees a flood as it arrives, not as its turns come. An update dropped on the way (a repeat,
a flood) gives up its place when it is dropped. Waiting for a chat's turn takes no slot:
one chat's backlog cannot hold up the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, User

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
_BEFORE = "chat_turn_after"  # the event the update waits for: its chat's update before it


def chat_key(data: dict[str, Any]) -> int | None:
    """The chat an update belongs to, as aiogram named it (for a tapped button: the chat of
    its message; with no chat, the person)."""
    chat: Chat | None = data.get("event_chat")
    if chat is not None:
        return int(chat.id)
    user: User | None = data.get("event_from_user")
    return int(user.id) if user is not None else None


class ChatOrder:
    def __init__(self, concurrency: int) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._last: dict[int, asyncio.Event] = {}  # per chat: done when its last update is
        self.arrival = _Arrival(self)
        self.turn = _Turn(self)

    async def arrive(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        key = chat_key(data)
        if key is None:
            return await handler(event, data)
        done = asyncio.Event()
        data[_BEFORE] = self._last.get(key)
        self._last[key] = done
        try:
            return await handler(event, data)
        finally:
            done.set()
            if self._last.get(key) is done:
                del self._last[key]

    async def wait_turn(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        before: asyncio.Event | None = data.get(_BEFORE)
        if before is not None:
            await before.wait()
        async with self._slots:
            return await handler(event, data)


class _Arrival(BaseMiddleware):
    def __init__(self, order: ChatOrder) -> None:
        self._order = order

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        return await self._order.arrive(handler, event, data)


class _Turn(BaseMiddleware):
    def __init__(self, order: ChatOrder) -> None:
        self._order = order

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        return await self._order.wait_turn(handler, event, data)
