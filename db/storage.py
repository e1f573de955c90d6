"""The database file as the operator sees it: its folder, one instance per file, and one
readable line for each way it can fail to serve.

`db.schema.connect` raises `StorageError` for a file that cannot serve; `python -m bot`
prints it as one line naming DATABASE_PATH. `instance_lock` keeps a second bot off the same
database: an exclusive `flock` on `<DATABASE_PATH>.lock`, held for the life of the process
and released by the kernel however the process ends. The lock file stays (removing it would
let two processes lock two different files). `load-content` and `check-content` do not
take it: loading content while the bot runs is supported.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StorageError(RuntimeError):
    """The database at DATABASE_PATH cannot serve; one line for the operator, naming it."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"DATABASE_PATH={path}: {cause}")
        self.path = path


_SQLITE_CAUSES = {
    "SQLITE_NOTADB": "is not an SQLite database (damaged, or another kind of file); "
    "move it away and a new database is created at the next start",
    "SQLITE_CORRUPT": "the database is damaged; restore it from a backup or move it away",
    "SQLITE_READONLY": "is read-only, but the bot writes to it (WAL journal, migrations, "
    "content, the unanswered log): allow writing to the file and its folder",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_BUSY": "another program keeps the database locked",
}


def prepare_folder(path: Path) -> None:
    """Refuse a folder as the database file; create the file's folder."""
    if path.is_dir():
        raise StorageError(path, "is a folder, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(path, f"cannot create its folder: {os_cause(exc)}") from exc


def os_cause(exc: OSError) -> str:
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a part of the path is a file, not a folder"
    reason = exc.strerror or str(exc)
    return f"{reason} ({exc.filename})" if exc.filename else reason


def sqlite_cause(exc: sqlite3.Error, path: Path) -> str:
    kind = "_".join(exc.sqlite_errorname.split("_")[:2])  # SQLITE_READONLY_DBMOVED: READONLY
    if kind in _SQLITE_CAUSES:
        return _SQLITE_CAUSES[kind]
    if kind == "SQLITE_CANTOPEN" and not path.exists():
        return f"cannot create the file: the bot needs write access to {path.parent}"
    if kind == "SQLITE_CANTOPEN":
        return (
            "cannot open the file: the bot needs read and write access to it and to its "
            f"folder, where SQLite keeps {path.name}-wal and {path.name}-shm"
        )
    return f"{exc} ({exc.sqlite_errorname})"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextmanager
def instance_lock(database: Path) -> Iterator[Path]:
    """Hold `<database>.lock` while the block runs; StorageError when another process has it."""
    prepare_folder(database)
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        cause = f"cannot open {path.name} beside it ({reason}): the bot needs write access there"
        raise StorageError(database, cause) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise StorageError(
                database, f"another instance of the bot{who} is running on it; stop it first"
            ) from None
        except OSError as exc:
            raise StorageError(database, f"cannot lock {path.name}: {os_cause(exc)}") from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock
