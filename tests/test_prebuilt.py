"""Screens built once per content version and answers remembered: the same objects while
the content stays, built anew after a reload, and what the person sees unchanged."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from aiogram.utils.i18n import I18n

from bot.app import App
from bot.engine import ChatContext
from bot.engine.context import TTL_SECONDS
from bot.local_session import LocalChat
from bot.services.questions import QuestionDesk
from bot.ui import answers, replies, screens, views
from bot.ui.callbacks import Kind, Where
from bot.ui.respond import finish
from bot.ui.typography import NBSP

PENZA_PATIENTS = "Сколько человек из Пензы лечились в Москве?"


def addresses(app: App) -> list[Where]:
    catalog = app.content.catalog
    found = [Where(kind) for kind in (Kind.HOME, Kind.PICKER, Kind.SECTORS, Kind.ABOUT)]
    found += [Where(Kind.HELP), Where(Kind.SOURCE)]
    for region in catalog.regions:
        found += [Where(Kind.CARD, region), Where(Kind.SOURCE, region)]
        found += [Where(Kind.REGION_SECTOR, region, s.id) for s in catalog.sectors_of(region)]
    found += [Where(Kind.OVERVIEW, sector=s.id) for s in catalog.sectors_with_facts()]
    return found


async def test_screens_are_what_the_builders_give_typeset(app: App, i18n: I18n) -> None:
    catalog = app.content.catalog
    back = (Where(Kind.SECTORS),)
    for where in addresses(app):
        built = views.render(catalog, where, back, "moscow_regions_bot")
        assert built is not None, where
        kept = screens.screen(catalog, where, back, "moscow_regions_bot")
        assert kept == finish(built) and kept.final
    assert NBSP in screens.page(catalog, Where(Kind.CARD, "penza")).text


async def test_a_screen_is_built_once_per_content_version(app: App, i18n: I18n) -> None:
    card = Where(Kind.CARD, "penza")
    first = screens.page(app.content.catalog, card, "moscow_regions_bot")
    assert screens.page(app.content.catalog, card, "moscow_regions_bot") is first
    assert screens.page(app.content.catalog, card) is not first  # no «Поделиться» without it
    await app.content.refresh()  # a new catalog: everything is built again
    again = screens.page(app.content.catalog, card, "moscow_regions_bot")
    assert again is not first and again == first


async def test_a_screen_the_content_lacks_is_none(app: App, i18n: I18n) -> None:
    catalog = app.content.catalog
    assert screens.screen(catalog, Where(Kind.CARD, "atlantis")) is None
    assert screens.source_popup(catalog, "atlantis", "") is None
    popup = screens.source_popup(catalog, "penza", "")
    assert popup is not None and "Пензенск" in popup  # the region's source, built once:
    assert screens.source_popup(catalog, "penza", "") is popup
    with pytest.raises(LookupError):
        screens.page(catalog, Where(Kind.CARD, "atlantis"))


async def test_the_greeting_and_echoes_stay_as_they_were(chat: LocalChat) -> None:
    [greeting] = await chat.send("/start")
    [menu] = await chat.send("/start")
    assert greeting.plain == menu.plain and greeting.plain.startswith("Москва")
    [mars] = await chat.send("/region марсианская")
    [venus] = await chat.send("/region венерианская")
    assert "марсианская" in mars.plain and "венерианская" in venus.plain
    assert mars.buttons == venus.buttons


async def test_a_remembered_answer_is_forgotten_after_its_time(
    app: App, i18n: I18n, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question's text stays in memory at most `ANSWERS_KEPT_SECONDS` (/privacy says so)."""
    desk, catalog = QuestionDesk(app.content), app.content.catalog
    now = [0.0]
    monkeypatch.setattr(
        replies, "time", SimpleNamespace(time=lambda: 1000.0, monotonic=lambda: now[0])
    )
    first = replies.reply(desk, catalog, PENZA_PATIENTS, ChatContext())
    now[0] = replies.ANSWERS_KEPT_SECONDS - 1
    assert replies.reply(desk, catalog, PENZA_PATIENTS, ChatContext()).screen is first.screen
    now[0] = replies.ANSWERS_KEPT_SECONDS * 2
    again = replies.reply(desk, catalog, PENZA_PATIENTS, ChatContext())
    assert again.screen is not first.screen and again.screen == first.screen


def clock(monkeypatch: pytest.MonkeyPatch, *times: float) -> None:
    ticks = iter(times)
    monkeypatch.setattr(
        replies, "time", SimpleNamespace(time=lambda: next(ticks), monotonic=lambda: 0.0)
    )


async def test_a_remembered_answer_gets_the_time_it_is_asked_at(
    app: App, i18n: I18n, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = QuestionDesk(app.content)
    catalog = app.content.catalog
    clock(monkeypatch, 1000.0, 2000.0)
    first = replies.reply(desk, catalog, PENZA_PATIENTS, ChatContext())
    second = replies.reply(desk, catalog, PENZA_PATIENTS, ChatContext())
    assert second.screen is first.screen and "7 800" in first.screen.text.replace(NBSP, " ")
    assert (first.context.at, second.context.at) == (1000.0, 2000.0)
    assert replace(second.context, at=1000.0) == first.context


@pytest.mark.parametrize(
    ("question", "fresh"),
    [
        ("а в Югре?", True),
        ("а в Югре?", False),
        ("спасибо", True),
        ("Сколько контрактов заключила Югра?", True),
        ("что-то совсем непонятное", True),
    ],
)
async def test_a_remembered_answer_is_the_engines(
    app: App, i18n: I18n, monkeypatch: pytest.MonkeyPatch, question: str, fresh: bool
) -> None:
    """The same screen, context to keep and reason as without remembering, asked twice."""
    desk = QuestionDesk(app.content)
    catalog = app.content.catalog
    asked_at = 5000.0
    before = desk.answer(PENZA_PATIENTS, ChatContext(), now=asked_at).context
    now = asked_at + (60 if fresh else TTL_SECONDS + 1)
    expected = desk.answer(question, before, now=now)
    clock(monkeypatch, now, now + 1)
    for tick in (now, now + 1):
        got = replies.reply(desk, catalog, question, before)
        assert got.screen == finish(answers.render(catalog, expected))
        assert got.reason == expected.reason
        shifted = (
            expected.context if expected.context is before else replace(expected.context, at=tick)
        )
        assert got.context == shifted


async def test_remembered_answers_go_with_the_content(app: App, i18n: I18n) -> None:
    desk = QuestionDesk(app.content)
    first = replies.reply(desk, app.content.catalog, PENZA_PATIENTS, ChatContext())
    await app.content.refresh()
    again = replies.reply(desk, app.content.catalog, PENZA_PATIENTS, ChatContext())
    assert again.screen is not first.screen and again.screen == first.screen
