"""Questions the bot could not answer in full: text, day and why; never who asked.

What is kept, and for how long:
- `unanswered`: per UTC day, reason and question text, how many times it was asked.
- `unanswered_totals`: the same counts summed over the days kept, indexed by count, so the
  report reads its 20 rows from an index however large the log grows.
- `unanswered_senders`: how many questions a sender logged today, under an HMAC of the day
  and the user id (the key is a random salt kept in `meta`), so one sender repeating spam
  adds at most `PER_SENDER_DAY` entries a day. Only today's counts are kept.
Days older than `RETENTION_DAYS` are purged at most once an hour when recording and before
every report. Phone, document and card numbers and e-mail addresses are masked before
anything is stored. Recording never fails the update it comes from: a failed write is
logged once as a warning, without the text.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import aiosqlite

from db.database import Database

log = logging.getLogger(__name__)

TEXT_LIMIT = 500
RETENTION_DAYS = 30
PER_SENDER_DAY = 5
PURGE_EVERY = timedelta(hours=1)
SALT_KEY = "unanswered_salt"
# Placeholders are symbols, not words: the stored text stays in the asker's language.
NUMBER_MASK = "[№]"
EMAIL_MASK = "[@]"
MASKED_DIGITS = 6  # a run with this many digits or more is a number to hide

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A digit, then digits joined by up to three spaces, dashes, dots or parentheses; an
# optional leading «+» or «(»: «+7 (912) 345-67-89», «45 12 345678», «123-456-789 01».
_NUMBER = re.compile(r"\+?\(?\d(?:[\s\-\u2010-\u2015\u2212.()]{0,3}\d)*")
_YEAR = re.compile(r"(?:19|20)\d\d")

SENDER_SQL = (
    "INSERT INTO unanswered_senders (day, sender, times) VALUES (?, ?, 1) "
    "ON CONFLICT (day, sender) DO UPDATE SET times = times + 1 WHERE times < ? "
    "RETURNING times"
)
DAY_SQL = (
    "INSERT INTO unanswered (day, reason, text, times) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (day, reason, text) DO UPDATE SET times = times + 1"
)
TOTAL_SQL = (
    "INSERT INTO unanswered_totals (reason, text, times, last_at) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (reason, text) DO UPDATE "
    "SET times = times + 1, last_at = max(last_at, excluded.last_at)"
)
REPORT_SQL = (
    "SELECT reason, text, times FROM unanswered_totals ORDER BY times DESC, last_at DESC LIMIT ?"
)
# One batch of the purge, in one short write transaction: the oldest expired rows are taken
# off the totals, then deleted; the emptied totals and past days' sender counts go too.
# Every step reads an index; batches keep each transaction short when a busy day expires.
PURGE_SQL = (
    "UPDATE unanswered_totals AS total SET times = total.times - gone.times FROM ("
    " SELECT reason, text, sum(times) AS times FROM ("
    "  SELECT reason, text, times FROM unanswered WHERE day < :cutoff"
    "  ORDER BY day, reason, text LIMIT :batch"
    " ) GROUP BY reason, text"
    ") AS gone WHERE total.reason = gone.reason AND total.text = gone.text",
    "DELETE FROM unanswered_totals WHERE times <= 0",
    "DELETE FROM unanswered_senders WHERE day < :today",
    "DELETE FROM unanswered WHERE (day, reason, text) IN ("
    " SELECT day, reason, text FROM unanswered WHERE day < :cutoff"
    " ORDER BY day, reason, text LIMIT :batch"
    ")",
)
PURGE_BATCH = 500


def mask_personal(text: str) -> str:
    """Hide e-mail addresses and numbers that may identify someone.

    A run of digits (joined by spaces, dashes, dots or parentheses, maybe after a «+») with
    six digits or more becomes `NUMBER_MASK`: phones, passports, SNILS, cards, birth dates.
    Shorter figures («7 800», «4 100») and years, alone or in a range («2023-2024»), stay.
    """
    text = _EMAIL.sub(EMAIL_MASK, text)

    def hide(match: re.Match[str]) -> str:
        groups = re.findall(r"\d+", match.group())
        if sum(map(len, groups)) < MASKED_DIGITS:
            return match.group()
        if all(_YEAR.fullmatch(group) for group in groups):
            return match.group()
        return NUMBER_MASK

    return _NUMBER.sub(hide, text)


def normalise(text: str) -> str:
    """One spelling per question, so that repeats are counted together."""
    return " ".join(text.lower().replace("ё", "е").split())[:TEXT_LIMIT]


def cutoff_day(now: datetime) -> str:
    """The oldest day kept: everything asked in the last `RETENTION_DAYS` days stays."""
    return (now - timedelta(days=RETENTION_DAYS)).date().isoformat()


class UnansweredLog(Protocol):
    """What the handlers use: here in SQLite, or in Redis (`db.unanswered_redis`) when
    several instances share one log."""

    async def record(
        self, text: str, reason: str, *, sender: int, when: datetime | None = None
    ) -> bool: ...

    async def most_frequent(
        self, limit: int = 20, now: datetime | None = None
    ) -> list[tuple[str, str, int]]: ...


class UnansweredRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._salt: bytes | None = None
        self._purged_at: datetime | None = None
        self._failing = False

    async def record(
        self, text: str, reason: str, *, sender: int, when: datetime | None = None
    ) -> bool:
        """Log a question in one short write transaction; True if it was stored.

        Never raises a database or disk error: the user already has the answer.
        """
        question = normalise(mask_personal(text))
        if not question:
            return False
        now = (when or datetime.now(UTC)).astimezone(UTC)
        stored = False
        try:
            async with self._db.write() as conn:
                stored = await self._insert(conn, question, reason, sender, now)
            if self._purged_at is None or abs(now - self._purged_at) >= PURGE_EVERY:
                await self.purge(now)
        except (sqlite3.Error, OSError) as exc:
            self._salt = None  # a salt created in a rolled-back write was never kept
            self._failed(exc)
        else:
            if self._failing:
                self._failing = False
                log.info("the unanswered log records again")
        if not stored:
            log.debug("unanswered question not logged (daily cap of its sender, or a failure)")
        return stored

    async def purge(self, now: datetime | None = None) -> None:
        """Drop the days past retention and the sender counts of past days."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        names = {"cutoff": cutoff_day(now), "today": now.date().isoformat(), "batch": PURGE_BATCH}
        self._purged_at = now  # a failing purge is not retried on every question
        deleted = PURGE_BATCH
        while deleted == PURGE_BATCH:
            async with self._db.write() as conn:
                for statement in PURGE_SQL:
                    cursor = await conn.execute(statement, names)
                deleted = cursor.rowcount  # of the last statement: expired rows deleted

    async def most_frequent(
        self, limit: int = 20, now: datetime | None = None
    ) -> list[tuple[str, str, int]]:
        """(reason, question, times) for the most asked questions of the last
        `RETENTION_DAYS` days that got no full answer, most frequent and latest first."""
        try:
            await self.purge(now)
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)  # the report still shows what is kept
        async with self._db.read() as conn, conn.execute(REPORT_SQL, (limit,)) as cursor:
            return [(str(row[0]), str(row[1]), int(row[2])) for row in await cursor.fetchall()]

    async def _insert(
        self, conn: aiosqlite.Connection, question: str, reason: str, sender: int, now: datetime
    ) -> bool:
        day = now.date()
        key = sender_key(await self._salt_of(conn), day, sender)
        async with conn.execute(SENDER_SQL, (day.isoformat(), key, PER_SENDER_DAY)) as cursor:
            if await cursor.fetchone() is None:
                return False  # this sender's cap for the day is reached
        await conn.execute(DAY_SQL, (day.isoformat(), reason, question))
        await conn.execute(TOTAL_SQL, (reason, question, now.isoformat()))
        return True

    async def _salt_of(self, conn: aiosqlite.Connection) -> bytes:
        """The HMAC key, created on first use and kept in `meta` (inside the caller's write)."""
        if self._salt is None:
            fresh = secrets.token_hex(32)
            async with conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = meta.value RETURNING value",
                (SALT_KEY, fresh),
            ) as cursor:
                row = await cursor.fetchone()
            self._salt = bytes.fromhex(str(row[0]) if row else fresh)
        return self._salt

    def _failed(self, exc: BaseException) -> None:
        if self._failing:
            return
        self._failing = True
        log.warning(
            "the unanswered log could not be written (%s: %s); answers are unaffected, "
            "further failures are not logged until it records again",
            type(exc).__name__,
            exc,
        )


def sender_key(salt: bytes, day: date, sender: int) -> str:
    """Who asked, as a keyed hash that changes every day and never shows the id."""
    message = f"{day.isoformat()}:{sender}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()
