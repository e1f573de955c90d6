"""An in-process stand-in for the Bot API, and a chat that talks to the real dispatcher.

`LocalTelegram` is a bot session that never touches the network: it keeps the messages of
each chat, checks what Telegram would check (HTML entities, 4 096 characters, identical
edits, double answers to a callback query) and reports every shown message. The console
chat prints those reports; the tests assert on them. `LocalChat` plays the person: it turns
typed text and button taps into real `Update` objects fed to the dispatcher.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any, Literal

from aiogram import Bot, Dispatcher
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
    User,
)

MESSAGE_LIMIT = 4096
INLINE_RESULTS_LIMIT = 50
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "blockquote",
    "span",
}
_SILENT_METHODS = {
    "setMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "deleteWebhook",
    "sendChatAction",
    "deleteMessage",
}
BOT_USER = User(id=1, is_bot=True, first_name="Moscow regions", username="moscow_regions_bot")
_ENTITIES = re.compile(
    r"(?P<bot_command>^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?)"
    r"|(?P<mention>(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32})"
)


def _bad_request(method: TelegramMethod[Any], message: str) -> TelegramBadRequest:
    return TelegramBadRequest(method=method, message=f"Bad Request: {message}")


class _EntityChecker(HTMLParser):
    """Parses Telegram HTML the strict way Telegram does and keeps the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.error = self.error or f'unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f'unexpected end tag "{tag}"'
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def entities_of(text: str) -> list[MessageEntity] | None:
    """The command and mentions Telegram marks in a typed text (offsets in UTF-16 units)."""

    def units(part: str) -> int:
        return len(part.encode("utf-16-le")) // 2

    return [
        MessageEntity(type=str(m.lastgroup), offset=units(text[: m.start()]), length=units(m[0]))
        for m in _ENTITIES.finditer(text)
    ] or None


def visible_text(text: str, parse_mode: str | None) -> str:
    """What the person sees; raises ValueError where Telegram answers «can't parse entities»."""
    if parse_mode != ParseMode.HTML:
        return text
    checker = _EntityChecker()
    checker.feed(text)
    checker.close()
    if checker.error is None and checker.stack:
        checker.error = f'can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
    if checker.error is not None:
        raise ValueError(checker.error)
    return "".join(checker.parts)


@dataclass
class Shown:
    """One thing the person saw: a new message, an edited one, or a callback notification."""

    kind: Literal["send", "edit", "answer"]
    chat_id: int
    text: str
    html: str = ""
    message_id: int | None = None
    markup: InlineKeyboardMarkup | None = None
    show_alert: bool = False

    @property
    def buttons(self) -> list[list[InlineKeyboardButton]]:
        return self.markup.inline_keyboard if self.markup else []

    @property
    def button_texts(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]

    @property
    def plain(self) -> str:
        """The text with no-break spaces read as spaces: what a test compares words with."""
        return self.text.replace("\u00a0", " ").replace("\u202f", " ")


@dataclass(eq=False)
class LocalTelegram(BaseSession):
    on_shown: Callable[[Shown], None] | None = None
    requests: list[TelegramMethod[Any]] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)
    messages: dict[tuple[int, int], Message] = field(default_factory=dict)
    answered_queries: set[str] = field(default_factory=set)
    inline_answers: list[AnswerInlineQuery] = field(default_factory=list)
    chats: dict[int, Chat] = field(
        default_factory=dict
    )  # where people spoke: the type of the bot's chats
    _failures: dict[type[TelegramMethod[Any]], list[TelegramAPIError]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        BaseSession.__init__(self)

    def fail_next(self, method: type[TelegramMethod[Any]], error: TelegramAPIError) -> None:
        """Make the next call of `method` fail the way Telegram would."""
        self._failures.setdefault(method, []).append(error)

    def next_message_id(self) -> int:
        return next(self._ids)

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("the local session has no files")
        yield b""  # pragma: no cover

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> TelegramType:
        self.requests.append(method)
        failures = self._failures.get(type(method))
        if failures:
            raise failures.pop(0)
        result: Any
        if isinstance(method, GetMe):
            result = BOT_USER
        elif isinstance(method, SendMessage):
            result = self._send(bot, method)
        elif isinstance(method, EditMessageText):
            result = self._edit(bot, method)
        elif isinstance(method, AnswerCallbackQuery):
            result = self._answer(method)
        elif isinstance(method, AnswerInlineQuery):
            result = self._answer_inline(bot, method)
        elif method.__api_method__ in _SILENT_METHODS:
            result = True
        else:
            raise _bad_request(method, f"method {method.__api_method__} is not emulated")
        return result  # type: ignore[no-any-return]

    def _render(self, bot: Bot, method: SendMessage | EditMessageText) -> tuple[str, str]:
        parse_mode = method.parse_mode
        if isinstance(parse_mode, Default):
            parse_mode = bot.default[parse_mode.name]
        text = method.text or ""
        if not text.strip():
            raise _bad_request(method, "message text is empty")
        try:
            plain = visible_text(text, parse_mode)
        except ValueError as exc:
            raise _bad_request(method, f"can't parse entities: {exc}") from None
        if len(plain) > MESSAGE_LIMIT:
            raise _bad_request(method, "message is too long")
        return text, plain

    def _report(self, shown: Shown) -> None:
        self.shown.append(shown)
        if self.on_shown is not None:
            self.on_shown(shown)

    def _send(self, bot: Bot, method: SendMessage) -> Message:
        html, plain = self._render(bot, method)
        chat_id = int(method.chat_id)
        markup = (
            method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        )
        message = Message(
            message_id=self.next_message_id(),
            date=datetime.now(UTC),
            chat=self.chats.get(chat_id) or Chat(id=chat_id, type="private"),
            from_user=BOT_USER,
            text=plain,
            reply_markup=markup,
        ).as_(bot)
        self.messages[(chat_id, message.message_id)] = message
        self._report(Shown("send", chat_id, plain, html, message.message_id, markup))
        return message

    def _edit(self, bot: Bot, method: EditMessageText) -> Message:
        html, plain = self._render(bot, method)
        key = (int(method.chat_id or 0), int(method.message_id or 0))
        old = self.messages.get(key)
        if old is None:
            raise _bad_request(method, "message to edit not found")
        if old.text == plain and old.reply_markup == method.reply_markup:
            raise _bad_request(
                method,
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message",
            )
        message = old.model_copy(update={"text": plain, "reply_markup": method.reply_markup})
        message = message.as_(bot)
        self.messages[key] = message
        self._report(Shown("edit", key[0], plain, html, key[1], method.reply_markup))
        return message

    def _answer(self, method: AnswerCallbackQuery) -> bool:
        if method.callback_query_id in self.answered_queries:
            raise _bad_request(
                method, "query is too old and response timeout expired or query ID is invalid"
            )
        self.answered_queries.add(method.callback_query_id)
        if method.text:
            self._report(
                Shown("answer", 0, method.text, method.text, show_alert=bool(method.show_alert))
            )
        return True

    def _answer_inline(self, bot: Bot, method: AnswerInlineQuery) -> bool:
        """What Telegram checks of inline results: once per query, at most 50, unique ids of
        1–64 bytes, message texts that parse and fit."""
        if method.inline_query_id in self.answered_queries:
            raise _bad_request(method, "query is too old and response timeout expired")
        self.answered_queries.add(method.inline_query_id)
        ids = [result.id for result in method.results]
        if len(ids) > INLINE_RESULTS_LIMIT:
            raise _bad_request(method, "RESULTS_TOO_MUCH")
        if len(set(ids)) != len(ids) or not all(0 < len(i.encode()) <= 64 for i in ids):
            raise _bad_request(method, "RESULT_ID_INVALID")
        for result in method.results:
            content = getattr(result, "input_message_content", None)
            if not isinstance(content, InputTextMessageContent):
                continue
            parse_mode = content.parse_mode
            if isinstance(parse_mode, Default):
                parse_mode = bot.default[parse_mode.name]
            try:
                plain = visible_text(content.message_text, parse_mode)
            except ValueError as exc:
                raise _bad_request(method, f"can't parse entities: {exc}") from None
            if not plain.strip() or len(plain) > MESSAGE_LIMIT:
                raise _bad_request(method, "MESSAGE_TOO_LONG")
        self.inline_answers.append(method)
        return True


@dataclass(eq=False)
class LocalChat:
    """A person in a private chat with the bot (or, with `room`, in a group), driving the
    real dispatcher."""

    dispatcher: Dispatcher
    bot: Bot
    session: LocalTelegram
    user: User = field(
        default_factory=lambda: User(id=42, is_bot=False, first_name="Anna", language_code="ru")
    )
    room: Chat | None = None
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def chat(self) -> Chat:
        if self.room is not None:
            return self.room
        return Chat(id=self.user.id, type="private", first_name=self.user.first_name)

    def in_group(
        self, chat_id: int = -1001, kind: Literal["group", "supergroup"] = "supergroup"
    ) -> LocalChat:
        """The same person, bot and session, speaking in a group chat."""
        room = Chat(id=chat_id, type=kind, title=f"Group {chat_id}")
        return LocalChat(self.dispatcher, self.bot, self.session, self.user, room, self._update_ids)

    def message(self, **fields: Any) -> Message:
        """A message from the person; `fields` add text, sticker, photo, reply_to_message
        and so on. Commands and mentions in a text or caption get their entities."""
        self.session.chats[self.chat.id] = self.chat
        for text, entities in (("text", "entities"), ("caption", "caption_entities")):
            if isinstance(fields.get(text), str) and entities not in fields:
                fields[entities] = entities_of(fields[text])
        return Message(
            message_id=self.session.next_message_id(),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            **fields,
        )

    async def feed(self, update: Update) -> list[Shown]:
        before = len(self.session.shown)
        await self.dispatcher.feed_update(self.bot, update)
        return self.session.shown[before:]

    async def send(self, text: str | None = None, **fields: Any) -> list[Shown]:
        """Type a message (or send a sticker, photo, … given as `fields`)."""
        if text is not None:
            fields["text"] = text
        return await self.feed(
            Update(update_id=next(self._update_ids), message=self.message(**fields))
        )

    async def press(self, data: str, message: Message | None = None) -> list[Shown]:
        """Tap a button with this callback data on `message` (default: the last bot message)."""
        target = message or self.last_message()
        query = CallbackQuery(
            id=f"q{next(self._update_ids)}",
            from_user=self.user,
            chat_instance="local",
            message=target,
            data=data,
        )
        return await self.feed(Update(update_id=next(self._update_ids), callback_query=query))

    async def click(self, label: str, message: Message | None = None) -> list[Shown]:
        """Tap the button whose text is `label` (or starts with it) on the last bot message."""
        target = message or self.last_message()
        buttons = [
            b
            for row in (target.reply_markup.inline_keyboard if target.reply_markup else [])
            for b in row
        ]
        for button in buttons:
            if button.text == label or button.text.startswith(label):
                if button.callback_data is None:
                    raise LookupError(f"button {button.text!r} has no callback data")
                return await self.press(button.callback_data, target)
        raise LookupError(f"no button {label!r}; buttons: {[b.text for b in buttons]}")

    async def inline(self, query: str) -> AnswerInlineQuery | None:
        """Type `@<bot> query` in some chat: the bot's answer to the inline query, if any."""
        before = len(self.session.inline_answers)
        update_id = next(self._update_ids)
        event = InlineQuery(id=f"i{update_id}", from_user=self.user, query=query, offset="")
        await self.dispatcher.feed_update(self.bot, Update(update_id=update_id, inline_query=event))
        answers = self.session.inline_answers[before:]
        return answers[-1] if answers else None

    def last_message(self) -> Message:
        """The newest message of the bot in this chat, as it is now (after edits)."""
        ids = [mid for (chat, mid) in self.session.messages if chat == self.chat.id]
        if not ids:
            raise LookupError("the bot has not sent anything yet")
        return self.session.messages[(self.chat.id, max(ids))]
