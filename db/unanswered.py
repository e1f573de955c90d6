"""Questions the bot could not answer in full: text, time and why; never who asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiosqlite

TEXT_LIMIT = 500


def normalise(text: str) -> str:
    """One spelling per question, so that repeats are counted together."""
    return " ".join(text.lower().replace("ё", "е").split())[:TEXT_LIMIT]


class UnansweredRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def record(self, text: str, reason: str, when: datetime | None = None) -> None:
        question = normalise(text)
        if not question:
            return
        moment = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        await self._conn.execute(
            "INSERT INTO unanswered (text, asked_at, reason) VALUES (?, ?, ?)",
            (question, moment, reason),
        )

    async def most_frequent(
        self, days: int = 30, limit: int = 20, now: datetime | None = None
    ) -> list[tuple[str, str, int]]:
        """(reason, question, times) for the most asked questions of the last `days` days
        that got no full answer, by reason and then by how often they were asked."""
        since = ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="seconds")
        async with self._conn.execute(
            "SELECT reason, text, count(*) AS times FROM unanswered WHERE asked_at >= ? "
            "GROUP BY reason, text ORDER BY times DESC, max(asked_at) DESC, max(id) DESC LIMIT ?",
            (since, limit),
        ) as cursor:
            rows = [(str(row[0]), str(row[1]), int(row[2])) for row in await cursor.fetchall()]
        return rows
