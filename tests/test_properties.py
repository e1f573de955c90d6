"""Property-based tests: thousands of generated updates through the real dispatcher.

Whatever arrives (odd Unicode, 4 096+ characters, forged button data, fields Telegram may
omit), nothing escapes `feed_update`, the errors handler is never reached, every private
message gets exactly one reply, every callback query is answered exactly once, and group
messages follow the rules of bot/handlers/groups.py. Deliberately ignored, so `feed_update`
returns UNHANDLED and nothing is sent: edited messages (the answer to the first version
stands), channel posts, and group messages not addressed to the bot.

The examples are derandomized (the same ones on every run, no example database), so CI is
reproducible; the sum of `max_examples` below is 2 200 updates.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    InaccessibleMessage,
    Message,
    Update,
    User,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import App, build_bot
from bot.local_session import BOT_USER, LocalTelegram, Shown
from tests.update_strategies import (
    ANNA,
    CALLBACK_DATA,
    CONTENT,
    GROUP,
    GROUP_MESSAGES,
    PEOPLE,
    TARGETS,
    US,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

APOLOGY = "при обработке запроса произошла ошибка"
PROPERTIES = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Records(logging.Handler):
    """Everything the errors handler logs: any record means an update reached it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Outcome:
    result: Any
    requests: list[TelegramMethod[Any]]
    shown: list[Shown]  # what the person saw (a failed edit is a request, not shown)

    @property
    def methods(self) -> list[str]:
        """What the bot asked Telegram to do, but its `getMe` (cached after the first)."""
        return [r.__api_method__ for r in self.requests if r.__api_method__ != "getMe"]

    @property
    def sent_to(self) -> list[int | str]:
        return [r.chat_id for r in self.requests if isinstance(r, SendMessage)]

    def answers(self, query_id: str) -> int:
        return sum(
            isinstance(r, AnswerCallbackQuery) and r.callback_query_id == query_id
            for r in self.requests
        )


class Desk:
    """The shared app, one recording session, and a watch on the errors handler."""

    def __init__(self, app: App, session: LocalTelegram, records: Records) -> None:
        self.app, self.session, self.errors = app, session, records
        self.bot = build_bot(app.settings, session=session)
        self.ids = itertools.count(1)

    def __repr__(self) -> str:  # hypothesis prints it with every falsifying example
        return "Desk()"

    async def feed(self, **fields: Any) -> Outcome:
        requests, shown = len(self.session.requests), len(self.session.shown)
        failures = len(self.errors.records)
        result = await self.app.dispatcher.feed_update(
            self.bot, Update(update_id=next(self.ids), **fields)
        )
        reached = self.errors.records[failures:]
        assert not reached, [record.getMessage() for record in reached]
        outcome = Outcome(result, self.session.requests[requests:], self.session.shown[shown:])
        assert not any(isinstance(r, SendMessage) and APOLOGY in r.text for r in outcome.requests)
        return outcome

    def message(self, chat: Chat, user: User | None, **fields: Any) -> Message:
        self.session.chats[chat.id] = chat
        return Message(
            message_id=next(self.ids), date=datetime.now(UTC), chat=chat, from_user=user, **fields
        )

    def bots_message(self, chat: Chat) -> Message:
        return self.message(chat, BOT_USER, text="Москва и регионы-партнёры")


@pytest.fixture(scope="module")
def desk(shared_app: App) -> Iterator[Desk]:
    session = LocalTelegram()
    records = Records()
    watched = logging.getLogger("bot.handlers.errors")
    level = watched.level
    watched.setLevel(logging.DEBUG)
    watched.addHandler(records)
    try:
        yield Desk(shared_app, session, records)
    finally:
        watched.removeHandler(records)
        watched.setLevel(level)


def private(user: User) -> Chat:
    return Chat(id=user.id, type="private", first_name=user.first_name)


@settings(PROPERTIES, max_examples=900)
@given(user=PEOPLE, content=CONTENT, anonymous=st.booleans())
@example(user=ANNA, content={"text": "\x00"}, anonymous=False)
@example(user=ANNA, content={"text": "\u200f"}, anonymous=True)  # found: no sender, no state
async def test_every_private_message_gets_exactly_one_reply(
    desk: Desk, user: User, content: dict[str, Any], anonymous: bool
) -> None:
    chat = private(user)
    sender = None if anonymous else user  # `from` is optional in the Bot API
    outcome = await desk.feed(message=desk.message(chat, sender, **content))
    assert outcome.result is not UNHANDLED
    assert outcome.sent_to == [chat.id]
    assert outcome.methods == ["sendMessage"]


@settings(PROPERTIES, max_examples=200)
@given(user=PEOPLE, content=CONTENT, where=st.sampled_from(["edited", "group edited", "channel"]))
async def test_edited_messages_and_channel_posts_are_ignored(
    desk: Desk, user: User, content: dict[str, Any], where: str
) -> None:
    if where == "channel":
        channel = Chat(id=-1009, type="channel", title="Канал")
        outcome = await desk.feed(channel_post=desk.message(channel, None, **content))
    else:
        chat = private(user) if where == "edited" else GROUP
        outcome = await desk.feed(edited_message=desk.message(chat, user, edit_date=1, **content))
    assert outcome.result is UNHANDLED
    assert outcome.methods == []


@settings(PROPERTIES, max_examples=600)
@given(user=PEOPLE, data=CALLBACK_DATA, target=TARGETS)
@example(user=ANNA, data="src::mars:q", target="inline")
@example(user=ANNA, data="nav:" + "9" * 60, target="inaccessible")
async def test_every_callback_query_is_answered_exactly_once(
    desk: Desk, user: User, data: str | None, target: str
) -> None:
    query_id = f"q{next(desk.ids)}"
    message: Message | InaccessibleMessage | None = None
    if target == "inaccessible":
        message = InaccessibleMessage(chat=private(user), message_id=next(desk.ids), date=0)
    elif target != "inline":
        message = desk.bots_message(GROUP if target == "group" else private(user))
        if target != "unknown":
            desk.session.messages[(message.chat.id, message.message_id)] = message
    query = CallbackQuery(
        id=query_id,
        from_user=user,
        chat_instance="ci",
        message=message,
        inline_message_id="inline" if message is None else None,
        data=data,
    )
    outcome = await desk.feed(callback_query=query)
    assert outcome.result is not UNHANDLED
    assert outcome.answers(query_id) == 1
    seen = [s.kind for s in outcome.shown if s.kind != "answer"]
    assert seen in ([], ["send"], ["edit"])
    home = message.chat.id if message is not None else user.id
    assert set(outcome.sent_to) <= {home}


@settings(PROPERTIES, max_examples=500)
@given(
    user=PEOPLE,
    case=GROUP_MESSAGES,
    kind=st.sampled_from(["group", "supergroup"]),
    anonymous=st.booleans(),
)
@example(user=ANNA, case=(True, ({"text": f"@{US}"}, None)), kind="group", anonymous=False)
@example(  # found: a mention from no sender (the question handler had no FSM state)
    user=ANNA, case=(True, ({"text": f"@{US}\u200f"}, None)), kind="group", anonymous=True
)
@example(
    user=ANNA, case=(False, ({"text": "/start@otherbot"}, "bot")), kind="group", anonymous=False
)
async def test_group_messages_follow_the_group_rules(
    desk: Desk,
    user: User,
    case: tuple[bool, tuple[dict[str, Any], str | None]],
    kind: str,
    anonymous: bool,
) -> None:
    addressed, (content, reply_to) = case
    chat = Chat(id=GROUP.id, type=kind, title=GROUP.title)
    if reply_to is not None:
        author = BOT_USER if reply_to == "bot" else User(id=5, is_bot=False, first_name="Пётр")
        content = {**content, "reply_to_message": desk.message(chat, author, text="…")}
    sender = None if anonymous else user
    outcome = await desk.feed(message=desk.message(chat, sender, **content))
    if addressed:
        assert outcome.result is not UNHANDLED
        assert outcome.sent_to == [chat.id]
        assert outcome.methods == ["sendMessage"]
    else:
        assert outcome.result is UNHANDLED
        assert outcome.methods == []
