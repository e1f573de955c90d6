"""End to end: the real `python -m bot` process against a local Bot API stand-in over HTTP.

Every subprocess is killed in a `finally`, and every wait has a timeout, so a broken bot
fails these tests instead of hanging them. Starting the bot costs seconds (importing aiogram
builds its pydantic models), so the conversation tests share one bot process, each in a chat
of its own; the logging and signal tests start their own.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.config import DEFAULT_CONTENT, DEFAULT_SOURCE
from tests.standin_api import Call, StandinBotAPI

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token-secret"
SECRET = TOKEN.partition(":")[2]
# Every setting the bot reads: the developer's environment must not leak into the tests.
SETTINGS = {"BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_PATH", "ADMIN_IDS", "LOG_LEVEL"}
SETTINGS |= {"CONTENT_PATH", "SOURCE_PATH", "THROTTLE_BURST", "THROTTLE_PER_SECOND"}
SETTINGS |= {"UPDATES_CONCURRENCY", "CONTENT_CHECK_SECONDS", "STOP_GRACE_SECONDS"}
SETTINGS |= {"WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_HOST", "WEBHOOK_PORT", "WEBHOOK_PATH"}
SETTINGS |= {"HEALTH_CHECK_SECONDS", "HEALTH_PORT", "REDIS_URL"}
STARTUP_TIMEOUT = 60.0  # generous: a loaded CI runner imports aiogram slowly
STOP_TIMEOUT = 10.0


def bot_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """A clean environment: no inherited settings, the project importable from any cwd."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["DATABASE_PATH"] = str(tmp_path / "var" / "bot.sqlite3")
    env["STOP_GRACE_SECONDS"] = "1"  # a stop in tests waits 1 s for the updates in hand
    env.update(settings)
    return env


def run_cli(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in tmp_path (so no `.env` is read), stdin not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=bot_env(tmp_path, **settings),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@dataclass
class BotProcess:
    proc: asyncio.subprocess.Process
    log_path: Path

    @property
    def output(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def stop(self, sig: signal.Signals = signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        return await asyncio.wait_for(self.proc.wait(), STOP_TIMEOUT)


@asynccontextmanager
async def running_bot(
    api: StandinBotAPI,
    tmp_path: Path,
    log_level: str = "INFO",
    *args: str,
    until: Callable[[StandinBotAPI, BotProcess], Awaitable[None]] | None = None,
    **settings: str,
) -> AsyncIterator[BotProcess]:
    """`python -m bot ARGS` against `api`, yielded once it polls (or `until` returns);
    killed on the way out.

    The log is appended to, so a second start in the same folder keeps the first one's."""
    env = bot_env(
        tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.url, LOG_LEVEL=log_level, **settings
    )
    log_path = tmp_path / "bot.log"
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=subprocess.STDOUT,
        )
    finally:
        os.close(log_fd)
    process = BotProcess(proc, log_path)
    try:
        await (until or until_polling)(api, process)
        yield process
    finally:
        if proc.returncode is None:
            proc.kill()
            await asyncio.wait_for(proc.wait(), STOP_TIMEOUT)


async def until_polling(
    api: StandinBotAPI, process: BotProcess, method: str = "getUpdates"
) -> None:
    """Wait for the first `method` call (getUpdates: it polls); fail at once, with the log,
    if the bot exits first."""
    polling = asyncio.ensure_future(api.wait_for(method, pending=True, timeout=STARTUP_TIMEOUT))
    exited = asyncio.ensure_future(process.proc.wait())
    try:
        await asyncio.wait({polling, exited}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        polling.cancel()
        exited.cancel()
    if not polling.cancelled() and polling.done():
        polling.result()  # raises when the wait timed out
        return
    raise AssertionError(f"the bot exited with {process.proc.returncode}:\n{process.output}")


@asynccontextmanager
async def standin() -> AsyncIterator[StandinBotAPI]:
    server = StandinBotAPI(TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def api() -> AsyncIterator[StandinBotAPI]:
    async with standin() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_api() -> AsyncIterator[StandinBotAPI]:
    async with standin() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_bot(
    shared_api: StandinBotAPI, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    async with running_bot(shared_api, tmp_path_factory.mktemp("shared_bot")) as process:
        yield process


in_shared_loop = pytest.mark.asyncio(loop_scope="module")


def person(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Анна", "language_code": "ru"}


def command(user_id: int, text: str, message_id: int = 1) -> dict[str, Any]:
    """A Telegram-shaped update: the person sends a command in their private chat."""
    name = text.split()[0]
    return {
        "message": {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Анна"},
            "from": person(user_id),
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(name)}],
        }
    }


def tap(user_id: int, sent: Call, button_text: str, query_id: str) -> dict[str, Any]:
    """A Telegram-shaped update: the person taps a button under a message the bot sent."""
    rows = sent.params["reply_markup"]["inline_keyboard"]
    data = next(b["callback_data"] for row in rows for b in row if b["text"] == button_text)
    return {
        "callback_query": {
            "id": query_id,
            "from": person(user_id),
            "chat_instance": str(-user_id),
            "message": sent.result,
            "data": data,
        }
    }


def param_is(name: str, value: object) -> Callable[[Call], bool]:
    return lambda call: call.params.get(name) == value


def in_chat(user_id: int) -> Callable[[Call], bool]:
    return param_is("chat_id", str(user_id))


def delivered_to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: in_chat(user_id)(call) and succeeded(call)


def button_texts(call: Call) -> list[str]:
    return [b["text"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]


def succeeded(call: Call) -> bool:
    return call.status == 200


# ---------------------------------------------------------------------- the running bot


@in_shared_loop
async def test_registers_commands_and_description(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    api = shared_api
    for language in (None, "ru"):
        call = await api.wait_for("setMyCommands", where=param_is("language_code", language))
        commands = {c["command"]: c["description"] for c in call.params["commands"]}
        assert list(commands) == ["start", "region", "about", "help", "privacy"]
        assert commands["start"] == "Главное меню"
        assert commands["region"] == "Регион-партнёр: /region пенза"
        assert all(re.search("[а-яё]", d) for d in commands.values())
    description = await api.wait_for("setMyDescription")
    assert description.params["description"].startswith("Сотрудничество Москвы с Республикой Алтай")
    short = await api.wait_for("setMyShortDescription")
    assert "Москва и регионы-партнёры" in short.params["short_description"]
    assert api.unauthorized == 0


@in_shared_loop
async def test_start_then_region_button(shared_api: StandinBotAPI, shared_bot: BotProcess) -> None:
    api, user = shared_api, 1001
    api.queue_update(command(user, "/start"))
    sent = await api.wait_for("sendMessage", where=in_chat(user))
    assert succeeded(sent)
    assert "Москва и регионы-партнёры" in sent.params["text"]
    assert "Пензенская область" in button_texts(sent)

    api.queue_update(tap(user, sent, "Пензенская область", query_id="query-1"))
    edited = await api.wait_for("editMessageText", where=in_chat(user))
    assert succeeded(edited)
    assert edited.params["message_id"] == str(sent.result["message_id"])
    assert "Пензенская область" in edited.params["text"]
    assert "7\u00a0800" in edited.params["text"]
    answer = await api.wait_for(
        "answerCallbackQuery", where=param_is("callback_query_id", "query-1")
    )
    assert succeeded(answer)
    answers = [c for c in api.calls_of("answerCallbackQuery") if c.params == answer.params]
    assert answers == [answer]  # answered exactly once


@in_shared_loop
async def test_flood_limit_is_waited_out(shared_api: StandinBotAPI, shared_bot: BotProcess) -> None:
    api, user = shared_api, 1002
    api.fail_next("sendMessage", status=429, retry_after=1)
    api.queue_update(command(user, "/start"))
    refused = await api.wait_for("sendMessage", where=in_chat(user))
    assert refused.status == 429
    delivered = await api.wait_for("sendMessage", where=delivered_to(user))
    assert "Москва и регионы-партнёры" in delivered.params["text"]
    assert delivered.at - refused.at >= 0.9  # it waited retry_after before trying again
    assert [c.status for c in api.calls_of("sendMessage") if in_chat(user)(c)] == [429, 200]


async def test_token_never_logged_and_sigint_stops(api: StandinBotAPI, tmp_path: Path) -> None:
    user = 2001
    async with running_bot(api, tmp_path, log_level="DEBUG") as process:
        api.fail_next("sendMessage", status=429)
        api.queue_update(command(user, "/start"))
        sent = await api.wait_for("sendMessage", where=delivered_to(user))
        # A server error while editing is retried; an unexpected refusal is logged with its
        # traceback and answered with an apology.
        api.fail_next("editMessageText", status=500)
        api.queue_update(tap(user, sent, "Пензенская область", query_id="query-2"))
        await api.wait_for("editMessageText", where=lambda c: c.status == 200)
        api.fail_next("editMessageText", status=400, description="Bad Request: odd refusal")
        api.queue_update(tap(user, sent, "Республика Алтай", query_id="query-3"))
        await api.wait_for("sendMessage", where=lambda c: c is not sent and delivered_to(user)(c))
        assert await process.stop(signal.SIGINT) == 0, process.output
    output = process.output
    assert " DEBUG " in output and " ERROR " in output, output
    assert SECRET not in output


async def test_sigterm_stops_cleanly(api: StandinBotAPI, tmp_path: Path) -> None:
    async with running_bot(api, tmp_path) as process:  # polling, with its signal handlers
        started = time.monotonic()
        assert await process.stop(signal.SIGTERM) == 0, process.output
        assert time.monotonic() - started < 5
    assert "Traceback" not in process.output
    assert SECRET not in process.output


# ---------------------------------------------------------------------- settings and content


def test_without_token_and_terminal_exits_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "BOT_TOKEN" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"), [("ADMIN_IDS", "not-json"), ("BOT_TOKEN", "garbage")], ids=str
)
def test_malformed_setting_exits_2(tmp_path: Path, name: str, value: str) -> None:
    result = run_cli(tmp_path, **{"BOT_TOKEN": TOKEN, name: value})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert name.lower() in result.stderr.lower()  # the setting at fault is named
    assert value not in result.stderr and SECRET not in result.stderr  # values are not echoed


def test_check_content(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check-content")
    assert result.returncode == 0, result.stderr
    if not DEFAULT_SOURCE.is_file():
        pytest.skip(f"the source text is not at {DEFAULT_SOURCE}")
    assert "OK" in result.stdout


def test_check_content_without_the_source_says_it_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-source.txt"
    result = run_cli(tmp_path, "check-content", SOURCE_PATH=str(missing))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"check-content: skipped: the source text is not at {missing} "
        "(set SOURCE_PATH to check figures against it)"
    )


def _stored(database: Path) -> tuple[int, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(database)) as conn:
        row = conn.execute("SELECT json_array_length(body, '$.facts') FROM content").fetchone()
        facts = row[0] if row else 0
        meta = conn.execute("SELECT * FROM meta ORDER BY key").fetchall()
    return int(facts), meta


def test_broken_content_file_keeps_loaded_content(tmp_path: Path) -> None:
    loaded = run_cli(tmp_path, "load-content")
    assert loaded.returncode == 0, loaded.stderr
    database = tmp_path / "var" / "bot.sqlite3"
    before = _stored(database)
    assert before[0] > 0

    broken = tmp_path / "broken.toml"
    shutil.copy(DEFAULT_CONTENT, broken)
    text = broken.read_text(encoding="utf-8")
    fact = 'id = "altai-trade-food"'
    head, _, tail = text.partition(fact)
    broken_tail = tail.replace("paragraph = 7", 'paragraph = "x"', 1)
    assert broken_tail != tail
    broken.write_text(head + fact + broken_tail, encoding="utf-8")

    result = run_cli(tmp_path, "load-content", str(broken))
    assert result.returncode == 1
    assert "altai-trade-food" in result.stderr and "paragraph" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _stored(database) == before


async def test_rejected_token_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    server = StandinBotAPI("999:another-token")
    await server.start()
    try:
        result = await asyncio.to_thread(
            run_cli, tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=server.url
        )
    finally:
        await server.close()
    assert result.returncode == 2, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert (
        last == "moscow-regions-bot: the Bot API rejected BOT_TOKEN (Unauthorized): check the token"
    )
    assert "Traceback" not in result.stderr
    assert TOKEN.split(":")[1] not in result.stderr + result.stdout
    assert "Unclosed" not in result.stderr


def test_unreachable_api_gives_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=f"http://127.0.0.1:{port}")
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(
        f"moscow-regions-bot: cannot reach the Bot API at http://127.0.0.1:{port}"
    )
    assert "Traceback" not in result.stderr
    assert TOKEN.split(":")[1] not in result.stderr + result.stdout
