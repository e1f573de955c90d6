"""Telegram errors and failures inside handlers: handled, logged once, never lost."""

from __future__ import annotations

import logging
import re

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage

from bot.local_session import LocalChat
from bot.logs import RedactFilter
from bot.ui import menus, views
from bot.ui.widgets import Screen

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def broken(*args: object) -> Screen:
    raise RuntimeError("boom")


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_handler_failure_apologises_and_logs_once(
    chat: LocalChat, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "region_card", broken)
    await chat.send("/start")
    shown = await chat.click("Пензенская область")
    assert [s.kind for s in shown] == ["send"]
    assert shown[0].plain.startswith("Извините, при обработке запроса произошла ошибка.")
    assert shown[0].button_texts[:3] == ["Республика Алтай", "Пензенская область", "ХМАО — Югра"]
    logged = errors(caplog)
    assert len(logged) == 1
    assert re.fullmatch(r"update \d+ failed: RuntimeError: boom", logged[0].getMessage())
    assert len(chat.session.answered_queries) == 1  # the spinner stopped all the same
    after = await chat.send("/start")  # the bot goes on
    assert after[0].plain.startswith("Москва и регионы-партнёры")


async def test_not_modified_is_expected(chat: LocalChat, caplog: pytest.LogCaptureFixture) -> None:
    await chat.send("/start")
    await chat.click("📊 По сферам")
    menu = chat.last_message()
    for _ in range(3):
        assert await chat.press("nav:sectors:h", menu) == []
    assert errors(caplog) == []


async def test_query_too_old_is_expected(chat: LocalChat, caplog: pytest.LogCaptureFixture) -> None:
    await chat.send("/start")
    chat.session.fail_next(
        AnswerCallbackQuery, TelegramBadRequest(AnswerCallbackQuery(callback_query_id="x"), TOO_OLD)
    )
    shown = await chat.click("ХМАО — Югра")
    assert [s.kind for s in shown] == ["edit"]  # the card is still shown
    assert errors(caplog) == []


async def test_blocked_by_user_is_logged_quietly(
    chat: LocalChat, caplog: pytest.LogCaptureFixture
) -> None:
    method = SendMessage(chat_id=42, text="x")
    chat.session.fail_next(
        SendMessage, TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
    )
    with caplog.at_level(logging.INFO):
        shown = await chat.send("/start")
    assert shown == []
    assert errors(caplog) == []
    assert any("blocked the bot" in r.getMessage() for r in caplog.records)


async def test_flood_limit_is_waited_out(chat: LocalChat) -> None:
    method = SendMessage(chat_id=42, text="x")
    chat.session.fail_next(
        SendMessage, TelegramRetryAfter(method, "Too Many Requests: retry after 0", retry_after=0)
    )
    shown = await chat.send("/about")
    assert [s.kind for s in shown] == ["send"]
    sends = [r for r in chat.session.requests if isinstance(r, SendMessage)]
    assert len(sends) == 2


async def test_network_error_is_retried(chat: LocalChat) -> None:
    await chat.send("/start")
    method = EditMessageText(text="x")
    chat.session.fail_next(EditMessageText, TelegramNetworkError(method, "connection reset"))
    shown = await chat.click("Республика Алтай")
    assert [s.kind for s in shown] == ["edit"]
    assert shown[0].plain.startswith("Республика Алтай\n")


async def test_apology_failing_too_is_swallowed(
    chat: LocalChat, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(menus, "region_picker", broken)
    method = SendMessage(chat_id=42, text="x")
    chat.session.fail_next(SendMessage, TelegramForbiddenError(method, "Forbidden: blocked"))
    shown = await chat.send("/region")
    assert shown == []
    assert len(errors(caplog)) == 1


def test_token_is_redacted_from_log_records() -> None:
    token = "123456:AAH-secret-token"
    record = logging.LogRecord(
        "aiogram", logging.ERROR, __file__, 1, "url https://x/bot%s/getMe failed", (token,), None
    )
    RedactFilter([token]).filter(record)
    assert token not in record.getMessage()
    assert "bot***/getMe" in record.getMessage()
    try:
        raise ValueError(f"bad token {token}")
    except ValueError:
        import sys

        with_exc = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )
    RedactFilter([token]).filter(with_exc)
    assert token not in logging.Formatter().format(with_exc)
