"""`python -m bot console`: the real dispatcher in a terminal, without network or token.

The bot's messages are printed with their inline keyboards, buttons numbered; the person
types text, a command or a button number. An edited message is drawn again, marked as such.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from html import unescape
from typing import TextIO

from aiogram.utils.i18n import gettext as _

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram, Shown

ReadLine = Callable[[], Awaitable[str | None]]
RULE = "─" * 40


_STYLES = {"b": "\x1b[1m", "strong": "\x1b[1m", "i": "\x1b[3m", "em": "\x1b[3m"}
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")


def terminal_text(html: str) -> str:
    """Telegram HTML for a terminal: bold and italics as ANSI styles, other tags dropped."""

    def style(match: re.Match[str]) -> str:
        closing, tag = match.groups()
        if tag not in _STYLES:
            return ""
        return "\x1b[0m" if closing else _STYLES[tag]

    return unescape(_TAG.sub(style, html))


class ConsoleView:
    """Draws what the bot shows; remembers the buttons of the last drawn message."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.styled = out.isatty()
        self.buttons: list[str] = []  # callback data, in the order of their numbers
        self.message_id: int | None = None

    def draw(self, shown: Shown) -> None:
        if shown.kind == "answer":
            self.out.write(f"  [{shown.text}]\n")
            return
        header = _("bot (edited message):") if shown.kind == "edit" else _("bot:")
        lines = [RULE, header, terminal_text(shown.html) if self.styled else shown.text]
        self.buttons, self.message_id = [], shown.message_id
        for row in shown.buttons:
            cells = []
            for button in row:
                if button.url:  # «Поделиться»: a t.me link, which a terminal cannot follow
                    continue
                self.buttons.append(button.callback_data or "")
                cells.append(f"[{len(self.buttons)}] {button.text}")
            lines.append("   ".join(cells))
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()


async def chat_loop(chat: LocalChat, view: ConsoleView, read_line: ReadLine, out: TextIO) -> None:
    out.write(
        _(
            "Console chat with the bot. Type text or a command, a number taps a button; "
            "an empty line or Ctrl+D ends."
        )
        + "\n"
    )
    await chat.send("/start")
    while True:
        out.write("> ")
        out.flush()
        line = await read_line()
        if line is None or not line.strip():
            out.write("\n")
            return
        line = line.strip()
        if line.isdigit() and view.buttons:
            number = int(line)
            if 1 <= number <= len(view.buttons):
                message = chat.session.messages[(chat.user.id, view.message_id or 0)]
                await chat.press(view.buttons[number - 1], message)
                continue
            out.write(_("There is no button {number}.").format(number=number) + "\n")
            continue
        await chat.send(line)


async def run_console(
    settings: Settings, read_line: ReadLine | None = None, out: TextIO | None = None
) -> None:
    out = out or sys.stdout
    view = ConsoleView(out)
    app = await create_app(settings)
    session = LocalTelegram(on_shown=view.draw)
    bot = build_bot(settings.model_copy(update={"bot_token": None}), session=session)
    chat = LocalChat(app.dispatcher, bot, session)
    try:
        with app.i18n.context():
            await chat_loop(chat, view, read_line or _stdin_reader(), out)
    finally:
        await app.close()


def _stdin_reader() -> ReadLine:
    async def read_line() -> str | None:
        line = await asyncio.to_thread(sys.stdin.readline)
        return line if line else None

    return read_line
