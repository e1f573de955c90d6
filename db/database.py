"""One SQLite connection shared by the bot, with every transaction serialised.

aiosqlite runs all statements of a connection on one thread, in the order they arrive from
any coroutine. Without a lock, a statement of one task lands inside another task's open
transaction (a reload and an unanswered question would commit together, and a second
`BEGIN` fails with «cannot start a transaction within a transaction»). So every use of the
connection goes through `read()` (one consistent snapshot) or `write()` (one
`BEGIN IMMEDIATE` … `COMMIT`, rolled back on any error), and only one of them runs at a time.
Other processes (`load-content`) are kept apart by SQLite itself: WAL readers see a
snapshot, writers wait up to `busy_timeout`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from db.schema import connect


class Database:
    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (creating the folder and the file) and migrate; see `db.schema.connect`."""
        return cls(await connect(path), path)

    @property
    def connection(self) -> aiosqlite.Connection:
        """The bare connection, for tests that inspect the file between two steps; the bot
        itself never uses it outside `read()` and `write()`."""
        return self._conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection inside one read transaction: every statement sees the same version."""
        async with self._lock:
            await self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                await self._conn.execute("ROLLBACK")  # nothing to keep: it only read

    @asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection inside one write transaction, committed whole or rolled back."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (disk full): never leave it open, or every
                # later BEGIN fails with «cannot start a transaction within a transaction».
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()
