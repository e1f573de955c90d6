"""Repositories over aiosqlite: the only place that speaks SQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from db.database import Database
from db.models import Content


class ContentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_meta(self, key: str) -> str | None:
        async with self._db.read() as conn:
            return await _meta(conn, key)

    async def digests(self, path: Path) -> tuple[str | None, str | None]:
        """The digest of the stored content, and that of `path` when it was last loaded
        (None when it never was)."""
        async with self._db.read() as conn:
            return await _meta(conn, "content_digest"), await _meta(conn, _file_key(path))

    async def replace_content(self, content: Content, digest: str, path: Path) -> None:
        """Swap the whole content in one transaction; on any error the old content stays.
        The content is stored as one document: it is only ever read whole."""
        async with self._db.write() as conn:
            await conn.execute("DELETE FROM content")
            await conn.execute(
                "INSERT INTO content (id, body) VALUES (1, ?)", (content.model_dump_json(),)
            )
            await _set_meta(conn, "content_digest", digest)
            await _set_meta(conn, _file_key(path), digest)
            await _set_meta(conn, "loaded_at", datetime.now(UTC).isoformat(timespec="seconds"))

    async def load_content(self) -> Content | None:
        """Read the stored content back into validated models; None when nothing is loaded."""
        snapshot = await self.read_snapshot()
        return None if snapshot is None else snapshot[1]

    async def read_snapshot(self) -> tuple[str | None, Content] | None:
        """The content digest and the content, read in one transaction, so that both come
        from the same version even while another process loads a new one."""
        async with self._db.read() as conn:
            async with conn.execute("SELECT body FROM content WHERE id = 1") as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            digest = await _meta(conn, "content_digest")
        return digest, Content.model_validate_json(row[0])


async def _meta(conn: aiosqlite.Connection, key: str) -> str | None:
    async with conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
        row = await cur.fetchone()
    return None if row is None else str(row[0])


async def _set_meta(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _file_key(path: Path) -> str:
    return f"file_digest:{path.resolve()}"
