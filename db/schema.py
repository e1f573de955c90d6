"""SQLite schema as numbered migrations, tracked with `PRAGMA user_version`."""

from __future__ import annotations

import aiosqlite

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
)

SCHEMA_VERSION = len(MIGRATIONS)


async def connect(path: str) -> aiosqlite.Connection:
    """Open the database with foreign keys and WAL, and bring its schema up to date."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 5000")
        await conn.execute("PRAGMA journal_mode = WAL")
        await migrate(conn)
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
