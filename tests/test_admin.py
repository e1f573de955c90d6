"""Admin commands check ADMIN_IDS; /reload swaps the content only when the file is valid."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from aiogram.methods import SetMyCommands, SetMyDescription

from bot.app import App, build_bot, create_app, register_commands
from bot.config import DEFAULT_CONTENT, Settings
from bot.local_session import LocalChat, LocalTelegram
from bot.services.content import ContentService
from db.database import Database
from db.repository import ContentRepository


async def test_reload_by_admin_picks_up_an_edited_file(
    admin_chat: LocalChat, settings: Settings, tmp_path: Path
) -> None:
    content_file = tmp_path / "content.toml"
    shutil.copy(DEFAULT_CONTENT, content_file)
    settings.content_path = content_file
    chat = admin_chat
    edited = content_file.read_text(encoding="utf-8").replace(
        'title = "Медицина"', 'title = "Здравоохранение"'
    )
    content_file.write_text(edited, encoding="utf-8")
    shown = await chat.send("/reload")
    assert shown[0].plain == "Содержание обновлено: 25 фактов."
    menu = await chat.send("/region пенза")
    assert "🏥 Здравоохранение" in menu[0].button_texts


async def test_reload_with_a_broken_file_keeps_the_content(
    admin_chat: LocalChat, settings: Settings, tmp_path: Path
) -> None:
    content_file = tmp_path / "content.toml"
    broken = DEFAULT_CONTENT.read_text(encoding="utf-8").replace(
        "paragraph = 16", 'paragraph = "x"'
    )
    content_file.write_text(broken, encoding="utf-8")
    settings.content_path = content_file
    chat = admin_chat
    shown = await chat.send("/reload")
    assert shown[0].plain.startswith(
        "В файле содержания есть ошибки; прежнее содержание сохранено."
    )
    assert "(id=penza-medicine-patients).paragraph" in shown[0].plain
    card = await chat.send("/region пенза")
    assert "7 800" in card[0].plain


async def test_reload_is_not_for_everyone(chat: LocalChat) -> None:
    shown = await chat.send("/reload")
    assert "Команды /reload нет." in shown[0].plain


async def test_commands_and_description_are_registered_in_russian(app: App) -> None:
    session = LocalTelegram()
    bot = build_bot(app.settings, session=session)
    await register_commands(bot, app.i18n)
    commands = [r for r in session.requests if isinstance(r, SetMyCommands)]
    assert {c.language_code for c in commands} == {None, "ru"}
    described = {c.command: c.description for c in commands[0].commands}
    assert described == {
        "start": "Главное меню",
        "region": "Регион-партнёр: /region пенза",
        "about": "О соглашениях",
        "help": "Как пользоваться ботом",
        "privacy": "Какие данные хранит бот",
    }
    descriptions = [r for r in session.requests if isinstance(r, SetMyDescription)]
    assert descriptions and "Пензенской областью" in (descriptions[0].description or "")


async def test_content_loaded_by_another_process_reaches_the_menus(
    settings: Settings, tmp_path: Path
) -> None:
    settings.content_check_seconds = 0.01
    app = await create_app(settings)
    watcher = app.dispatcher["content_watcher"]
    await watcher.start()  # as the dispatcher's startup does
    try:
        edited = tmp_path / "content.toml"
        edited.write_text(
            DEFAULT_CONTENT.read_text(encoding="utf-8").replace(
                'title = "Спорт"', 'title = "Спорт и физкультура"'
            ),
            encoding="utf-8",
        )
        other = await Database.open(settings.database_path)  # what `load-content` does
        try:
            assert await ContentService(ContentRepository(other)).sync_with_file(edited)
        finally:
            await other.close()
        before = app.content.catalog
        async with asyncio.timeout(10):  # picked up in the background, no update needed
            while app.content.catalog is before:  # noqa: ASYNC110 (no event to wait on)
                await asyncio.sleep(0.01)
        session = LocalTelegram()
        chat = LocalChat(app.dispatcher, build_bot(settings, session=session), session)
        [card] = await chat.send("/region пенза")
        assert "⚽ Спорт и физкультура" in card.button_texts
    finally:
        await watcher.stop()
        await app.close()
