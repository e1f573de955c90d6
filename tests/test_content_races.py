"""Content under concurrency: one snapshot per read, serialised writes, the stored content
winning over the file at start, and content that validates but would break screens."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import User

from bot.app import App, build_bot, content_service, create_app
from bot.config import DEFAULT_CONTENT, Settings
from bot.local_session import LocalChat, LocalTelegram, Shown
from bot.services.content import Catalog
from bot.ui.callbacks import unfit_buttons
from db.database import Database
from db.loader import ContentError, read_content_file
from tests.conftest import ADMIN_ID

APOLOGY = "при обработке запроса произошла ошибка"
TEXT = DEFAULT_CONTENT.read_text(encoding="utf-8")


def variant(tmp_path: Path, name: str, sport_title: str) -> Path:
    """A valid content file whose sport sector is called `sport_title`, and whose Penza
    region carries the same suffix in its name (so a mixed read shows)."""
    suffix = sport_title.removeprefix("Спорт")
    text = TEXT.replace('title = "Спорт"', f'title = "{sport_title}"')
    text = text.replace('\nname = "Пензенская область"', f'\nname = "Пензенская область{suffix}"')
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def versions(catalog: Catalog) -> tuple[str, str]:
    """The suffixes of the sport sector's title and of Penza's name: equal in one version."""
    sport = next(s.title for s in catalog.content.sectors if s.title.startswith("Спорт"))
    return sport.removeprefix("Спорт"), catalog.regions["penza"].name.removeprefix(
        "Пензенская область"
    )


def person(app: App, settings: Settings, user_id: int) -> LocalChat:
    session = LocalTelegram()
    user = User(id=user_id, is_bot=False, first_name="Анна")
    return LocalChat(app.dispatcher, build_bot(settings, session=session), session, user)


def apologies(shown: list[Shown]) -> int:
    return sum(APOLOGY in s.plain for s in shown)


async def test_reads_never_mix_two_versions(settings: Settings, tmp_path: Path) -> None:
    """Another process swaps the content 30 times while this one reads it 30 times: every
    read is one whole version (before: statements of one read could see two versions)."""
    one, two = variant(tmp_path, "one.toml", "Спорт-1"), variant(tmp_path, "two.toml", "Спорт-2")
    app = await create_app(settings)
    other = await Database.open(settings.database_path)
    try:
        loader = content_service(other)

        seen = []
        for i in range(30):  # each load runs while a read is under way
            load = asyncio.create_task(
                loader.sync_with_file(one if i % 2 else two, on_purpose=True)
            )
            await asyncio.sleep(0)
            seen.append(versions(await app.content.refresh()))
            await load
            seen.append(versions(await app.content.refresh()))
    finally:
        await other.close()
        await app.close()
    assert len({sport for sport, _ in seen}) > 1  # the swaps were seen
    assert all(sport == region for sport, region in seen), seen


async def test_a_failed_refresh_keeps_the_catalog_and_logs_once(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    app = await create_app(settings)
    watcher = app.dispatcher["content_watcher"]
    try:
        before = app.content.catalog
        other = await Database.open(settings.database_path)
        try:
            await content_service(other).sync_with_file(variant(tmp_path, "v.toml", "Спорт-2"))
        finally:
            await other.close()

        async def broken(*_: Any) -> Any:
            raise sqlite3.DatabaseError("database disk image is malformed (simulated)")

        monkeypatch.setattr(app.content._repo, "read_snapshot", broken)
        chat = person(app, settings, 501)
        with caplog.at_level(logging.ERROR):
            shown = []
            for _ in range(3):
                assert await watcher.check() is False
                shown.append(await chat.send("/region пенза"))
        assert all("⚽ Спорт" in s[0].button_texts for s in shown)  # the old catalog
        assert app.content.catalog is before
        errors = [r for r in caplog.records if "keeping the previous one" in r.getMessage()]
        assert len(errors) == 1
        monkeypatch.undo()
        assert await watcher.check() is True
        assert "⚽ Спорт-2" in (await chat.send("/region пенза"))[0].button_texts
    finally:
        await app.close()


async def test_ten_reloads_at_once_all_succeed(settings: Settings, tmp_path: Path) -> None:
    """Before: nine of ten failed with «cannot start a transaction within a transaction»."""
    settings.content_path = tmp_path / "content.toml"
    shutil.copy(DEFAULT_CONTENT, settings.content_path)
    app = await create_app(settings)
    try:
        admins = [
            LocalChat(
                app.dispatcher,
                build_bot(settings, session=(session := LocalTelegram())),
                session,
                User(id=ADMIN_ID, is_bot=False, first_name="Админ"),
            )
            for _ in range(10)
        ]
        replies = await asyncio.gather(*(admin.send("/reload") for admin in admins))
    finally:
        await app.close()
    assert [r[0].plain for r in replies] == ["Содержание обновлено: 25 фактов."] * 10


async def test_a_question_logged_during_a_failing_reload_is_kept(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reload fails half-way and rolls back; the unanswered question recorded meanwhile
    was not part of its transaction (before: it joined it and was rolled back with it)."""
    app = await create_app(settings)
    try:
        conn = app.db.connection
        real = conn.execute
        entered = asyncio.Event()

        async def fail() -> None:
            entered.set()
            await asyncio.sleep(0.2)
            raise sqlite3.OperationalError("disk I/O error (simulated)")

        def slow_then_fail(sql: str, *args: Any) -> Any:
            return fail() if sql.startswith("INSERT INTO content ") else real(sql, *args)

        monkeypatch.setattr(conn, "execute", slow_then_fail)
        edited = variant(tmp_path, "v.toml", "Спорт-2")
        reload = asyncio.create_task(app.content.sync_with_file(edited))
        await entered.wait()
        shown = await person(app, settings, 502).send("абвгдейка")
        with pytest.raises(sqlite3.OperationalError):
            await reload
        monkeypatch.undo()
        assert apologies(shown) == 0
        rows = await app.dispatcher["unanswered"].most_frequent()
        assert [text for _, text, _ in rows] == ["абвгдейка"]
        assert (
            "⚽ Спорт" in (await person(app, settings, 503).send("/region пенза"))[0].button_texts
        )
    finally:
        await app.close()


async def test_updates_served_while_the_content_is_reloaded_and_loaded(
    settings: Settings, tmp_path: Path
) -> None:
    """300 updates from 100 people while an admin reloads and another process loads
    content, with the content checked every 5 ms beside them: no apology, every one
    answered."""
    settings.content_check_seconds = 0.005
    settings.content_path = tmp_path / "content.toml"
    shutil.copy(DEFAULT_CONTENT, settings.content_path)
    one, two = variant(tmp_path, "one.toml", "Спорт-1"), variant(tmp_path, "two.toml", "Спорт-2")
    app = await create_app(settings)
    other = await Database.open(settings.database_path)
    watcher = app.dispatcher["content_watcher"]
    await watcher.start()
    try:
        loader = content_service(other)
        people = [person(app, settings, 1000 + i) for i in range(100)]
        admin = person(app, settings, ADMIN_ID)

        async def talk(chat: LocalChat) -> list[list[Shown]]:
            return [
                await chat.send(text)
                for text in ("/region пенза", "Сколько пензенцев лечились в Москве?", "/start")
            ]

        async def churn() -> None:
            for i in range(10):
                await loader.sync_with_file(one if i % 2 else two, on_purpose=True)
                await admin.send("/reload")

        _, *talks = await asyncio.gather(churn(), *(talk(chat) for chat in people))
    finally:
        await watcher.stop()
        await other.close()
        await app.close()
    answers = [shown for talk_result in talks if talk_result for shown in talk_result]
    assert len(answers) == 300
    assert all(len(shown) == 1 for shown in answers)
    assert sum(apologies(shown) for shown in answers) == 0


async def test_content_loaded_on_purpose_stays_after_a_restart(
    settings: Settings, tmp_path: Path
) -> None:
    """`load-content FILE` wins over CONTENT_PATH at the next start, until CONTENT_PATH
    itself changes (before: CONTENT_PATH silently replaced it)."""
    settings.content_path = tmp_path / "content.toml"
    shutil.copy(DEFAULT_CONTENT, settings.content_path)
    await (await create_app(settings)).close()  # the first start loads CONTENT_PATH
    db = await Database.open(settings.database_path)
    try:
        assert await content_service(db).sync_with_file(
            variant(tmp_path, "special.toml", "Спорт-особый"), on_purpose=True
        )
    finally:
        await db.close()
    app = await create_app(settings)
    try:
        assert "Спорт-особый" in {s.title for s in app.content.catalog.content.sectors}
    finally:
        await app.close()
    settings.content_path.write_text(TEXT.replace('title = "Спорт"', 'title = "Спорт-новый"'))
    app = await create_app(settings)
    try:
        assert "Спорт-новый" in {s.title for s in app.content.catalog.content.sectors}
    finally:
        await app.close()


# ---------------------------------------------------------------------- bounds


def test_a_huge_paragraph_number_is_refused_by_name(tmp_path: Path) -> None:
    """Before: a paragraph ≥ 2⁶³ passed validation and crashed the start in SQLite."""
    path = tmp_path / "huge.toml"
    path.write_text(TEXT.replace("paragraph = 16", f"paragraph = {2**63}", 1), "utf-8")
    with pytest.raises(ContentError, match=r"\.paragraph: Input should be less than or equal"):
        read_content_file(path)


def test_an_infinite_figure_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "inf.toml"
    text = TEXT.replace("value = 114,", "value = inf,", 1)
    assert text != TEXT
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError, match="value"):
        read_content_file(path)


def test_button_data_of_every_screen_is_packed_and_checked() -> None:
    content = read_content_file(DEFAULT_CONTENT).content
    assert unfit_buttons([r.id for r in content.regions], [s.id for s in content.sectors]) == []
    long_ids = unfit_buttons(["r" * 40], ["s" * 30])
    assert long_ids and all("over 64 bytes" in problem for problem in long_ids)
    assert any(problem.startswith("x.rrrr") for problem in long_ids)


async def test_content_with_unfit_buttons_is_not_loaded(settings: Settings, tmp_path: Path) -> None:
    app = await create_app(settings)
    try:
        service = app.content
        service._checks = [lambda content: ["c.region: over 64 bytes of button data"]]
        with pytest.raises(ContentError, match="content the bot cannot show"):
            await service.sync_with_file(variant(tmp_path, "v.toml", "Спорт-2"), on_purpose=True)
        assert "Спорт" in {s.title for s in service.catalog.content.sectors}
    finally:
        await app.close()
