"""SQLite schema as numbered migrations, tracked with `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite

from db.storage import StorageError as StorageError  # raised by `connect`
from db.storage import prepare_folder, sqlite_cause

# Each entry moves the schema one version up; never edit a released entry, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE regions (
        id             TEXT PRIMARY KEY,
        position       INTEGER NOT NULL,
        name           TEXT NOT NULL,
        short_name     TEXT NOT NULL,
        genitive       TEXT NOT NULL,
        prepositional  TEXT NOT NULL,
        capital        TEXT NOT NULL,
        aliases        TEXT NOT NULL CHECK (json_valid(aliases)),
        head_name      TEXT NOT NULL,
        head_title     TEXT NOT NULL,
        head_paragraph INTEGER NOT NULL,
        prev_year      INTEGER,
        prev_paragraph INTEGER,
        prev_note      TEXT
    );
    CREATE TABLE other_regions (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        aliases  TEXT NOT NULL CHECK (json_valid(aliases)),
        suggest  TEXT NOT NULL REFERENCES regions (id)
    );
    CREATE TABLE sectors (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        title    TEXT NOT NULL,
        icon     TEXT NOT NULL,
        aliases  TEXT NOT NULL CHECK (json_valid(aliases))
    );
    CREATE TABLE agreements (
        id         TEXT PRIMARY KEY,
        position   INTEGER NOT NULL,
        title      TEXT NOT NULL,
        parties    TEXT NOT NULL CHECK (json_valid(parties)),
        areas      TEXT NOT NULL CHECK (json_valid(areas)),
        term_years INTEGER,
        summary    TEXT NOT NULL,
        paragraph  INTEGER NOT NULL
    );
    CREATE TABLE facts (
        id           TEXT PRIMARY KEY,
        position     INTEGER NOT NULL,
        region_id    TEXT REFERENCES regions (id),
        sector_id    TEXT NOT NULL REFERENCES sectors (id),
        text         TEXT NOT NULL,
        period_kind  TEXT CHECK (period_kind IN ('since', 'year', 'range')),
        period_start INTEGER,
        period_end   INTEGER,
        paragraph    INTEGER NOT NULL,
        note         TEXT,
        is_key       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX facts_by_region_sector ON facts (region_id, sector_id);
    CREATE TABLE fact_figures (
        fact_id   TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        value     REAL NOT NULL,
        unit      TEXT NOT NULL,
        more_than INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (fact_id, name)
    );
    """,
    """
    ALTER TABLE regions ADD COLUMN stems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stems));
    ALTER TABLE other_regions ADD COLUMN stems TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(stems));
    ALTER TABLE sectors ADD COLUMN topics TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(topics));
    ALTER TABLE sectors ADD COLUMN stems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stems));
    CREATE TABLE vocabulary (
        name  TEXT PRIMARY KEY,
        words TEXT NOT NULL CHECK (json_valid(words))
    );
    CREATE TABLE unanswered (
        id       INTEGER PRIMARY KEY,
        text     TEXT NOT NULL,
        asked_at TEXT NOT NULL
    );
    CREATE INDEX unanswered_by_time ON unanswered (asked_at);
    """,
    # Version 3: facts say what their figures measure, their direction and products; places
    # come from the gazetteer. The content tables are derived from the content file, so they
    # are rebuilt and the file is loaded again; the unanswered log learns why.
    """
    DROP TABLE fact_figures;
    DROP TABLE facts;
    DROP TABLE agreements;
    DROP TABLE sectors;
    DROP TABLE other_regions;
    DROP TABLE regions;
    DELETE FROM meta WHERE key = 'content_digest';
    CREATE TABLE regions (
        id             TEXT PRIMARY KEY,
        position       INTEGER NOT NULL,
        subject        TEXT NOT NULL,
        name           TEXT NOT NULL,
        short_name     TEXT NOT NULL,
        genitive       TEXT NOT NULL,
        prepositional  TEXT NOT NULL,
        aliases        TEXT NOT NULL CHECK (json_valid(aliases)),
        head           TEXT NOT NULL CHECK (json_valid(head)),
        previous       TEXT CHECK (previous IS NULL OR json_valid(previous))
    );
    CREATE TABLE sectors (
        id        TEXT PRIMARY KEY,
        position  INTEGER NOT NULL,
        title     TEXT NOT NULL,
        icon      TEXT NOT NULL,
        agreement TEXT,
        aliases   TEXT NOT NULL CHECK (json_valid(aliases)),
        topics    TEXT NOT NULL CHECK (json_valid(topics)),
        stems     TEXT NOT NULL CHECK (json_valid(stems))
    );
    CREATE TABLE agreements (
        id         TEXT PRIMARY KEY,
        position   INTEGER NOT NULL,
        scope      TEXT NOT NULL CHECK (scope IN ('partners', 'federal')),
        title      TEXT NOT NULL,
        parties    TEXT NOT NULL CHECK (json_valid(parties)),
        areas      TEXT NOT NULL CHECK (json_valid(areas)),
        term_years INTEGER,
        summary    TEXT NOT NULL,
        paragraph  INTEGER NOT NULL
    );
    CREATE TABLE facts (
        id           TEXT PRIMARY KEY,
        position     INTEGER NOT NULL,
        region_id    TEXT REFERENCES regions (id),
        sector_id    TEXT NOT NULL REFERENCES sectors (id),
        text         TEXT NOT NULL,
        about        TEXT NOT NULL,
        period_kind  TEXT CHECK (period_kind IN ('since', 'year', 'range')),
        period_start INTEGER,
        period_end   INTEGER,
        direction    TEXT NOT NULL CHECK (direction IN ('to_moscow', 'to_region', 'mutual')),
        products     TEXT NOT NULL CHECK (json_valid(products)),
        paragraph    INTEGER NOT NULL,
        note         TEXT,
        is_key       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX facts_by_region_sector ON facts (region_id, sector_id);
    CREATE TABLE fact_figures (
        fact_id   TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        value     REAL NOT NULL,
        unit      TEXT NOT NULL,
        measure   TEXT NOT NULL,
        more_than INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (fact_id, name)
    );
    ALTER TABLE unanswered ADD COLUMN reason TEXT NOT NULL DEFAULT 'no_topic';
    """,
    # Version 4: an agreement names the part of the news about it (for «Источник»).
    """
    ALTER TABLE agreements ADD COLUMN section TEXT NOT NULL DEFAULT '';
    DELETE FROM meta WHERE key = 'content_digest';
    """,
    # Version 5: the unanswered log keeps counts per day, reason and text (30 days, purged by
    # db/unanswered.py), their sums indexed by count for the report, and today's per-sender
    # counts under a salted hash. Old rows move over only where masking could not change
    # them: no «@», fewer than six digits, and only plain characters (so no digits of other
    # scripts). The others may hold phone or passport numbers or e-mail addresses stored word
    # for word, and the masking rule is Python code that a migration cannot run: they are
    # dropped.
    """
    CREATE TABLE unanswered_days (
        day    TEXT NOT NULL,
        reason TEXT NOT NULL,
        text   TEXT NOT NULL,
        times  INTEGER NOT NULL CHECK (times > 0),
        PRIMARY KEY (day, reason, text)
    ) WITHOUT ROWID;
    CREATE TEMP TABLE unanswered_kept AS
        SELECT substr(asked_at, 1, 10) AS day, reason, text, asked_at FROM unanswered
        WHERE text NOT GLOB '*[^ -?A-~а-яА-ЯёЁ«»—–…№]*'
        AND length(text) - length(replace(replace(replace(replace(replace(replace(replace(
            replace(replace(replace(text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''),
            '5', ''), '6', ''), '7', ''), '8', ''), '9', '')) < 6;
    INSERT INTO unanswered_days (day, reason, text, times)
        SELECT day, reason, text, count(*) FROM unanswered_kept GROUP BY day, reason, text;
    DROP TABLE unanswered;
    ALTER TABLE unanswered_days RENAME TO unanswered;
    CREATE TABLE unanswered_totals (
        reason  TEXT NOT NULL,
        text    TEXT NOT NULL,
        times   INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (reason, text)
    );
    CREATE INDEX unanswered_totals_by_times ON unanswered_totals (times DESC, last_at DESC);
    INSERT INTO unanswered_totals (reason, text, times, last_at)
        SELECT reason, text, count(*), max(asked_at) FROM unanswered_kept GROUP BY reason, text;
    DROP TABLE unanswered_kept;
    CREATE TABLE unanswered_senders (
        day    TEXT NOT NULL,
        sender TEXT NOT NULL,
        times  INTEGER NOT NULL,
        PRIMARY KEY (day, sender)
    ) WITHOUT ROWID;
    """,
    # Version 6: the inbox of updates taken from Telegram (db/inbox.py): kept until handled,
    # so an update confirmed to Telegram is never lost; its body is dropped once handled,
    # and its id kept a day so that a repeat is recognised.
    """
    CREATE TABLE inbox (
        bot_id      INTEGER NOT NULL,
        update_id   INTEGER NOT NULL,
        body        TEXT CHECK (body IS NULL OR json_valid(body)),
        received_at TEXT NOT NULL,
        PRIMARY KEY (bot_id, update_id)
    ) WITHOUT ROWID;
    CREATE INDEX inbox_by_time ON inbox (received_at);
    """,
    # Version 7: the content is one document (the validated model as JSON): it is only
    # ever read whole, so a new field of the content file costs no new column. The file is
    # loaded again at the next start.
    """
    DROP TABLE fact_figures;
    DROP TABLE facts;
    DROP TABLE agreements;
    DROP TABLE sectors;
    DROP TABLE regions;
    DROP TABLE vocabulary;
    DELETE FROM meta WHERE key IN ('content_digest', 'source_title');
    CREATE TABLE content (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        body TEXT NOT NULL CHECK (json_valid(body))
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


async def connect(path: Path) -> aiosqlite.Connection:
    """Open the database with foreign keys and WAL, and bring its schema up to date.

    A file or folder that cannot serve (a folder, not a database, a newer schema, read-only,
    no folder) raises `StorageError` naming the path and the cause; nothing stays open.
    """
    prepare_folder(path)
    try:
        conn = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(path, sqlite_cause(exc, path)) from exc
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 5000")
        async with conn.execute("PRAGMA user_version") as cursor:  # the first read of the file
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:  # checked before WAL: such a file is left untouched
            raise StorageError(
                path,
                f"its schema version {version} is newer than this code ({SCHEMA_VERSION}): "
                "run the newer bot, or move the file away",
            )
        async with conn.execute("PRAGMA journal_mode = WAL") as cursor:
            await cursor.fetchall()  # finish the statement: the rollback below must not undo it
        # A write that is rolled back: a read-only file fails here, not at the first answer.
        await conn.executescript(f"BEGIN IMMEDIATE; PRAGMA user_version = {version:d}; ROLLBACK;")
        await migrate(conn)
    except sqlite3.Error as exc:
        await conn.close()
        raise StorageError(path, sqlite_cause(exc, path)) from exc
    except BaseException:
        await conn.close()
        raise
    return conn


async def migrate(conn: aiosqlite.Connection) -> int:
    """Apply the migrations the file has not seen yet; return the resulting version."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this code ({SCHEMA_VERSION})"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        try:
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version:d};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
