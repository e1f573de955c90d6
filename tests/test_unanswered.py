"""The unanswered-questions log: masked, capped per sender, kept 30 days, a fast report, and
never a reason for the user to get anything but the answer."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from aiogram.types import User

from bot.app import App, build_bot
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram
from db.database import Database
from db.schema import MIGRATIONS
from db.unanswered import (
    PER_SENDER_DAY,
    PURGE_SQL,
    REPORT_SQL,
    UnansweredRepository,
    mask_personal,
)

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
APOLOGY = "Извините, при обработке запроса произошла ошибка."


@pytest.fixture
def repo(db: Database) -> UnansweredRepository:
    return UnansweredRepository(db)


async def rows_of(db: Database, sql: str) -> list[tuple[object, ...]]:
    async with db.read() as conn, conn.execute(sql) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


def another_person(app: App, settings: Settings, user_id: int) -> LocalChat:
    session = LocalTelegram()
    user = User(id=user_id, is_bot=False, first_name="Борис", language_code="ru")
    return LocalChat(app.dispatcher, build_bot(settings, session=session), session, user=user)


# ---------------------------------------------------------------- what is logged


async def test_questions_are_logged_with_their_reason(
    app: App, settings: Settings, chat: LocalChat
) -> None:
    for text in (
        "Какая погода в Барселоне?",
        "какая  погода в барселоне?",  # the same question, spelt another way
        "Сколько стоит лечение в Москве для жителей Югры?",
        "Сколько жителей Тверской области лечились в Москве?",
        "Сколько пензенцев лечилось в Москве в 2024 году?",
    ):
        await chat.send(text)
    other = another_person(app, settings, 43)
    await other.send("абвгд")
    await other.send("Сколько пензенцев лечились в Москве?")  # answered: not logged
    assert sorted(await app.dispatcher["unanswered"].most_frequent()) == [
        ("no_topic", "абвгд", 1),
        ("not_in_news", "сколько стоит лечение в москве для жителей югры?", 1),
        ("off_topic", "какая погода в барселоне?", 2),
        ("other_region", "сколько жителей тверской области лечились в москве?", 1),
        ("partial", "сколько пензенцев лечилось в москве в 2024 году?", 1),
    ]


# ---------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("мой телефон +7 (912) 345-67-89, перезвоните", "мой телефон [№], перезвоните"),
        ("8 800 555 35 35", "[№]"),
        ("паспорт 45 12 345678 выдан", "паспорт [№] выдан"),
        ("снилс 123-456-789 01", "снилс [№]"),
        ("карта 4276 1234 5678 9012?", "карта [№]?"),
        ("родился 12.05.1985", "родился [№]"),
        ("номер 123456", "номер [№]"),
        ("пишите на ivan.petrov+bot@mail.ru или 89123456789", "пишите на [@] или [№]"),
        # figures and years stay
        ("Сколько пензенцев лечились в Москве в 2024 году?", None),
        ("7 800 человек", None),
        ("4 100 и 12 345 пациентов", None),
        ("в 2023-2024 годах", None),
        ("с 2019 по 2024", None),
        ("номер 12345", None),
        ("+7 800", None),
        ("1,5 млрд рублей", None),
    ],
)
def test_mask_personal(text: str, stored: str | None) -> None:
    assert mask_personal(text) == (text if stored is None else stored)


async def test_numbers_are_masked_before_storing(
    app: App, chat: LocalChat, admin_chat: LocalChat
) -> None:
    await chat.send("Позвоните мне 8 912 345-67-89 про погоду в Барселоне")
    [listing] = await admin_chat.send("/unanswered")
    assert "1 × позвоните мне [№] про погоду в барселоне" in listing.plain.splitlines()
    stored = await rows_of(
        app.db, "SELECT text FROM unanswered UNION SELECT text FROM unanswered_totals"
    )
    assert stored == [("позвоните мне [№] про погоду в барселоне",)]


# ---------------------------------------------------------------- per-sender cap


async def test_one_sender_adds_at_most_five_a_day(db: Database, repo: UnansweredRepository) -> None:
    day_two = NOW + timedelta(days=1)
    stored = [await repo.record("спам", "off_topic", sender=1, when=NOW) for _ in range(6)]
    assert stored == [True] * PER_SENDER_DAY + [False]
    assert await repo.record("спам", "off_topic", sender=2, when=NOW)  # someone else
    assert await repo.record("спам", "off_topic", sender=1, when=day_two)  # the next day
    assert await repo.most_frequent(now=day_two) == [("off_topic", "спам", 7)]
    # The count survives a restart: the salt is kept in the database.
    again = UnansweredRepository(db)
    stored = [await again.record("спам", "off_topic", sender=1, when=day_two) for _ in range(5)]
    assert stored == [True] * (PER_SENDER_DAY - 1) + [False]


async def test_senders_are_kept_as_daily_keyed_hashes(
    db: Database, repo: UnansweredRepository
) -> None:
    await repo.record("вопрос", "no_topic", sender=123456789, when=NOW)
    await repo.record("вопрос", "no_topic", sender=123456789, when=NOW + timedelta(days=1))
    [(salt,)] = await rows_of(db, "SELECT value FROM meta WHERE key = 'unanswered_salt'")
    assert re.fullmatch(r"[0-9a-f]{64}", str(salt))
    senders = await rows_of(db, "SELECT day, sender, times FROM unanswered_senders")
    # Yesterday's counts went with the hourly purge; today's key is a hash, not the id.
    assert len(senders) == 1
    day, key, times = senders[0]
    assert (day, times) == ("2026-11-28", 1)
    assert re.fullmatch(r"[0-9a-f]{64}", str(key))
    assert "123456789" not in str(key)


async def test_the_cap_through_the_dispatcher(
    app: App, settings: Settings, chat: LocalChat, admin_chat: LocalChat
) -> None:
    for _ in range(3):
        await chat.send("Какая погода в Барселоне?")
    for _ in range(2):
        await chat.send("Сколько стоит лечение в Москве для жителей Югры?")
    [sixth] = await chat.send("абвгд")  # over the cap: answered, not logged
    assert not sixth.plain.startswith(APOLOGY)
    await another_person(app, settings, 43).send("абвгд")
    [listing] = await admin_chat.send("/unanswered")
    assert listing.plain.splitlines() == [
        "Вопросы без полного ответа за 30 дней",
        "",
        "Вне темы соглашений",
        "3 × какая погода в барселоне?",
        "",
        "Нет в новости",
        "2 × сколько стоит лечение в москве для жителей югры?",
        "",
        "Тема не распознана",
        "1 × абвгд",
    ]


# ---------------------------------------------------------------- retention


async def test_report_keeps_thirty_days(db: Database, repo: UnansweredRepository) -> None:
    await repo.record("старый вопрос", "no_topic", sender=1, when=NOW - timedelta(days=31))
    await repo.record("частый вопрос", "off_topic", sender=1, when=NOW - timedelta(days=31))
    for sender in range(3):
        await repo.record("частый вопрос", "off_topic", sender=sender, when=NOW - timedelta(days=1))
    await repo.record("редкий вопрос", "no_topic", sender=1, when=NOW - timedelta(days=29))
    assert await repo.most_frequent(now=NOW) == [
        ("off_topic", "частый вопрос", 3),
        ("no_topic", "редкий вопрос", 1),
    ]
    assert await rows_of(db, "SELECT min(day) FROM unanswered") == [("2026-10-29",)]


async def test_recording_purges_old_days_by_itself(
    db: Database, repo: UnansweredRepository
) -> None:
    await repo.record("вопрос", "no_topic", sender=1, when=NOW - timedelta(days=40))
    await repo.record("вопрос", "no_topic", sender=1, when=NOW - timedelta(days=35))
    await repo.record("другой", "no_topic", sender=1, when=NOW)  # more than an hour later
    assert await rows_of(db, "SELECT day, text, times FROM unanswered") == [
        ("2026-11-27", "другой", 1)
    ]
    assert await rows_of(db, "SELECT text, times FROM unanswered_totals") == [("другой", 1)]
    assert await rows_of(db, "SELECT day FROM unanswered_senders") == [("2026-11-27",)]


async def test_purge_runs_at_most_once_an_hour(db: Database, repo: UnansweredRepository) -> None:
    expiring = datetime(2026, 10, 27, 12, 0, tzinfo=UTC)  # kept until 27 November, 00:00
    await repo.record("вопрос", "no_topic", sender=1, when=expiring)
    await repo.record(
        "вопрос", "no_topic", sender=2, when=datetime(2026, 11, 26, 23, 50, tzinfo=UTC)
    )
    # 30 minutes later the 27 October entry is past retention, but the last purge is recent.
    await repo.record(
        "вопрос", "no_topic", sender=3, when=datetime(2026, 11, 27, 0, 20, tzinfo=UTC)
    )
    assert await rows_of(db, "SELECT min(day), sum(times) FROM unanswered") == [("2026-10-27", 3)]
    # An hour after the last purge, recording purges again.
    await repo.record(
        "вопрос", "no_topic", sender=4, when=datetime(2026, 11, 27, 0, 51, tzinfo=UTC)
    )
    assert await rows_of(db, "SELECT min(day), sum(times) FROM unanswered") == [("2026-11-26", 3)]
    assert await rows_of(db, "SELECT times FROM unanswered_totals") == [(3,)]


# ---------------------------------------------------------------- failures to write


class FullDisk(Database):
    """A database whose writes fail the way a full disk does."""

    def write(self) -> NoReturn:
        raise OSError(28, "No space left on device")


async def test_a_failing_log_never_changes_the_answer(
    app: App,
    settings: Settings,
    chat: LocalChat,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    [normal] = await chat.send("Курс биткоина на завтра?")
    full = await FullDisk.open(tmp_path / "full.sqlite3")
    try:
        app.dispatcher["unanswered"] = UnansweredRepository(full)
        other = another_person(app, settings, 43)
        caplog.set_level(logging.DEBUG)
        for _ in range(3):
            [reply] = await other.send("Курс биткоина на завтра?")
            assert (reply.plain, reply.button_texts) == (normal.plain, normal.button_texts)
    finally:
        await full.close()
    warnings = [
        r for r in caplog.records if r.name == "db.unanswered" and r.levelno >= logging.WARNING
    ]
    assert [r.getMessage().split(";")[0] for r in warnings] == [
        "the unanswered log could not be written (OSError: [Errno 28] No space left on device)"
    ]
    assert all("биткоин" not in r.getMessage() for r in caplog.records)
    assert all(r.levelno < logging.ERROR for r in caplog.records)


async def test_a_read_only_database_gives_the_normal_answer(
    app: App, settings: Settings, chat: LocalChat, caplog: pytest.LogCaptureFixture
) -> None:
    [normal] = await chat.send("абвгд")
    async with app.db.read() as conn:
        await conn.execute("PRAGMA query_only = ON")  # every write now fails in SQLite
    other = another_person(app, settings, 43)
    for _ in range(2):
        [reply] = await other.send("абвгд")
        assert reply.plain == normal.plain
        assert not reply.plain.startswith(APOLOGY)
    warnings = [
        r for r in caplog.records if r.name == "db.unanswered" and r.levelno >= logging.WARNING
    ]
    assert len(warnings) == 1
    assert "readonly database" in warnings[0].getMessage()
    assert "абвгд" not in warnings[0].getMessage()
    async with app.db.read() as conn:
        await conn.execute("PRAGMA query_only = OFF")
    await other.send("абвгд")  # recorded again
    assert await app.dispatcher["unanswered"].most_frequent() == [("no_topic", "абвгд", 2)]


# ---------------------------------------------------------------- the report


async def test_report_query_reads_an_index(db: Database, repo: UnansweredRepository) -> None:
    for n in range(50):
        await repo.record(f"вопрос {n}", "no_topic", sender=n, when=NOW)
    async with db.write() as conn:
        await conn.execute("ANALYZE")  # the planner decides with real statistics
    async with db.read() as conn:
        async with conn.execute("EXPLAIN QUERY PLAN " + REPORT_SQL, (20,)) as cursor:
            report = [str(row[3]) for row in await cursor.fetchall()]
        purge = []
        for statement in PURGE_SQL:
            names = {"cutoff": "2026-10-28", "today": "2026-11-27", "batch": 500}
            async with conn.execute("EXPLAIN QUERY PLAN " + statement, names) as cursor:
                purge += [str(row[3]) for row in await cursor.fetchall()]
    # The 20 rows come off an index in its order: no sort, no grouping, no table scan.
    assert report == ["SCAN unanswered_totals USING INDEX unanswered_totals_by_times"]
    # The purge finds the old days and the emptied totals by their keys.
    scans = [step for step in purge if step.startswith("SCAN")]
    assert scans == ["SCAN (subquery-1)", "SCAN gone"]  # one batch of expired rows, no more
    assert "SEARCH unanswered USING PRIMARY KEY (day<?)" in purge
    assert "SEARCH unanswered_senders USING PRIMARY KEY (day<?)" in purge
    assert "SEARCH unanswered_totals USING INDEX unanswered_totals_by_times (times<?)" in purge


async def test_report_through_the_admin_chat(chat: LocalChat, admin_chat: LocalChat) -> None:
    await chat.send("курс <b>биткоина</b>")
    await chat.send("Сколько стоит лечение в Москве для жителей Югры?")
    await chat.send("Сколько стоит лечение в Москве для жителей Югры?")
    [listing] = await admin_chat.send("/unanswered")
    assert listing.plain.splitlines() == [
        "Вопросы без полного ответа за 30 дней",
        "",
        "Нет в новости",
        "2 × сколько стоит лечение в москве для жителей югры?",
        "",
        "Вне темы соглашений",
        "1 × курс <b>биткоина</b>",
    ]
    assert "&lt;b&gt;" in listing.html
    [refused] = await chat.send("/unanswered")
    assert "Команды /unanswered нет." in refused.plain


async def test_report_when_nothing_is_logged(admin_chat: LocalChat) -> None:
    [listing] = await admin_chat.send("/unanswered")
    assert listing.plain == "За последние 30 дней все вопросы получили ответ."


# ---------------------------------------------------------------- migration


async def test_version_4_log_moves_over_without_personal_data(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("".join(MIGRATIONS[:4]) + "PRAGMA user_version = 4;")
        old.executemany(
            "INSERT INTO unanswered (text, asked_at, reason) VALUES (?, ?, ?)",
            [
                ("какая погода в барселоне?", "2026-11-20T10:00:00+00:00", "off_topic"),
                ("какая погода в барселоне?", "2026-11-21T10:00:00+00:00", "off_topic"),
                ("какая погода в барселоне?", "2026-11-21T11:00:00+00:00", "off_topic"),
                ("сколько лечилось в 2024 году?", "2026-11-22T10:00:00+00:00", "partial"),
                ("мой номер 8 912 345 67 89", "2026-11-22T10:00:00+00:00", "no_topic"),
                ("пишите a@b.ru", "2026-11-22T10:00:00+00:00", "no_topic"),
                ("номер ٨٩١٢٣٤٥٦٧٨٩", "2026-11-22T10:00:00+00:00", "no_topic"),
            ],
        )
    old.close()
    db = await Database.open(path)
    try:
        assert await rows_of(
            db, "SELECT day, times FROM unanswered WHERE reason = 'off_topic'"
        ) == [
            ("2026-11-20", 1),
            ("2026-11-21", 2),
        ]
        assert await UnansweredRepository(db).most_frequent(now=NOW) == [
            ("off_topic", "какая погода в барселоне?", 3),
            ("partial", "сколько лечилось в 2024 году?", 1),
        ]
    finally:
        await db.close()
