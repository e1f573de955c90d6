"""End to end in webhook mode: the real `python -m bot webhook` against the Bot API
stand-in, with updates POSTed to its server the way Telegram delivers them."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.runtime.health import Health
from db.database import Database
from tests.standin_api import StandinBotAPI, post_update
from tests.test_e2e import (  # shared_api: the module-scoped stand-in, one here
    SECRET,
    TOKEN,
    BotProcess,
    command,
    delivered_to,
    in_chat,
    run_cli,
    running_bot,
    shared_api,  # noqa: F401
    standin,
    until_polling,
)

HOOK_SECRET = "hook_Secret-42abc"
PUBLIC_URL = "https://bot.example.org/telegram"
MENU = "Москва и регионы-партнёры"
in_shared_loop = pytest.mark.asyncio(loop_scope="module")


@dataclass
class Webhook:
    """A bot process serving its webhook on 127.0.0.1:`port`."""

    process: BotProcess
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    async def post(self, update: dict[str, Any] | str, secret: str | None = HOOK_SECRET) -> int:
        status, _ = await post_update(self.url, update, secret)
        return status

    async def get(self, path: str) -> tuple[int, dict[str, Any]]:
        timeout = aiohttp.ClientTimeout(total=5)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(f"http://127.0.0.1:{self.port}{path}") as response,
        ):
            return response.status, await response.json()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until_webhook_set(api: StandinBotAPI, process: BotProcess) -> None:
    await until_polling(api, process, method="setWebhook")


@asynccontextmanager
async def webhook_bot(
    api: StandinBotAPI, tmp_path: Path, *args: str, **settings: str
) -> AsyncIterator[Webhook]:
    """The bot in webhook mode (`python -m bot ARGS`), yielded once it called setWebhook."""
    port = free_port()
    hook = {"WEBHOOK_URL": PUBLIC_URL, "WEBHOOK_SECRET": HOOK_SECRET, "WEBHOOK_HOST": "127.0.0.1"}
    async with running_bot(
        api,
        tmp_path,
        "INFO",
        *args,
        until=until_webhook_set,
        **{**hook, "WEBHOOK_PORT": str(port), **settings},
    ) as process:
        yield Webhook(process, port)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def hook(
    shared_api: StandinBotAPI,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Webhook]:
    folder = tmp_path_factory.mktemp("webhook_bot")
    async with webhook_bot(shared_api, folder, "webhook", HEALTH_CHECK_SECONDS="0.3") as server:
        yield server


def update(update_id: int, user: int, text: str = "/start") -> dict[str, Any]:
    return {"update_id": update_id, **command(user, text)}


async def answered(api: StandinBotAPI, user: int, count: int = 1) -> list[str]:
    """The texts delivered to `user` once there are `count` of them (waiting up to 30 s)."""
    deadline = time.monotonic() + 30
    while len(api.delivered(user)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{user} got {len(api.delivered(user))} of {count} replies")
        await asyncio.sleep(0.05)
    return [str(call.params["text"]) for call in api.delivered(user)]


# ---------------------------------------------------------------------- one shared bot


@in_shared_loop
async def test_sets_the_webhook_with_its_secret_and_update_types(
    shared_api: StandinBotAPI,  # noqa: F811
    hook: Webhook,
) -> None:
    call = await shared_api.wait_for("setWebhook")
    assert call.params["url"] == PUBLIC_URL
    assert call.params["secret_token"] == HOOK_SECRET
    assert set(call.params["allowed_updates"]) >= {"message", "callback_query"}
    assert call.params.get("drop_pending_updates") in (None, "false")
    assert not shared_api.calls_of("deleteWebhook")
    assert not shared_api.calls_of("getUpdates")


@in_shared_loop
async def test_requests_without_the_right_secret_are_refused_and_not_processed(
    shared_api: StandinBotAPI,  # noqa: F811
    hook: Webhook,
) -> None:
    api, user = shared_api, 5001
    assert await hook.post(update(50_001, user), secret=None) == 401
    assert await hook.post(update(50_001, user), secret="hook_Secret-42abd") == 401
    assert await hook.post(update(50_001, user), secret="") == 401
    # Nothing was kept: the same update with the right secret is new, and answered once.
    assert await hook.post(update(50_001, user)) == 200
    texts = await answered(api, user)
    assert len(texts) == 1 and MENU in texts[0]
    refused = [line for line in hook.process.output.splitlines() if "refused with 401" in line]
    assert refused, hook.process.output
    assert "hook_Secret-42abd" not in hook.process.output


@in_shared_loop
async def test_an_update_delivered_twice_is_answered_once(
    shared_api: StandinBotAPI,  # noqa: F811
    hook: Webhook,
) -> None:
    api, user = shared_api, 5002
    statuses = [await hook.post(update(50_002, user)) for _ in range(2)]
    assert statuses == [200, 200]
    # A later update of the same chat runs after both (one chat in order): once it is
    # answered, a second answer to the first would have been sent already.
    assert await hook.post(update(50_003, user, "/help")) == 200
    texts = await answered(api, user, count=2)
    assert len(texts) == 2, texts
    assert MENU in texts[0] and MENU not in texts[1]


@in_shared_loop
async def test_an_update_that_cannot_be_parsed_is_answered_200_and_others_served(
    shared_api: StandinBotAPI,  # noqa: F811
    hook: Webhook,
) -> None:
    api = shared_api
    bad = update(50_010, 5010, "Иван Петров, паспорт 4510 123456")
    bad["message"]["forward_origin"] = {"type": "hidden_user", "date": int(time.time())}
    assert await hook.post(bad) == 200
    assert await hook.post({"no_update_id": True}) == 200  # Telegram moves on
    assert await hook.post("{not json") == 400
    assert await hook.post(update(50_011, 5011)) == 200
    assert MENU in (await answered(api, 5011))[0]
    assert not api.delivered(5010)
    skipped = [line for line in hook.process.output.splitlines() if "update 50010 " in line]
    assert len(skipped) == 1 and "skipped" in skipped[0], hook.process.output
    assert "Иван" not in hook.process.output and "4510" not in hook.process.output


@in_shared_loop
async def test_health_and_readiness(
    shared_api: StandinBotAPI,  # noqa: F811
    hook: Webhook,
) -> None:
    assert await hook.get("/healthz") == (200, {"status": "ok"})
    status, body = await hook.get("/readyz")
    assert (status, body["status"]) == (200, "ready"), body
    assert body["checks"] == {"content": "ok", "database": "ok", "bot_api": "ok"}
    # The Bot API refuses getMe: the next background check makes the bot not ready.
    for _ in range(30):
        shared_api.fail_next("getMe", status=401)
    body = await readiness_until(hook, 503)
    assert body["status"] == "not ready"
    assert body["checks"]["bot_api"] == "getMe failed: TelegramUnauthorizedError"
    assert body["checks"]["database"] == "ok"
    shared_api.recover("getMe")  # the Bot API is back
    assert (await readiness_until(hook, 200))["checks"]["bot_api"] == "ok"
    output = hook.process.output
    assert HOOK_SECRET not in output and SECRET not in output
    assert HOOK_SECRET not in json.dumps(body)


async def readiness_until(hook: Webhook, status: int) -> dict[str, Any]:
    """/readyz's body once it answers `status` (the Bot API is checked every 0.3 s here)."""
    for _ in range(100):
        got, body = await hook.get("/readyz")
        if got == status:
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"/readyz never answered {status}: {body}")


# ---------------------------------------------------------------------- own processes


async def test_sigterm_finishes_the_accepted_update_and_exits_0(tmp_path: Path) -> None:
    """`python -m bot` with WEBHOOK_URL set serves the webhook; SIGTERM closes the
    listener, the update in hand is still answered, and the process exits 0 in time.
    (The secret is also in the URL's path here, served at WEBHOOK_PATH: never shown.)"""
    user = 5101
    hidden = {"WEBHOOK_URL": f"{PUBLIC_URL}/{HOOK_SECRET}", "WEBHOOK_PATH": "/telegram"}
    async with standin() as api, webhook_bot(api, tmp_path, **hidden) as server:
        api.slow_next("sendMessage", 0.5)  # within the 1 s grace
        assert await server.post(update(51_001, user)) == 200
        await api.wait_for("sendMessage", pending=True, where=in_chat(user))
        # stop() fails the test when the process has not exited within STOP_TIMEOUT (10 s).
        assert await server.process.stop(signal.SIGTERM) == 0, server.process.output
        assert await api.wait_for("sendMessage", where=delivered_to(user), timeout=1)
        with pytest.raises(aiohttp.ClientConnectionError):
            await server.get("/healthz")  # the listener is closed
    output = server.process.output
    assert "Traceback" not in output
    assert f"delivers updates to {PUBLIC_URL}/***" in output, output
    assert HOOK_SECRET not in output and SECRET not in output


async def test_an_update_unfinished_at_the_stop_is_answered_after_the_restart(
    tmp_path: Path,
) -> None:
    """The reply hangs past the 1 s grace: the update stays in the inbox, and the next start
    (webhook mode again) answers it."""
    user = 5201
    async with standin() as api:
        async with webhook_bot(api, tmp_path, "webhook") as server:
            api.slow_next("sendMessage", 3.0)
            assert await server.post(update(52_001, user)) == 200
            await api.wait_for("sendMessage", pending=True, where=in_chat(user))
            assert await server.process.stop(signal.SIGTERM) == 0, server.process.output
        assert not api.delivered(user)
        async with webhook_bot(api, tmp_path, "webhook") as server:
            texts = await answered(api, user)
    assert len(texts) == 1 and MENU in texts[0]
    assert "1 updates left for the next start" in server.process.output
    assert "1 updates left from the last run" in server.process.output


async def test_polling_serves_the_health_endpoints_on_health_port(tmp_path: Path) -> None:
    port = free_port()
    async with (
        standin() as api,
        running_bot(api, tmp_path, HEALTH_PORT=str(port), WEBHOOK_HOST="127.0.0.1") as process,
    ):
        health = Webhook(process, port)
        assert await health.get("/healthz") == (200, {"status": "ok"})
        assert await readiness_until(health, 200) == {
            "status": "ready",
            "checks": {"content": "ok", "database": "ok", "bot_api": "ok"},
        }
        assert not api.calls_of("setWebhook")
        assert await process.stop(signal.SIGTERM) == 0, process.output
    assert "Traceback" not in process.output


def test_webhook_mode_without_a_secret_exits_2_in_one_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "webhook", BOT_TOKEN=TOKEN, WEBHOOK_URL=PUBLIC_URL)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "moscow-regions-bot: webhook mode needs WEBHOOK_SECRET (see .env.example)"
    ]


@pytest.mark.parametrize("secret", ["has space", "bad!chars", "x" * 257], ids=str)
def test_a_malformed_webhook_secret_exits_2_without_echoing_it(tmp_path: Path, secret: str) -> None:
    result = run_cli(
        tmp_path, "webhook", WEBHOOK_URL=PUBLIC_URL, WEBHOOK_SECRET=secret, BOT_TOKEN="1:a"
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "WEBHOOK_SECRET" in result.stderr
    assert secret not in result.stderr


def test_a_webhook_url_that_is_not_https_exits_2(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, WEBHOOK_URL="http://bot.example.org/telegram", WEBHOOK_SECRET=HOOK_SECRET
    )
    assert result.returncode == 2, result.stderr
    assert "WEBHOOK_URL" in result.stderr and "https://" in result.stderr


async def test_a_taken_port_exits_1_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with standin() as api:
            result = await asyncio.to_thread(
                run_cli,
                tmp_path,
                "webhook",
                BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=api.url,
                WEBHOOK_URL=PUBLIC_URL,
                WEBHOOK_SECRET=HOOK_SECRET,
                WEBHOOK_HOST="127.0.0.1",
                WEBHOOK_PORT=str(port),
            )
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"moscow-regions-bot: cannot listen on 127.0.0.1:{port} (WEBHOOK_HOST")
    assert "Traceback" not in result.stderr and HOOK_SECRET not in result.stderr


async def test_readiness_names_each_failed_check(tmp_path: Path) -> None:
    """In process: content not loaded, a database that cannot take a write, the Bot API not
    checked yet: 503 naming all three; /healthz still 200."""
    db = await Database.open(tmp_path / "bot.sqlite3")
    await db.close()  # every write now fails
    bot = Bot(TOKEN)
    app = web.Application()
    Health(bot, db, lambda: False).add_routes(app)
    try:
        async with TestClient(TestServer(app)) as client:
            ready = await client.get("/readyz")
            body = await ready.json()
            assert (ready.status, body["status"]) == (503, "not ready")
            checks = body["checks"]
            assert (checks["content"], checks["bot_api"]) == ("not loaded", "not checked yet")
            assert checks["database"].startswith("not writable: "), checks
            alive = await client.get("/healthz")
            assert (alive.status, await alive.json()) == (200, {"status": "ok"})
    finally:
        await bot.session.close()
