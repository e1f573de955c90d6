"""Faults and load, end to end: the real `python -m bot` against a Bot API stand-in that
misbehaves the way Telegram and real deployments do.

Each test states what every person finally received: every request answered exactly once,
no apology. Figures worth watching (how many 429s, how long the last reply took) are
printed, never asserted against a clock.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from tests.standin_api import Call, FloodLimit, StandinBotAPI
from tests.test_e2e import (  # the module-scoped fixtures: one stand-in, one bot here
    SECRET,
    STOP_TIMEOUT,
    BotProcess,
    command,
    person,
    running_bot,
    shared_api,  # noqa: F401
    shared_bot,  # noqa: F401
    standin,
)

APOLOGY = "при обработке запроса произошла ошибка"
MENU = "Москва и регионы-партнёры"
in_shared_loop = pytest.mark.asyncio(loop_scope="module")


def text_message(user_id: int, text: str) -> dict[str, Any]:
    return {
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Анна"},
            "from": person(user_id),
            "text": text,
        }
    }


async def replies(api: StandinBotAPI, users: list[int], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait until every user has at least one delivered message."""
    deadline = time.monotonic() + timeout
    while any(not api.delivered(u) for u in users):
        if time.monotonic() > deadline:
            missing = [u for u in users if not api.delivered(u)]
            raise AssertionError(f"{len(missing)} of {len(users)} got no reply: {missing[:10]}")
        await asyncio.sleep(0.05)


def texts(calls: list[Call]) -> list[str]:
    return [str(c.params.get("text", "")) for c in calls]


def no_apology(api: StandinBotAPI) -> None:
    sent = texts(api.calls_of("sendMessage"))
    assert not [t for t in sent if APOLOGY in t], "an apology was sent"


# ---------------------------------------------------------------------- one shared bot


@in_shared_loop
async def test_unparseable_update_is_skipped_and_others_answered(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    """Item 1: a message forwarded from a hidden user without `sender_user_name` fails
    aiogram's validation; it must not hold up the batch or anyone after it."""
    api, bot = shared_api, shared_bot
    bad = text_message(3001, "Иван Петров, паспорт 4510 123456")
    bad["message"]["forward_origin"] = {"type": "hidden_user", "date": int(time.time())}
    bad_id = api.queue_update(bad)
    users = [3002, 3003]
    for user in users:
        api.queue_update(command(user, "/start"))
    await replies(api, users)
    assert all(MENU in texts(api.delivered(u))[0] for u in users)
    assert not api.delivered(3001)
    # The offset moved past it: Telegram is told it was taken.
    await api.wait_for(
        "getUpdates", pending=True, where=lambda c: int(c.params.get("offset", 0)) > bad_id
    )
    skipped = [line for line in bot.output.splitlines() if f"update {bad_id} " in line]
    assert len(skipped) == 1 and "skipped" in skipped[0], bot.output
    assert "Иван" not in bot.output and "4510" not in bot.output


@in_shared_loop
async def test_flood_limit_150_people_at_once(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    """Item 2: 150 people at once against Telegram's flood control: each gets the answer."""
    api = shared_api
    api.flood = limit = FloodLimit()
    users = list(range(4000, 4150))
    started = time.monotonic()
    try:
        for user in users:
            api.queue_update(command(user, "/start"))
        await replies(api, users, timeout=60)
    finally:
        api.flood = None
    took = time.monotonic() - started
    print(f"\n150 people: last reply after {took:.1f} s, 429 answers: {limit.refused}")
    for user in users:
        [reply] = api.delivered(user)
        assert MENU in reply.params["text"]
    no_apology(api)


@in_shared_loop
async def test_server_errors_are_retried(shared_api: StandinBotAPI, shared_bot: BotProcess) -> None:
    """Item 2: 5xx is retried with back-off; the person gets the answer once."""
    api = shared_api
    user = 4201
    api.fail_next("sendMessage", status=502)
    api.fail_next("sendMessage", status=500)
    api.queue_update(command(user, "/start"))
    await replies(api, [user])
    [reply] = api.delivered(user)
    assert MENU in reply.params["text"]
    assert [c.status for c in api.calls_of("sendMessage") if c.params["chat_id"] == str(user)] == [
        502,
        500,
        200,
    ]


@in_shared_loop
async def test_lost_response_is_not_sent_twice(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    """Item 2: the message reached Telegram but the answer was lost: never send it again."""
    api = shared_api
    user = 4202
    api.lose_next("sendMessage")
    api.queue_update(command(user, "/start"))
    await replies(api, [user])
    await asyncio.sleep(1.5)  # the time a retry would take
    assert len(api.delivered(user)) == 1
    no_apology(api)


@in_shared_loop
async def test_slow_send_does_not_hold_up_others_nor_repeat(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    """A send that takes 3 s: other people are answered meanwhile; the update, delivered
    again by Telegram while it is in hand, is handled once."""
    api = shared_api
    slow, quick = 4301, 4302
    api.slow_next("sendMessage", 3.0)
    api.queue_update(command(slow, "/start"))
    await api.wait_for(
        "sendMessage", pending=True, where=lambda c: c.params["chat_id"] == str(slow)
    )
    api.queue_update(command(quick, "/start"))
    await replies(api, [quick, slow])
    [fast_reply], [slow_reply] = api.delivered(quick), api.delivered(slow)
    assert fast_reply.at < slow_reply.at + 3.0
    await asyncio.sleep(1.0)
    assert len(api.delivered(slow)) == 1


@in_shared_loop
async def test_one_sender_flood_does_not_hold_up_others(
    shared_api: StandinBotAPI, shared_bot: BotProcess
) -> None:
    """Item 3: 200 long messages of unknown words from one sender, then someone's /start."""
    api = shared_api
    flooder, other = 4401, 4402
    words = " ".join(f"щъыфрвк{i}ждлоп" for i in range(300))[:4000]
    for _ in range(200):
        api.queue_update(text_message(flooder, words))
    queued = time.monotonic()
    api.queue_update(command(other, "/start"))
    await replies(api, [other])
    waited = api.delivered(other)[0].at - queued
    print(f"\n/start behind a 200-message flood answered after {waited * 1000:.0f} ms")
    deadline = time.monotonic() + 30
    while not any("слишком" in t for t in texts(api.delivered(flooder))):
        assert time.monotonic() < deadline, "no notice"
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.5)  # anything more would follow within the next turn
    flood_replies = texts(api.delivered(flooder))
    # The burst (10) is answered, then one notice, then silence.
    assert 1 <= len(flood_replies) <= 12, len(flood_replies)
    assert sum("слишком" in t.lower() for t in flood_replies) == 1
    no_apology(api)


# ---------------------------------------------------------------------- a bot of its own


@pytest.mark.parametrize(
    ("status", "code", "says"), [(401, 2, "401 Unauthorized"), (409, 1, "409 Conflict")]
)
async def test_repeated_401_or_409_stops_with_one_line(
    tmp_path: Path, status: int, code: int, says: str
) -> None:
    """Item 9 of the list (401/409): stop with one line and a non-zero exit."""
    async with standin() as api, running_bot(api, tmp_path) as process:
        for _ in range(3):
            api.fail_next("getUpdates", status=status)
        api.queue_update(command(5999, "/start"))  # ends the long poll in progress
        returncode = await asyncio.wait_for(process.proc.wait(), 30)
    assert returncode == code
    lines = [line for line in process.output.splitlines() if line.startswith("moscow-regions-bot:")]
    assert len(lines) == 1 and says in lines[0], process.output
    assert "Traceback" not in process.output
    assert len(process.output.splitlines()) < 20
    assert SECRET not in process.output


async def test_sigterm_under_backlog_loses_nothing(tmp_path: Path) -> None:
    """SIGTERM while 30 updates are in hand, 4 at a time, each send taking 2 s: the
    process stops within 10 s; what it did not finish is delivered again and answered
    after the restart; nobody is answered twice."""
    users = list(range(5000, 5030))
    async with standin() as api:
        # the 4 sends in hand finish within the grace
        grace = running_bot(api, tmp_path, UPDATES_CONCURRENCY="4", STOP_GRACE_SECONDS="3")
        async with grace as process:
            for _ in users:
                api.slow_next("sendMessage", 2.0)
            for user in users:
                api.queue_update(command(user, "/start"))
            await api.wait_for("sendMessage", pending=True)
            stopping = time.monotonic()
            assert await process.stop(signal.SIGTERM) == 0, process.output
            took = time.monotonic() - stopping
        answered_first = [u for u in users if api.delivered(u)]
        print(f"\nstopped in {took:.1f} s; {len(answered_first)} of 30 answered before the stop")
        assert took < STOP_TIMEOUT
        async with running_bot(api, tmp_path):
            await replies(api, users)
            await asyncio.sleep(1.0)
    for user in users:
        assert len(api.delivered(user)) == 1, user
    no_apology(api)
