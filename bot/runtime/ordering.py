"""One chat's updates in order, different chats side by side, a bounded number at once.

Registered after the throttle, so a flood is cut down on arrival (by when it came, not by
when its turn came) and only what is left queues here. Waiting for a chat's turn takes no
slot: one chat's backlog cannot hold up the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject


def chat_key(event: TelegramObject) -> int | None:
    """The chat an event belongs to (for a tapped button: the chat of its message)."""
    if isinstance(event, CallbackQuery):
        if event.message is not None:
            return int(event.message.chat.id)
        return int(event.from_user.id)
    chat = getattr(event, "chat", None)
    return int(chat.id) if chat is not None else None


class ChatOrder(BaseMiddleware):
    def __init__(self, concurrency: int) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, updates waiting

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        key = chat_key(event)
        if key is None:
            async with self._slots:
                return await handler(event, data)
        lock, waiting = self._chats.get(key, (asyncio.Lock(), 0))
        self._chats[key] = (lock, waiting + 1)
        try:
            async with lock, self._slots:
                return await handler(event, data)
        finally:
            lock, waiting = self._chats[key]
            if waiting == 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, waiting - 1)

    @property
    def chats(self) -> int:
        """Chats with updates in hand (for tests: nothing is kept once they are done)."""
        return len(self._chats)
