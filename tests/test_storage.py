"""The database file at start: `connect` names DATABASE_PATH and the cause, and leaves no
connection thread behind; one bot per database through `instance_lock`."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from db.schema import SCHEMA_VERSION, connect
from db.storage import StorageError, instance_lock, lock_path
from tests.test_startup import FAULTS, database_fault


@pytest.mark.parametrize("fault", FAULTS)
async def test_connect_names_the_path_and_cause(tmp_path: Path, fault: str) -> None:
    threads = set(threading.enumerate())
    with database_fault(tmp_path, fault) as (database, cause), pytest.raises(StorageError) as info:
        await connect(database)
    message = str(info.value)
    assert message.startswith(f"DATABASE_PATH={database}: ")
    assert cause in message
    assert "\n" not in message
    assert info.value.path == database
    for thread in set(threading.enumerate()) - threads:
        thread.join(10)  # a stopped aiosqlite thread ends at once; a leaked one never does
        assert not thread.is_alive(), thread


async def test_a_future_schema_is_left_untouched(tmp_path: Path) -> None:
    with database_fault(tmp_path, "future-version") as (database, _):
        before = database.read_bytes()
        with pytest.raises(StorageError, match=f"version {SCHEMA_VERSION + 1} is newer"):
            await connect(database)
        assert database.read_bytes() == before


def test_second_lock_on_one_database_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "var" / "bot.sqlite3"
    with instance_lock(database) as held:
        assert held == lock_path(database) == tmp_path / "var" / "bot.sqlite3.lock"
        assert held.read_text() == f"{os.getpid()}\n"
        with pytest.raises(StorageError) as info, instance_lock(database):
            pass
        assert str(info.value) == (
            f"DATABASE_PATH={database}: another instance of the bot "
            f"(process {os.getpid()}) is running on it; stop it first"
        )
        with instance_lock(tmp_path / "other.sqlite3"):  # another database is another lock
            pass
    with instance_lock(database):  # released with the first
        pass


def test_lock_refuses_a_folder_before_creating_anything(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    database.mkdir()
    with (
        pytest.raises(StorageError, match="is a folder, not a database file"),
        instance_lock(database),
    ):
        pass
    assert not lock_path(database).exists()
