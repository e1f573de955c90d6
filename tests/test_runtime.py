"""The runtime below the handlers: pacing, retries, per-update validation, throttling."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import EditMessageText, SendMessage, TelegramMethod
from aiogram.types import Update, User

from bot.app import App, build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram
from bot.runtime.pacing import Pacer, RateLimit
from bot.runtime.retry import RetryMiddleware
from bot.runtime.updates import parse_update
from db.database import Database
from db.inbox import Inbox

# ---------------------------------------------------------------------- pacing


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_allows_a_burst_then_one_a_second() -> None:
    clock = Clock()
    limit = RateLimit(per_second=1.0, burst=3, clock=clock)
    waits = [limit.reserve("chat") for _ in range(5)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0]
    clock.now += 10  # idle: the burst is back
    assert [limit.reserve("chat") for _ in range(3)] == [0.0, 0.0, 0.0]


def test_a_chat_with_a_backlog_does_not_delay_another() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock)
    for _ in range(20):
        pacer.private.reserve(1)
    assert pacer.private.reserve(2) == 0.0


def test_global_rate_stays_under_thirty_in_any_second() -> None:
    clock = Clock()
    limit = Pacer(clock=clock).all
    starts = sorted(clock.now + limit.reserve("*") for _ in range(300))
    busiest = max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)
    assert busiest <= 30


def test_take_refuses_over_the_rate_and_idle_resets() -> None:
    clock = Clock()
    limit = RateLimit(per_second=1.0, burst=2, clock=clock)
    assert [limit.take("u") for _ in range(3)] == [True, True, False]
    assert not limit.idle("u")
    clock.now += 1.0
    assert limit.take("u")
    clock.now += 5.0
    assert limit.idle("u")


def test_hold_after_a_429_pushes_the_chat_turn() -> None:
    clock = Clock()
    limit = RateLimit(per_second=1.0, burst=3, clock=clock)
    limit.hold("chat", 7.0)
    assert limit.reserve("chat") == pytest.approx(7.0)


# ---------------------------------------------------------------------- retries


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    slept: list[float] = []

    async def sleep(delay: float) -> None:
        slept.append(delay)

    monkeypatch.setattr("bot.runtime.retry.asyncio.sleep", sleep)
    yield slept


def _network_error(method: TelegramMethod[Any], cause: Exception) -> TelegramNetworkError:
    error = TelegramNetworkError(method=method, message=type(cause).__name__)
    error.__cause__ = cause
    return error


def _refused_connection() -> aiohttp.ClientConnectorError:
    key: Any = type("Key", (), {"ssl": None, "host": "127.0.0.1", "port": 1})()
    return aiohttp.ClientConnectorError(key, OSError(111, "Connection refused"))


async def _run(
    method: TelegramMethod[Any], failures: list[Exception], pacer: Pacer | None = None
) -> tuple[list[str], Any]:
    calls: list[str] = []

    async def make_request(bot: Bot, m: TelegramMethod[Any]) -> Any:
        calls.append(m.__api_method__)
        if failures:
            raise failures.pop(0)
        return "ok"

    middleware = RetryMiddleware(pacer)
    try:
        result = await middleware(make_request, Bot("1:x"), method)
    except Exception as exc:
        result = exc
    return calls, result


SEND = SendMessage(chat_id=5, text="hi")
EDIT = EditMessageText(chat_id=5, message_id=1, text="hi")


async def test_429_is_waited_out_and_holds_the_chat(no_sleep: list[float]) -> None:
    pacer = Pacer()
    failure = TelegramRetryAfter(method=SEND, message="Too Many Requests", retry_after=3)
    calls, result = await _run(SEND, [failure], pacer)
    assert (len(calls), result) == (2, "ok")
    assert 3.0 <= no_sleep[0] <= 3.5
    assert pacer.private.reserve(5) > 2.0  # the chat's next turn comes after retry_after


async def test_5xx_is_retried_with_backoff(no_sleep: list[float]) -> None:
    failures: list[Exception] = [
        TelegramServerError(method=SEND, message="Bad Gateway") for _ in range(3)
    ]
    calls, result = await _run(SEND, failures)
    assert (len(calls), result) == (4, "ok")
    first, second, third = no_sleep  # 0.5 s, then about twice as long each time
    assert first == 0.5 and first < second < third and third > 1.5


async def test_refused_connection_is_retried_even_for_a_new_message(
    no_sleep: list[float],
) -> None:
    calls, result = await _run(SEND, [_network_error(SEND, _refused_connection())])
    assert (len(calls), result) == (2, "ok")


async def test_a_new_message_that_may_have_arrived_is_never_sent_again(
    no_sleep: list[float],
) -> None:
    lost = _network_error(SEND, aiohttp.ServerDisconnectedError())
    calls, result = await _run(SEND, [lost])
    assert calls == ["sendMessage"]
    assert result is lost


async def test_an_edit_that_may_have_arrived_is_repeated(no_sleep: list[float]) -> None:
    calls, result = await _run(EDIT, [_network_error(EDIT, aiohttp.ServerDisconnectedError())])
    assert (len(calls), result) == (2, "ok")


async def test_a_long_retry_after_is_not_waited(no_sleep: list[float]) -> None:
    failure = TelegramRetryAfter(method=SEND, message="Too Many Requests", retry_after=3600)
    calls, result = await _run(SEND, [failure])
    assert calls == ["sendMessage"] and result is failure
    assert no_sleep == []


# ---------------------------------------------------------------------- validation


def test_an_update_aiogram_cannot_parse_is_skipped_without_personal_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = {
        "update_id": 77,
        "message": {
            "message_id": 1,
            "date": 1,
            "chat": {"id": 9, "type": "private", "first_name": "Иван"},
            "from": {"id": 9, "is_bot": False, "first_name": "Иван"},
            "text": "мой паспорт 4510 123456",
            "forward_origin": {"type": "hidden_user", "date": 1},
        },
    }
    with caplog.at_level(logging.WARNING):
        assert parse_update(raw, Bot("1:x")) is None
    [record] = caplog.records
    assert "update 77 (message) skipped" in record.getMessage()
    assert "Иван" not in caplog.text and "4510" not in caplog.text
    message = dict(raw["message"])  # type: ignore[call-overload]
    del message["forward_origin"]
    good = {"update_id": 78, "message": message}
    assert parse_update(good, Bot("1:x")) is not None


# ---------------------------------------------------------------------- throttling


async def test_throttle_answers_a_burst_then_one_notice_then_silence(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        database_path=tmp_path / "db.sqlite3",
        throttle_burst=5,
        throttle_per_second=0.01,
    )
    app = await create_app(settings)
    try:
        session = LocalTelegram()
        chat = LocalChat(app.dispatcher, build_bot(settings, session=session), session)
        answers = [await chat.send("/start") for _ in range(9)]
        assert [len(a) for a in answers] == [1, 1, 1, 1, 1, 1, 0, 0, 0]
        assert all("Москва и регионы-партнёры" in a[0].text for a in answers[:5])
        assert answers[5][0].text.startswith("Сообщения приходят слишком часто")
        # A tapped button is still answered (no spinner), without another notice.
        menu = answers[0][0]
        assert menu.message_id is not None
        answered = len(session.answered_queries)
        tapped = await chat.click(
            "Пензенская область", session.messages[(chat.chat.id, menu.message_id)]
        )
        assert tapped == []
        assert len(session.answered_queries) == answered + 1
        # Someone else is not affected.
        someone = User(id=99, is_bot=False, first_name="Olga")
        other = LocalChat(app.dispatcher, build_bot(settings, session=session), session, someone)
        assert "Москва и регионы-партнёры" in (await other.send("/start"))[0].text
    finally:
        await app.close()


# ---------------------------------------------------------------------- the inbox


async def test_inbox_keeps_updates_until_handled_and_drops_repeats(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "inbox.sqlite3")
    try:
        inbox, other_bot = Inbox(db, bot_id=1), Inbox(db, bot_id=2)
        batch: list[tuple[int, dict[str, Any]]] = [
            (10, {"update_id": 10, "message": {"text": "а"}}),
            (11, {"update_id": 11}),
        ]
        assert await inbox.add(batch) == {10, 11}
        assert await inbox.add([*batch, (12, {"update_id": 12})]) == {12}  # repeats dropped
        assert await other_bot.add(batch) == {10, 11}  # ids are per bot
        await inbox.done([10, 12])
        assert await inbox.pending() == [(11, {"update_id": 11})]
        async with (
            db.read() as conn,
            conn.execute(
                "SELECT count(*) FROM inbox WHERE body LIKE '%\u0430%' AND bot_id = 1"
            ) as cursor,
        ):
            assert tuple(await cursor.fetchone() or ()) == (0,)  # a handled update's text is gone
        assert await inbox.add([(10, {"update_id": 10})]) == set()  # still known
        async with db.write() as conn:
            await conn.execute("UPDATE inbox SET received_at = '2000-01-01T00:00:00+00:00'")
        await inbox.purge()
        assert await inbox.pending() == [(11, {"update_id": 11})]  # unhandled: never purged
        assert await inbox.add([(10, {"update_id": 10})]) == {10}  # forgotten after a day
    finally:
        await db.close()


async def test_a_failed_commit_leaves_no_transaction_open(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "commit.sqlite3")
    try:
        conn = db.connection
        real = conn.execute

        def failing_commit(sql: str, *args: Any) -> Any:
            if sql == "COMMIT":
                raise sqlite3.OperationalError("database or disk is full (simulated)")
            return real(sql, *args)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(conn, "execute", failing_commit)
            with pytest.raises(sqlite3.OperationalError):
                async with db.write() as c:
                    await c.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        assert not conn.in_transaction
        async with db.write() as c:  # the next write works
            await c.execute("INSERT INTO meta (key, value) VALUES ('k', 'w')")
    finally:
        await db.close()


async def test_one_chats_updates_keep_their_order_whatever_awaits_on_the_way(
    app: App, settings: Settings
) -> None:
    """Two updates of one chat started as two tasks (as `Intake` starts them): however long
    what runs after the ordering awaits for the first (the repeat guard and the throttle in
    Redis, a database read), the second is answered after it. Another chat is not held."""
    session = LocalTelegram()
    bot = build_bot(settings, session=session)
    anna = LocalChat(app.dispatcher, bot, session)
    boris = LocalChat(app.dispatcher, bot, session, user=User(id=77, is_bot=False, first_name="B"))
    first = Update(update_id=1, message=anna.message(text="/help"))

    async def slow_first(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        if event.update_id == first.update_id:
            await asyncio.sleep(0.2)
        return await handler(event, data)

    app.dispatcher.update.outer_middleware(slow_first)
    updates = [
        first,
        Update(update_id=2, message=anna.message(text="/about")),
        Update(update_id=3, message=boris.message(text="/privacy")),
    ]
    await asyncio.gather(*(app.dispatcher.feed_update(bot, u) for u in updates))
    by_chat = [(s.chat_id, s.text.splitlines()[0]) for s in session.shown]
    help_first, about_second = [text for chat, text in by_chat if chat == anna.chat.id]
    assert help_first == "❓ Как пользоваться ботом"
    assert about_second.endswith("О соглашениях")
    assert by_chat[0][0] == boris.chat.id  # not held up behind the other chat
