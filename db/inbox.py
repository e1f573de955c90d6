"""The inbox: updates taken from Telegram, kept until they are handled.

Telegram forgets every update below the offset of the next `getUpdates`, and one busy chat
could otherwise hold that offset back for everyone. So each batch is stored here first and
confirmed to Telegram at once; an update leaves the inbox (its body is dropped) only when it
was handled. After a crash or a stop with work in hand, the next start handles what is
left. The ids stay a day, so an update delivered twice is handled once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from db.database import Database

KEEP_IDS = timedelta(days=1)


class Inbox:
    def __init__(self, db: Database, bot_id: int) -> None:
        self._db = db
        self._bot_id = bot_id

    async def add(self, updates: list[tuple[int, dict[str, Any]]]) -> set[int]:
        """Store the batch; the ids that were new (a repeat is dropped here)."""
        now = _now()
        new: set[int] = set()
        async with self._db.write() as conn:
            for update_id, body in updates:
                async with conn.execute(
                    "INSERT INTO inbox (bot_id, update_id, body, received_at) VALUES (?,?,?,?) "
                    "ON CONFLICT DO NOTHING RETURNING update_id",
                    (self._bot_id, update_id, json.dumps(body, ensure_ascii=False), now),
                ) as cursor:
                    if await cursor.fetchone() is not None:
                        new.add(update_id)
        return new

    async def done(self, update_ids: Iterable[int]) -> None:
        """Handled (or skipped): drop the bodies, keep the ids for a day."""
        ids = [(self._bot_id, i) for i in update_ids]
        if not ids:
            return
        async with self._db.write() as conn:
            await conn.executemany(
                "UPDATE inbox SET body = NULL WHERE bot_id = ? AND update_id = ?", ids
            )

    async def pending(self) -> list[tuple[int, dict[str, Any]]]:
        """Updates taken but not handled, oldest first."""
        async with (
            self._db.read() as conn,
            conn.execute(
                "SELECT update_id, body FROM inbox WHERE bot_id = ? AND body IS NOT NULL "
                "ORDER BY update_id",
                (self._bot_id,),
            ) as cursor,
        ):
            return [(int(row[0]), json.loads(row[1])) for row in await cursor.fetchall()]

    async def purge(self) -> None:
        """Forget the ids of updates handled more than a day ago."""
        since = (datetime.now(UTC) - KEEP_IDS).isoformat(timespec="seconds")
        async with self._db.write() as conn:
            await conn.execute("DELETE FROM inbox WHERE body IS NULL AND received_at < ?", (since,))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
