"""The content file, its validation, the SQLite schema and the all-or-nothing reload."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.config import DEFAULT_CONTENT
from bot.services.content import ContentService
from db.database import Database
from db.loader import ContentError, read_content_file
from db.models import Content
from db.repository import ContentRepository
from db.schema import MIGRATIONS, SCHEMA_VERSION, connect, migrate

GOOD_TEXT = DEFAULT_CONTENT.read_text(encoding="utf-8")
# The content tables up to version 6; version 7 keeps the content as one document.
OLD_CONTENT_TABLES = ("regions", "sectors", "agreements", "facts", "fact_figures", "vocabulary")


def _edit(old: str, new: str, text: str = GOOD_TEXT) -> str:
    """The content file with one exact, unique fragment replaced."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def _write(tmp_path: Path, text: str, name: str = "content.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def _scalar(conn: aiosqlite.Connection, sql: str) -> Any:
    async with conn.execute(sql) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return row[0]


async def _rows(conn: aiosqlite.Connection) -> int:
    return int(await _scalar(conn, "SELECT count(*) FROM content"))


@pytest.fixture
def good() -> Content:
    return read_content_file(DEFAULT_CONTENT).content


@pytest.fixture
def conn(db: Database) -> aiosqlite.Connection:
    return db.connection


@pytest.fixture
def repo(db: Database) -> ContentRepository:
    return ContentRepository(db)


@pytest.fixture
async def service(repo: ContentRepository) -> ContentService:
    loaded = ContentService(repo)
    assert await loaded.sync_with_file(DEFAULT_CONTENT) is True
    return loaded


# ---------------------------------------------------------------- schema


async def test_connect_creates_schema_with_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert not path.exists()
    conn = await connect(path)
    try:
        assert SCHEMA_VERSION == 7
        assert await _scalar(conn, "PRAGMA user_version") == SCHEMA_VERSION
        assert await _scalar(conn, "PRAGMA journal_mode") == "wal"
        assert await _scalar(conn, "PRAGMA foreign_keys") == 1
        assert await _scalar(conn, "PRAGMA busy_timeout") == 5000
        async with conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ) as cursor:
            tables = [row[0] for row in await cursor.fetchall()]
        logs = ["unanswered", "unanswered_totals", "unanswered_senders", "inbox"]
        assert tables == sorted(["meta", *logs, "content"])
        assert not conn.in_transaction
    finally:
        await conn.close()
    assert path.is_file()


async def test_version_2_database_is_migrated_and_keeps_its_log(tmp_path: Path) -> None:
    """Version 3 rebuilds the content tables (they come from the content file, which is
    loaded again because the stored digest is dropped) and keeps the unanswered log."""
    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
        old.execute(
            "INSERT INTO regions (id, position, name, short_name, genitive, prepositional, "
            "capital, aliases, head_name, head_title, head_paragraph) "
            "VALUES ('x', 0, 'X', 'X', 'X', 'X', 'X', '[]', 'h', 't', 3)"
        )
        old.execute("INSERT INTO meta VALUES ('content_digest', 'old')")
        old.execute("INSERT INTO unanswered (text, asked_at) VALUES ('старый вопрос', '2026')")
    old.close()
    conn = await connect(path)
    try:
        assert await _scalar(conn, "PRAGMA user_version") == SCHEMA_VERSION
        assert await _rows(conn) == 0
        assert await _scalar(conn, "SELECT count(*) FROM meta WHERE key = 'content_digest'") == 0
        assert await _scalar(conn, "SELECT reason FROM unanswered") == "no_topic"
    finally:
        await conn.close()
    await _loads_again(path)


async def _loads_again(path: Path) -> None:
    """The migrated database opens, and the content file is loaded into it."""
    db = await Database.open(path)
    try:
        assert await ContentService(ContentRepository(db)).sync_with_file(DEFAULT_CONTENT)
    finally:
        await db.close()


async def test_version_6_content_tables_become_one_document(tmp_path: Path) -> None:
    """Version 7 drops the six content tables and the stored digest, so the content file
    is loaded again as one document; the logs stay."""
    path = tmp_path / "v6.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("".join(MIGRATIONS[:6]) + "PRAGMA user_version = 6;")
        old.execute("INSERT INTO meta VALUES ('content_digest', 'old')")
        old.execute("INSERT INTO meta VALUES ('source_title', 'old title')")
        old.execute("INSERT INTO unanswered VALUES ('2026-11-30', 'no_topic', 'вопрос', 2)")
    old.close()
    conn = await connect(path)
    try:
        tables = {
            str(row[0])
            for row in await conn.execute_fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        assert not tables & set(OLD_CONTENT_TABLES)
        assert await _rows(conn) == 0
        assert await _scalar(conn, "SELECT count(*) FROM meta") == 0
        assert await _scalar(conn, "SELECT times FROM unanswered") == 2
    finally:
        await conn.close()
    await _loads_again(path)


async def test_connect_again_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    first = await connect(path)
    await first.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')")
    await first.close()

    second = await connect(path)
    try:
        assert await _scalar(second, "PRAGMA user_version") == SCHEMA_VERSION
        assert await _scalar(second, "PRAGMA journal_mode") == "wal"
        assert await _scalar(second, "PRAGMA foreign_keys") == 1
        assert await _scalar(second, "SELECT value FROM meta WHERE key = 'probe'") == "kept"
        assert await _scalar(second, "SELECT count(*) FROM sqlite_master WHERE type='table'") == 6
        assert await migrate(second) == SCHEMA_VERSION  # nothing left to apply
        assert await _scalar(second, "PRAGMA user_version") == SCHEMA_VERSION
    finally:
        await second.close()


async def test_connect_refuses_a_newer_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    opened: list[aiosqlite.Connection] = []
    real_connect = aiosqlite.connect

    def spy(*args: Any, **kwargs: Any) -> aiosqlite.Connection:
        opened.append(real_connect(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(aiosqlite, "connect", spy)
    try:
        with pytest.raises(
            RuntimeError,
            match=rf"version {SCHEMA_VERSION + 1} is newer than this code \({SCHEMA_VERSION}\)",
        ):
            await connect(path)
    finally:
        # `connect` does not close its connection when `migrate` raises (see the report);
        # close it here so its worker thread does not outlive the event loop.
        for leaked in opened:
            await leaked.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION + 1,)
    assert raw.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    raw.close()


# ---------------------------------------------------------------- loader


def test_read_content_file_succeeds() -> None:
    loaded = read_content_file(DEFAULT_CONTENT)
    content = loaded.content
    assert loaded.digest == hashlib.sha256(DEFAULT_CONTENT.read_bytes()).hexdigest()
    assert [r.id for r in content.regions] == ["altai", "penza", "hmao"]
    assert [s.id for s in content.sectors] == [
        "trade",
        "medicine",
        "education",
        "culture",
        "sport",
        "ngo",
        "construction",
    ]
    assert [(a.id, a.scope) for a in content.agreements] == [
        ("regional", "partners"),
        ("construction", "federal"),
    ]
    assert [s.agreement for s in content.sectors if s.agreement] == ["construction"]
    assert len(content.facts) == 25
    assert sum(len(f.figures) for f in content.facts) == 10
    assert content.facts[9].id == "penza-medicine-patients"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "paragraph = 13",
            'paragraph = "x"',
            [
                "facts[6] (id=penza-trade-supplies).paragraph: Input should be a valid integer",
            ],
            id="paragraph-not-integer",
        ),
        pytest.param(
            'id = "penza-sport"\nregion = "penza"',
            'id = "penza-sport"\nregion = "pskov"',
            ["file: Value error, fact penza-sport: unknown region 'pskov'"],
            id="unknown-region",
        ),
        pytest.param(
            'id = "penza-ngo"\nregion = "penza"\nsector = "ngo"',
            'id = "penza-ngo"\nregion = "penza"\nsector = "charity"',
            ["file: Value error, fact penza-ngo: unknown sector 'charity'"],
            id="unknown-sector",
        ),
        pytest.param(
            'text = "Предприниматели пищевой промышленности ХМАО',
            'text = "Продано {tonnes} т; предприниматели пищевой промышленности ХМАО',
            [
                "facts[16] (id=hmao-trade-seasons): Value error, "
                "text placeholders ['tonnes'] differ from figures []",
            ],
            id="placeholder-without-figure",
        ),
        pytest.param(
            'value = 200_000, unit = "tonne"',
            'value = 200_000, unit = "kg"',
            [
                "facts[14] (id=hmao-trade-fish).figures.volume.unit: Input should be 'rub', "
                "'contract', 'person' or 'tonne'",
            ],
            id="unknown-unit",
        ),
        pytest.param(
            'id = "penza-sport"',
            'id = "penza-ngo"',
            ["file: Value error, duplicate fact id: penza-ngo"],
            id="duplicate-fact-id",
        ),
        pytest.param(
            'start = 2023, end = 2025 }\ndirection = "to_moscow"\nparagraph = 16',
            'start = 2025, end = 2023 }\ndirection = "to_moscow"\nparagraph = 16',
            [
                "facts[9] (id=penza-medicine-patients).period: Value error, "
                "a range needs an end later than its start",
            ],
            id="reversed-range",
        ),
        pytest.param(
            'short_name = "Пензенская область"\n',
            'short_name = "Пензенская область"\nemblem = "🐻"\n',
            ["regions[1] (id=penza).emblem: Extra inputs are not permitted"],
            id="unknown-field",
        ),
        pytest.param(
            'id = "hmao-trade-fish"',
            'id = "HMAO fish"',
            ["facts[14] (id=HMAO fish).id: String should match pattern"],
            id="bad-slug",
        ),
    ],
)
def test_broken_file_names_entry_and_field(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    path = _write(tmp_path, _edit(old, new))
    with pytest.raises(ContentError) as caught:
        read_content_file(path)
    message = str(caught.value)
    header, *lines = message.splitlines()
    assert header == f"{path}: invalid content:"
    assert len(lines) == len(expected), message
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith("  " + start), message


def test_several_errors_are_all_listed(tmp_path: Path) -> None:
    text = _edit("paragraph = 13", "paragraph = 0")
    text = _edit('short_name = "ХМАО — Югра"\n', "", text)
    path = _write(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        read_content_file(path)
    assert str(caught.value).splitlines()[1:] == [
        "  regions[2] (id=hmao).short_name: Field required",
        "  facts[6] (id=penza-trade-supplies).paragraph: "
        "Input should be greater than or equal to 1",
    ]


def test_invalid_toml_syntax_names_the_line(tmp_path: Path) -> None:
    text = _edit("paragraph = 13", "paragraph = 13 13")
    line = text.splitlines().index("paragraph = 13 13") + 1
    path = _write(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        read_content_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML: ")
    assert f"(at line {line}, column 16)" in message


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD_TEXT.encode("utf-8") + b"\n# \xff\xfe\n")
    with pytest.raises(ContentError, match=r"not valid TOML: 'utf-8' codec can't decode"):
        read_content_file(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ContentError) as caught:
        read_content_file(path)
    assert str(caught.value) == f"{path}: cannot read the content file (No such file or directory)"


# ---------------------------------------------------------------- repository


async def test_round_trip_equals_the_file(repo: ContentRepository, good: Content) -> None:
    assert await repo.load_content() is None
    await repo.replace_content(good, "digest-1", DEFAULT_CONTENT)
    stored = await repo.load_content()
    assert stored == good
    assert stored is not None
    assert stored.model_dump() == good.model_dump()
    assert await repo.get_meta("content_digest") == "digest-1"
    assert await repo.get_meta("loaded_at") is not None


async def test_replace_content_replaces_everything(
    repo: ContentRepository, conn: aiosqlite.Connection, good: Content
) -> None:
    await repo.replace_content(good, "digest-1", DEFAULT_CONTENT)
    assert await _rows(conn) == 1
    smaller = good.model_copy(update={"facts": good.facts[:2]})
    await repo.replace_content(smaller, "digest-2", DEFAULT_CONTENT)
    assert await _rows(conn) == 1
    assert await repo.load_content() == smaller
    assert await repo.get_meta("content_digest") == "digest-2"


# ---------------------------------------------------------------- all or nothing


async def test_broken_file_keeps_previous_content(
    tmp_path: Path, service: ContentService, repo: ContentRepository, good: Content
) -> None:
    before = service.catalog
    digest = await repo.get_meta("content_digest")
    broken = _write(tmp_path, _edit("paragraph = 13", 'paragraph = "x"'))
    with pytest.raises(ContentError, match=r"facts\[6\] \(id=penza-trade-supplies\)\.paragraph"):
        await service.sync_with_file(broken)
    with pytest.raises(ContentError, match="not valid TOML"):
        await service.sync_with_file(_write(tmp_path, GOOD_TEXT + "\n[[facts]\n", "bad.toml"))
    assert service.catalog is before
    assert service.catalog.content == good
    assert await repo.load_content() == good
    assert await repo.get_meta("content_digest") == digest


async def test_failure_midway_rolls_back_and_keeps_catalog(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service: ContentService,
    repo: ContentRepository,
    conn: aiosqlite.Connection,
    good: Content,
) -> None:
    """A failure after the old document was deleted rolls the delete back."""
    before = service.catalog
    digest = await repo.get_meta("content_digest")
    changed = _edit('\nname = "Пензенская область"', '\nname = "Пензенская обл."')
    changed = changed[: changed.rindex("[[facts]]")]
    path = _write(tmp_path, changed)
    new = read_content_file(path).content
    assert len(new.facts) == 24

    real_execute = conn.execute
    calls: list[str] = []

    def failing_execute(sql: str, *args: Any) -> Any:
        calls.append(sql.split("(")[0].strip())
        if sql.startswith("INSERT INTO content"):
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real_execute(sql, *args)

    monkeypatch.setattr(conn, "execute", failing_execute)
    with pytest.raises(sqlite3.OperationalError, match="simulated"):
        await service.sync_with_file(path)
    assert "DELETE FROM content" in calls  # the old document was already deleted
    monkeypatch.undo()
    assert not conn.in_transaction
    assert service.catalog is before
    assert await repo.load_content() == good
    assert await repo.get_meta("content_digest") == digest

    assert await service.sync_with_file(path) is True
    assert service.catalog.content == new
    assert service.catalog.regions["penza"].name == "Пензенская обл."
    assert await repo.load_content() == new


# ---------------------------------------------------------------- digest


async def test_sync_with_file_skips_unchanged_digest(
    tmp_path: Path, repo: ContentRepository, conn: aiosqlite.Connection, good: Content
) -> None:
    service = ContentService(repo)
    with pytest.raises(RuntimeError, match="content is not loaded yet"):
        _ = service.catalog
    assert await service.sync_with_file(DEFAULT_CONTENT) is True
    digest = hashlib.sha256(DEFAULT_CONTENT.read_bytes()).hexdigest()
    assert await repo.get_meta("content_digest") == digest
    assert service.catalog.content == good

    assert await service.sync_with_file(DEFAULT_CONTENT) is False
    # The same bytes under another name are the same content.
    copy = _write(tmp_path, GOOD_TEXT)
    assert await service.sync_with_file(copy) is False

    await conn.execute("DELETE FROM content")  # only a forced reload repairs this
    assert await service.sync_with_file(DEFAULT_CONTENT) is False
    assert await repo.load_content() is None
    assert await service.sync_with_file(DEFAULT_CONTENT, force=True) is True
    assert await repo.load_content() == good

    edited = _write(tmp_path, GOOD_TEXT + "\n# a comment changes the digest\n", "edited.toml")
    assert await service.sync_with_file(edited) is True
    assert await repo.get_meta("content_digest") == read_content_file(edited).digest
    assert await repo.get_meta("content_digest") != digest
    assert service.catalog.content == good


async def test_refresh_without_content_raises(repo: ContentRepository) -> None:
    service = ContentService(repo)
    with pytest.raises(ContentError, match="the database holds no content"):
        await service.refresh()


def test_ids_too_long_for_button_data_are_refused(good: Content) -> None:
    raw = good.model_dump()
    raw["regions"][1]["id"] = "penzenskaya-oblast"  # 18 + «construction» (12) > 27
    for fact in raw["facts"]:
        if fact["region"] == "penza":
            fact["region"] = "penzenskaya-oblast"
    with pytest.raises(ValueError, match="at most 27 fit in Telegram's 64 bytes"):
        Content.model_validate(raw)
