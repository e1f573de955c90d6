"""In a group the bot speaks only when spoken to.

Telegram hands a bot every command sent in a group (and every message where the bot is an
administrator or has privacy mode off). There the bot takes only:

- a command addressed to it: `/cmd@<our username>`, or one of its public commands without
  a mention (`/start`), never `/cmd@otherbot` nor another bot's `/cmd`;
- a message that mentions `@<our username>` anywhere; the mention is dropped before the
  text is read (a bare mention opens the main menu, as `/start` does);
- a reply to one of its own messages.

Everything else in a group, and any message in a chat that is neither private nor a group,
is left unhandled without a word (no answer, no unanswered-log entry). Private chats pass as
they are; buttons are callback queries and are not affected.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.enums import ChatType
from aiogram.types import Message, TelegramObject, User

from bot.handlers import PUBLIC_COMMANDS

GROUPS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})
BARE_MENTION = "/start"  # what a message that is only our mention is read as
_USERNAME_CHAR = "A-Za-z0-9_"


class GroupAddressing(BaseMiddleware):
    """An outer middleware of `dispatcher.message`: group messages not addressed to the bot
    never reach a filter or a handler."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Message) or event.chat.type == ChatType.PRIVATE:
            return await handler(event, data)
        if event.chat.type not in GROUPS:
            return UNHANDLED
        bot: Bot = data["bot"]
        addressed = addressed_to(event, await bot.me())
        if addressed is None:
            return UNHANDLED
        return await handler(addressed.as_(bot), data)


def addressed_to(message: Message, me: User) -> Message | None:
    """The group message as the bot should read it, or None when it is meant for others."""
    text = message.text if message.text is not None else message.caption
    if text is not None and text.startswith("/"):
        name, mention = command_parts(text)
        if mention:
            return message if _is_me(mention, me) else None
        return message if name.lower() in PUBLIC_COMMANDS else None
    if text is not None and me.username:
        rest = strip_mention(text, me.username)
        if rest != text:
            return _with_text(message, rest)
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == me.id:
        return message
    return None


def command_parts(text: str) -> tuple[str, str]:
    """`cmd` and `bot` of `/cmd@bot args` (`bot` is "" without a mention), split the way
    aiogram's Command filter does."""
    first = text.split(maxsplit=1)[0] if text.strip() else text
    name, _, mention = first[1:].partition("@")
    return name, mention


def strip_mention(text: str, username: str) -> str:
    """The text without `@username` (any case) and a comma or colon right after it."""
    pattern = rf"(?<![{_USERNAME_CHAR}])@{re.escape(username)}(?![{_USERNAME_CHAR}])[,:]?"
    rest, found = re.subn(pattern, " ", text, flags=re.IGNORECASE | re.ASCII)
    return " ".join(rest.split()) if found else text


def _is_me(mention: str, me: User) -> bool:
    return me.username is not None and mention.lower() == me.username.lower()


def _with_text(message: Message, rest: str) -> Message:
    if message.text is not None:
        return message.model_copy(update={"text": rest or BARE_MENTION, "entities": None})
    return message.model_copy(update={"caption": rest or None, "caption_entities": None})
