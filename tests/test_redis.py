"""Several instances on one Redis (REDIS_URL), against a real `redis-server`.

Each test starts its own server on a free port, without persistence, in a temporary folder;
without `redis-server` the whole module is skipped in one line. Two instances are two apps
from `create_app` with their own databases and the same REDIS_URL, each with its own
dispatcher and stand-in Telegram; the person is the same.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import Update, User
from redis.asyncio import Redis

from bot.app import App, build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram, Shown
from bot.runtime.once import UpdateOnce, update_key
from db.shared import FailOpen, RedisUnavailable
from db.unanswered_redis import SALT, RedisUnansweredLog, day_key
from tests.conftest import ADMIN_ID
from tests.test_e2e import TOKEN, run_cli

if shutil.which("redis-server") is None:
    pytest.skip(
        "redis-server is not installed: the Redis tests are skipped (apt-get install redis-server)",
        allow_module_level=True,
    )

QUESTION = "Сколько пензенцев лечились в Москве?"
NOTICE = "Сообщения приходят слишком часто"
PASSWORD = "r3dis-pa55"
# Telegram numbers one bot's updates, not an instance's: one count for all of them.
UPDATE_IDS = itertools.count(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """A throw-away `redis-server` on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._folder = folder
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self._folder)]
        self._proc = subprocess.Popen(
            ["redis-server", *args, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
            self._proc = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_server.url)
    try:
        yield client
    finally:
        await client.aclose()


def settings_for(folder: Path, url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"admin_ids": [ADMIN_ID], "throttle_burst": 0, **overrides}
    return Settings(_env_file=None, database_path=folder / "bot.sqlite3", redis_url=url, **values)


@asynccontextmanager
async def instances(
    tmp_path: Path, url: str, *, user: User | None = None, **overrides: Any
) -> AsyncIterator[list[LocalChat]]:
    """The same person talking to two instances of the bot that share `url`."""
    person = user or User(id=42, is_bot=False, first_name="Anna", language_code="ru")
    apps: list[App] = []
    try:
        chats = []
        for n in (1, 2):
            settings = settings_for(tmp_path / f"instance{n}", url, **overrides)
            apps.append(await create_app(settings))
            session = LocalTelegram()
            bot = build_bot(settings, session=session)
            chats.append(LocalChat(apps[-1].dispatcher, bot, session, person, None, UPDATE_IDS))
        yield chats
    finally:
        for app in apps:
            await app.close()


def texts(shown: list[Shown]) -> list[str]:
    return [s.plain for s in shown]


async def test_an_update_delivered_to_both_instances_is_answered_once(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    async with instances(tmp_path, redis_server.url) as (one, two):
        update = Update(update_id=500, message=one.message(text="/start"))
        first, again = await one.feed(update), await two.feed(update)
        assert len(first) == 1 and "Москва и регионы-партнёры" in first[0].plain
        assert again == []
        assert await one.feed(update) == []  # and not again on the first one
        # Delivered to both at the same moment: still one answer between them.
        update = Update(update_id=501, message=one.message(text=QUESTION))
        both = await asyncio.gather(one.feed(update), two.feed(update))
        assert sorted(len(shown) for shown in both) == [0, 1]
        assert "7 800" in (both[0] or both[1])[0].plain


async def test_a_follow_up_sent_to_the_other_instance_is_understood(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    async with instances(tmp_path, redis_server.url) as (one, two):
        [first] = await one.send(QUESTION)
        assert "7 800" in first.plain
        [yugra] = await two.send("а в Югре?")
        assert yugra.plain.startswith("Более 4 100 жителей ХМАО — Югры прошли лечение")
        assert "4 100" in yugra.plain and "7 800" not in yugra.plain
        [year] = await one.send("а в 2024?")  # and back on the first: the context moved on
        assert year.plain.startswith("Отдельно за 2024 год данных в новости нет")
        assert "4 100" in year.plain


async def test_throttling_counts_across_instances(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    limits: dict[str, Any] = {"throttle_burst": 5, "throttle_per_second": 0.01}
    async with instances(tmp_path, redis_server.url, **limits) as chats:
        shown = [await chats[n % 2].send("/start") for n in range(10)]
        assert [len(s) for s in shown] == [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
        assert all("Москва и регионы-партнёры" in s[0].plain for s in shown[:5])
        assert shown[5][0].plain.startswith(NOTICE)  # once, on whichever instance
        # Someone else, on either instance, is not affected.
        olga = User(id=99, is_bot=False, first_name="Olga")
        async with instances(tmp_path / "olga", redis_server.url, user=olga, **limits) as (
            _,
            other,
        ):
            assert "Москва и регионы-партнёры" in (await other.send("/start"))[0].plain


async def test_unanswered_on_one_instance_are_reported_by_the_other(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    async with instances(tmp_path, redis_server.url) as (one, two):
        admin = User(id=ADMIN_ID, is_bot=False, first_name="Админ")
        reporter = LocalChat(two.dispatcher, two.bot, two.session, admin, None, UPDATE_IDS)
        [empty] = await reporter.send("/unanswered")
        assert empty.plain == "За последние 30 дней все вопросы получили ответ."
        await one.send("спорт в Югре")
        await one.send("спорт в Югре")
        await two.send("Спорт  в Югре")  # the same question, spelt apart, on the other one
        await one.send("погода в Пензе, мой телефон +7 912 345-67-89")
        # One sender logs at most 5 a day, counted across the instances.
        for n, chat in enumerate([one, two, one, two]):
            await chat.send(f"туризм в Югре {2000 + n}")
        [report] = await reporter.send("/unanswered")  # on instance 2
    lines = report.plain.splitlines()
    assert lines[0] == "Вопросы без полного ответа за 30 дней"
    assert "3 × спорт в югре" in lines
    assert "1 × погода в пензе, мой телефон [№]" in report.plain
    assert "+7 912" not in report.plain
    assert sum(line.count("туризм в югре") for line in lines) == 1  # 3 + 1 + 1 = the cap of 5


async def test_redis_stopped_mid_run_still_answers(
    tmp_path: Path, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    limits: dict[str, Any] = {"throttle_burst": 5, "throttle_per_second": 0.01}
    async with instances(tmp_path, redis_server.url, **limits) as (one, two):
        [before] = await one.send(QUESTION)
        assert "7 800" in before.plain
        redis_server.stop()
        with caplog.at_level(logging.INFO):
            for chat in (one, two, one, two):
                [answer] = await chat.send(QUESTION)  # not the apology, not throttled
                assert "7 800" in answer.plain
            [unanswered] = await two.send("спорт в Югре")
            assert "Спорт" in unanswered.plain
            [start] = await one.send("/start")
            assert "Москва и регионы-партнёры" in start.plain
            # The report needs Redis: the usual apology, not an empty report.
            admin = User(id=ADMIN_ID, is_bot=False, first_name="Админ")
            reporter = LocalChat(two.dispatcher, two.bot, two.session, admin, None, UPDATE_IDS)
            [sorry] = await reporter.send("/unanswered")
            assert "Вопросы без полного ответа" not in sorry.plain
            assert "все вопросы получили ответ" not in sorry.plain
    warnings = [r for r in caplog.records if r.name == "db.shared"]
    assert len(warnings) == 2  # once per instance
    assert all("Redis does not answer" in r.getMessage() for r in warnings)
    assert "пензенц" not in caplog.text and "Югре" not in caplog.text


async def test_redis_down_at_start_stops_with_one_line(tmp_path: Path) -> None:
    url = f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"
    with pytest.raises(RedisUnavailable, match=r"^REDIS_URL: Redis at 127\.0\.0\.1:\d+ does not"):
        await create_app(settings_for(tmp_path, url))
    result = await asyncio.to_thread(
        run_cli, tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL="http://127.0.0.1:9", REDIS_URL=url
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    [line] = [line for line in output.splitlines() if line.startswith("moscow-regions-bot:")]
    assert line.startswith("moscow-regions-bot: REDIS_URL: Redis at 127.0.0.1:")
    assert "Traceback" not in output and PASSWORD not in output


async def test_redis_log_keeps_thirty_days_and_ranks_by_times_then_recency(
    redis: Redis,
) -> None:
    log_one, log_two = RedisUnansweredLog(redis, FailOpen()), RedisUnansweredLog(redis, FailOpen())
    now = datetime.now(UTC)
    assert await log_one.record("старый вопрос", "no_topic", sender=1, when=now - timedelta(31))
    assert await log_one.record("давний вопрос", "no_topic", sender=1, when=now - timedelta(20))
    assert await log_two.record("давний вопрос", "no_topic", sender=2, when=now - timedelta(20))
    assert await log_two.record("новый вопрос", "off_topic", sender=2, when=now)
    assert await log_one.record("вчерашний вопрос", "off_topic", sender=3, when=now - timedelta(1))
    assert await log_one.most_frequent(now=now) == [
        ("no_topic", "давний вопрос", 2),  # most asked
        ("off_topic", "новый вопрос", 1),  # then the latest
        ("off_topic", "вчерашний вопрос", 1),
    ]
    assert await log_two.most_frequent(limit=1, now=now) == [("no_topic", "давний вопрос", 2)]
    assert not await redis.exists(day_key((now - timedelta(31)).date()))  # expired already
    kept = await redis.ttl(day_key(now.date()))
    assert 30 * 86400 < kept <= 31 * 86400
    senders = [key async for key in redis.scan_iter("unanswered:sender:*")]
    assert senders and all(0 < ttl <= 86400 for ttl in [await redis.ttl(k) for k in senders])
    salt = await redis.get(SALT)  # one salt for every instance, made by the first
    assert isinstance(salt, bytes) and len(bytes.fromhex(salt.decode())) == 32
    assert not [key async for key in redis.scan_iter("unanswered:report:*")]  # no leftovers


async def test_a_cancelled_update_releases_its_claim(redis: Redis) -> None:
    guard = UpdateOnce(redis, FailOpen())
    bot = build_bot(Settings(_env_file=None), session=LocalTelegram())
    update = Update(update_id=7)
    key = update_key(bot.id, 7)

    async def stopped(event: Any, data: dict[str, Any]) -> None:
        raise asyncio.CancelledError

    async def handled(event: Any, data: dict[str, Any]) -> str:
        assert await redis.get(key) == b"busy"  # claimed while in hand
        return "handled"

    with pytest.raises(asyncio.CancelledError):
        await guard(stopped, update, {"bot": bot})
    assert not await redis.exists(key)  # left for the next delivery
    assert await guard(handled, update, {"bot": bot}) == "handled"
    assert await redis.get(key) == b"done"
    assert 86000 < await redis.ttl(key) <= 86400
    assert await guard(handled, update, {"bot": bot}) is None


async def test_fail_open_logs_once_pauses_and_logs_the_recovery(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    fail_open = FailOpen(pause=5.0, clock=lambda: now[0])
    calls: list[str] = []

    async def failing() -> str:
        calls.append("fail")
        raise ConnectionError("refused")

    async def working() -> str:
        calls.append("work")
        return "redis"

    with caplog.at_level(logging.INFO, logger="db.shared"):
        assert await fail_open.call("testing", failing, "fallback") == "fallback"
        assert await fail_open.call("testing", working, "fallback") == "fallback"  # paused
        now[0] = 5.0
        assert await fail_open.call("testing", failing, "fallback") == "fallback"
        now[0] = 10.0
        assert await fail_open.call("testing", working, "fallback") == "redis"
    assert calls == ["fail", "fail", "work"]
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        "Redis does not answer",
        "Redis answers again",
    ]
