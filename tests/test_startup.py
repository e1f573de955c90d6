"""Start-up faults and secrets, against the real `python -m bot` process.

Each case runs the bot as the operator would and asserts what the operator sees: the exit
code, one line naming the setting at fault, no traceback, and never the token (nor its
secret part, nor the password of TELEGRAM_API_URL). Every run has a timeout (`run_cli`), so
a bot that hangs fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from aiohttp import web

from db.schema import SCHEMA_VERSION
from tests.test_e2e import (
    SECRET,
    TOKEN,
    bot_env,
    command,
    delivered_to,
    run_cli,
    running_bot,
    standin,
)

UNREACHABLE = "http://127.0.0.1:9"  # never reached: these runs fail before the network
PASSWORD = "pa55-w0rd"
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


def report_lines(output: str) -> list[str]:
    """What the process wrote that is not a log line: the operator's report."""
    return [line for line in output.splitlines() if line and not LOG_LINE.match(line)]


def assert_no_secret(output: str) -> None:
    for form in (TOKEN, SECRET, quote(TOKEN, safe=""), PASSWORD):
        assert form not in output, f"{form!r} leaked:\n{output}"


# ---------------------------------------------------------------------- token and API URL


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_API_URL", "http://127.0.0.1:99999"),
        ("TELEGRAM_API_URL", f"http://bot:{PASSWORD}@127.0.0.1:0"),
        ("BOT_TOKEN", "123456:TEST-token secret"),
        ("BOT_TOKEN", "123456:TEST-token\tsecret"),
    ],
    ids=["port-99999", "port-0-with-password", "token-with-space", "token-with-tab"],
)
def test_malformed_token_or_url_exits_2_in_one_line(tmp_path: Path, name: str, value: str) -> None:
    result = run_cli(tmp_path, **{"BOT_TOKEN": TOKEN, name: value})
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"moscow-regions-bot: invalid setting {name}: ")
    assert_no_secret(result.stderr)
    assert "token secret" not in result.stderr and "token\tsecret" not in result.stderr


@asynccontextmanager
async def redirect_loop() -> AsyncIterator[int]:
    """A server on 127.0.0.1 that answers every request with 302 to itself; yields its port."""

    async def again(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(request.path)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", again)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


async def test_redirect_loop_exits_1_without_the_token(tmp_path: Path) -> None:
    async with redirect_loop() as port:
        url = f"http://bot:{PASSWORD}@127.0.0.1:{port}"
        result = await asyncio.to_thread(
            run_cli, tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=url, LOG_LEVEL="DEBUG"
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert report_lines(output) == [
        f"moscow-regions-bot: cannot reach the Bot API at http://***@127.0.0.1:{port}: "
        f"TooManyRedirects: 0, message='', url='http://127.0.0.1:{port}/bot***/getMe'"
    ]
    assert_no_secret(output)


# ---------------------------------------------------------------------- every output path

OUTPUT_PATHS = """
import asyncio, logging, sys, threading, warnings
from urllib.parse import quote
from bot.logs import Redactor, setup_output

token, url = sys.argv[1], sys.argv[2]
setup_output("INFO", Redactor.for_settings(token, url))
print("print:", token)
bot_id, _, secret = token.partition(":")
print("split:", "bot" + bot_id, end="", flush=False)
print(":" + secret)
logging.getLogger("x").warning("logging: %s", quote(token, safe=""))
try:
    raise ValueError("logged traceback: " + token)
except ValueError:
    logging.getLogger("x").exception("failed")
warnings.warn("warning: " + url, stacklevel=1)
thread = threading.Thread(target=lambda: int("thread: " + secret))
thread.start()
thread.join()

async def fail() -> None:
    asyncio.get_running_loop().call_exception_handler(
        {"message": "asyncio handler", "exception": OSError("asyncio: " + token)}
    )

asyncio.run(fail())
raise RuntimeError("uncaught: " + url.replace("@", "/" + token + "@"))
"""


def test_every_output_path_is_redacted(tmp_path: Path) -> None:
    url = f"https://bot:{PASSWORD}@127.0.0.1:8081"
    result = subprocess.run(
        [sys.executable, "-c", OUTPUT_PATHS, TOKEN, url],
        cwd=tmp_path,
        env=bot_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for marker in ("print:", "split:", "logging:", "logged traceback:", "warning:", "thread:"):
        assert marker in output, output
    for marker in ("asyncio handler", "asyncio:", "uncaught:"):
        assert marker in output, output
    assert "split: bot***\n" in result.stdout  # split over two writes, found whole
    assert_no_secret(output)


# ---------------------------------------------------------------------- database faults


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` read-only for this process: chmod, or for root (who ignores permission
    bits) the immutable attribute; restored on the way out so the folder can be removed."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _database(path: Path, *, version: int = SCHEMA_VERSION) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA user_version = {version:d}")
        conn.commit()


FAULTS = ["folder", "not-a-database", "future-version", "parent-is-a-file"]
FAULTS += ["read-only-file", "read-only-folder", "read-only-folder-with-database"]


@contextmanager
def database_fault(folder: Path, fault: str) -> Iterator[tuple[Path, str]]:
    """DATABASE_PATH with the given fault, and a word the one-line cause must contain."""
    database = folder / "bot.sqlite3"
    if fault == "folder":
        database.mkdir()
        yield database, "is a folder"
    elif fault == "not-a-database":
        database.write_bytes(os.urandom(8192))
        yield database, "is not an SQLite database"
    elif fault == "future-version":
        _database(database, version=SCHEMA_VERSION + 1)
        yield database, f"schema version {SCHEMA_VERSION + 1} is newer"
    elif fault == "parent-is-a-file":
        (folder / "var").write_text("")
        yield folder / "var" / "bot.sqlite3", "cannot create its folder"
    elif fault == "read-only-file":
        _database(database)
        with read_only(database):
            yield database, "is read-only"
    elif fault == "read-only-folder":
        with read_only(folder):
            yield database, "needs write access"
    else:  # a database (and its lock file) made while the folder was writable
        _database(database)
        (folder / "bot.sqlite3.lock").write_text("")
        with read_only(folder):
            yield database, "needs read and write access"


@pytest.mark.parametrize("fault", FAULTS)
def test_database_fault_exits_1_in_one_line(tmp_path: Path, fault: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with database_fault(folder, fault) as (database, cause):
        result = run_cli(
            tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=UNREACHABLE, DATABASE_PATH=str(database)
        )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert report_lines(result.stderr) == result.stderr.splitlines(), result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"moscow-regions-bot: DATABASE_PATH={database}: "), line
    assert cause in line


def test_load_content_into_a_broken_database_exits_1_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    database.write_text("not a database\n" * 100)
    result = run_cli(tmp_path, "load-content", DATABASE_PATH=str(database))
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"moscow-regions-bot: DATABASE_PATH={database}: is not an SQLite database (damaged, "
        "or another kind of file); move it away and a new database is created at the next start"
    ]


# ---------------------------------------------------------------------- one instance


async def test_second_instance_exits_1_while_the_first_keeps_serving(tmp_path: Path) -> None:
    database = tmp_path / "var" / "bot.sqlite3"  # bot_env's default: both share it
    async with standin() as api, running_bot(api, tmp_path) as first:
        for mode in ("run", "console"):
            second = await asyncio.to_thread(
                run_cli, tmp_path, mode, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.url
            )
            assert second.returncode == 1, second.stderr
            [line] = second.stderr.splitlines()
            assert line == (
                f"moscow-regions-bot: DATABASE_PATH={database}: another instance of the bot "
                f"(process {first.proc.pid}) is running on it; stop it first"
            )
        # Loading content while the bot runs is supported: it takes no lock.
        loaded = await asyncio.to_thread(run_cli, tmp_path, "load-content")
        assert loaded.returncode == 0, loaded.stderr

        assert first.proc.returncode is None
        api.queue_update(command(3001, "/start"))
        sent = await api.wait_for("sendMessage", where=delivered_to(3001))
        assert "Москва и регионы-партнёры" in sent.params["text"]

        first.proc.send_signal(signal.SIGKILL)  # the kernel releases the lock of a dead process
        await first.proc.wait()
    async with standin() as api, running_bot(api, tmp_path) as again:
        assert again.proc.returncode is None  # it polls: the lock was free again
