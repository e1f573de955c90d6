"""Anything unexpected gets a short polite answer with the main menu, never a crash."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram.types import (
    PhotoSize,
)

from bot.local_session import LocalChat, Shown
from tests.update_strategies import MEDIA_SAMPLES

MAIN_MENU = ["Республика Алтай", "Пензенская область", "ХМАО — Югра"]


def assert_polite_with_menu(shown: list[Shown], phrase: str) -> None:
    assert [s.kind for s in shown] == ["send"]
    assert phrase in shown[0].plain
    assert "Выберите раздел в меню:" in shown[0].plain
    assert shown[0].button_texts[:3] == MAIN_MENU


async def test_nonsense_text_gets_examples_and_menu(chat: LocalChat) -> None:
    shown = await chat.send("фывапролд жэ")
    assert_polite_with_menu(shown, "Я не понял вопрос.")
    assert "• Сколько пензенцев лечились в Москве?" in shown[0].plain


async def test_unknown_command_is_named_escaped(chat: LocalChat) -> None:
    shown = await chat.send("/weather@moscow_regions_bot <script>")
    assert_polite_with_menu(shown, "Команды /weather нет.")
    admin = await chat.send("/reload")  # not an admin: the command does not exist for them
    assert_polite_with_menu(admin, "Команды /reload нет.")


async def test_html_in_text_is_not_interpreted(chat: LocalChat) -> None:
    shown = await chat.send("/<b>bold</b>&amp;")
    assert "/<b>bold</b>&amp;" in shown[0].plain
    assert "&lt;b&gt;" in shown[0].html


async def test_huge_message(chat: LocalChat) -> None:
    shown = await chat.send("пенза " * 800)
    assert shown[0].plain.startswith("Пензенская область и Москва сотрудничают в сферах торговли")
    noise = await chat.send("ы" * 4096)
    assert_polite_with_menu(noise, "Я не понял вопрос.")
    huge_command = await chat.send("/" + "x" * 4000)
    assert len(huge_command[0].plain) < 600
    huge_region = await chat.send("/region " + "марс" * 1000)
    assert len(huge_region[0].plain) < 600


@pytest.mark.parametrize("fields", MEDIA_SAMPLES)
async def test_non_text_messages(chat: LocalChat, fields: dict[str, Any]) -> None:
    shown = await chat.send(**fields)
    assert_polite_with_menu(shown, "Я понимаю только текстовые сообщения и кнопки")


async def test_caption_command_works_like_a_command(chat: LocalChat) -> None:
    photo = [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]
    shown = await chat.send(photo=photo, caption="/region пенза")
    assert shown[0].plain.startswith("Пензенская область\n")


@pytest.mark.parametrize(
    "data",
    [
        "reg:mars:",  # a region that does not exist
        "reg:penza:astronomy",  # a sector that does not exist
        "reg:altai:sport",  # a sector without facts in that region
        "sec:nothing",
        "src:medicine:mars",
        "src:sport:altai",
        "nav:nowhere",
        "garbage",
        "",
        "reg",
        "x" * 64,
        "reg:penza:medicine:extra:parts",
    ],
)
async def test_forged_or_stale_buttons_get_notice_and_fresh_menu(
    chat: LocalChat, data: str
) -> None:
    await chat.send("/region пенза")
    shown = await chat.press(data)
    kinds = [s.kind for s in shown]
    assert kinds == ["edit", "answer"], kinds
    assert shown[0].plain.startswith("Москва и регионы-партнёры")
    assert shown[1].plain == "Эта кнопка устарела. Открыто актуальное меню."


async def test_button_on_a_message_that_cannot_be_edited(chat: LocalChat) -> None:
    await chat.send("/start")
    old = chat.last_message()
    chat.session.messages.clear()  # Telegram no longer has the message (deleted, too old)
    shown = await chat.press("reg:hmao::", old)
    assert [s.kind for s in shown] == ["send"]
    assert shown[0].plain.startswith("Ханты-Мансийский автономный округ — Югра")


async def test_button_on_an_inaccessible_message(chat: LocalChat) -> None:
    from aiogram.types import InaccessibleMessage

    await chat.send("/start")
    old = InaccessibleMessage(chat=chat.chat, message_id=1)
    shown = await chat.press("sec:medicine:", old)  # type: ignore[arg-type]
    assert [s.kind for s in shown] == ["send"]
    assert shown[0].plain.startswith("🏥 Медицина: регионы-партнёры")


async def test_edited_messages_and_other_updates_are_ignored(chat: LocalChat) -> None:
    from aiogram.types import Update

    edited = chat.message(text="/start")
    shown = await chat.feed(Update(update_id=999, edited_message=edited))
    assert shown == []
