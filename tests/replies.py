"""Print the bot's replies to a file of messages, as a person would read them.

`python -m tests.replies FILE`: FILE holds messages one a line; a blank line starts a new
chat, so the lines of one block are a conversation (follow-ups read the line before).
Lines starting with «#» are skipped. Each reply is printed as its text and its buttons,
through the real dispatcher, against a fresh database in a temporary folder.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from aiogram.types import User

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram


def conversations(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif not line.startswith("#"):
            blocks[-1].append(line)
    return [block for block in blocks if block]


async def main(chats: list[list[str]]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None, database_path=Path(folder) / "replies.sqlite3", throttle_burst=0
        )
        app = await create_app(settings)
        try:
            for number, messages in enumerate(chats, start=1):
                session = LocalTelegram()
                user = User(id=50_000 + number, is_bot=False, first_name="R", language_code="ru")
                bot = build_bot(app.settings, session=session)
                chat = LocalChat(app.dispatcher, bot, session, user=user)
                for message in messages:
                    print(f"» {message}")
                    for shown in await chat.send(message):
                        print(shown.plain)
                        buttons = " | ".join(shown.button_texts)
                        if buttons:
                            print(f"[{buttons}]")
                    print()
                print("-" * 40)
        finally:
            await app.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python -m tests.replies FILE", file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(conversations(Path(sys.argv[1]).read_text(encoding="utf-8")))))
