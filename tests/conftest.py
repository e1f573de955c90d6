"""Shared fixtures: settings on a temporary SQLite file, the real app, a person in a chat."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiogram.types import User
from aiogram.utils.i18n import I18n

from bot.app import App, build_bot, create_app
from bot.config import DEFAULT_SOURCE, Settings
from bot.i18n import build_i18n
from bot.local_session import LocalChat, LocalTelegram
from bot.services.content import Catalog
from db.database import Database

ADMIN_ID = 777
# Tests that start processes (the bot, Redis, Python): what only a process shows (signals,
# exit codes, real output, several instances). Each start imports aiogram again, about 7 s
# of CPU here (aiogram/aiogram#1891), so `make test-fast` leaves them out.
PROCESS_MODULES = {"test_e2e", "test_faults", "test_startup", "test_webhook", "test_deploy"}
PROCESS_TESTS = {"test_python_m_bot_console_subprocess", "test_the_engine_imports_no_aiogram"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.stem
        name = item.name.split("[", 1)[0]
        starts = module in PROCESS_MODULES or name in PROCESS_TESTS
        if starts or "redis_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.process)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings that ignore the developer's .env and use a database in a temporary folder."""
    return Settings(
        _env_file=None,
        bot_token=None,
        database_path=tmp_path / "var" / "bot.sqlite3",
        admin_ids=[ADMIN_ID],
        source_path=DEFAULT_SOURCE,
        throttle_burst=0,  # tests talk faster than people; tests/test_runtime.py turns it on
    )


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh, migrated database in a temporary folder, without the bot around it."""
    database = await Database.open(tmp_path / "db.sqlite3")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[App]:
    application = await create_app(settings)
    try:
        yield application
    finally:
        await application.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[App]:
    """One app for a whole module whose tests each talk in a chat of their own."""
    folder = tmp_path_factory.mktemp("shared")
    application = await create_app(
        Settings(_env_file=None, database_path=folder / "db.sqlite3", throttle_burst=0)
    )
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
def session() -> LocalTelegram:
    return LocalTelegram()


@pytest.fixture
def chat(app: App, session: LocalTelegram, settings: Settings) -> LocalChat:
    """A person talking to the dispatcher that `python -m bot` builds."""
    return LocalChat(app.dispatcher, build_bot(settings, session=session), session)


@pytest.fixture
def admin_chat(app: App, settings: Settings) -> LocalChat:
    """Someone listed in ADMIN_IDS, in a chat of their own."""
    session = LocalTelegram()
    admin = User(id=ADMIN_ID, is_bot=False, first_name="Админ")
    return LocalChat(app.dispatcher, build_bot(settings, session=session), session, user=admin)


@pytest.fixture
def catalog(app: App) -> Catalog:
    return app.content.catalog


@pytest.fixture
def i18n() -> Iterator[I18n]:
    """The Russian catalogs as the current gettext context, for tests below the dispatcher."""
    translations = build_i18n()
    with translations.context(), translations.use_locale("ru"):
        yield translations
