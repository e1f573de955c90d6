"""Deep links (`t.me/<bot>?start=<payload>`), «Поделиться» and /privacy, through the real
dispatcher: what the person sees after following a link or typing a command."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import GetMe
from aiogram.utils.i18n import I18n

from bot.local_session import BOT_USER, LocalChat, Shown
from bot.services.content import Catalog
from bot.ui.callbacks import Kind, Where
from bot.ui.links import payload_for, share_text, where_for
from tests.test_menus import MAIN_BUTTONS

SHARE = "📤 Поделиться"
HOME = "🏠 Главное меню"
LINK = f"https://t.me/{BOT_USER.username}?start="


def one_message(shown: list[Shown]) -> Shown:
    assert [s.kind for s in shown] == ["send"], shown
    return shown[0]


def share_link(shown: Shown) -> tuple[str, str]:
    """The link and the text that «Поделиться» hands to Telegram's share page, decoded."""
    [button] = [b for row in shown.buttons for b in row if b.text == SHARE]
    assert button.callback_data is None and button.url is not None
    parts = urlsplit(button.url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/share/url")
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"url", "text"}
    return query["url"][0], query["text"][0]


@pytest.mark.parametrize(
    ("payload", "title"),
    [
        ("penza", "Пензенская область\n"),
        ("hmao", "Ханты-Мансийский автономный округ — Югра\n"),
        ("penza-medicine", "Пензенская область · 🏥 Медицина\n"),
        ("altai-culture", "Республика Алтай · 🎭 Культура\n"),
        ("compare-medicine", "🏥 Медицина: регионы-партнёры\n"),
        ("compare-construction", "🏗 Соглашение о цифровизации строительства\n"),
        ("about", "📄 О соглашениях\n"),
    ],
)
async def test_a_link_opens_its_screen_in_a_new_message(
    chat: LocalChat, payload: str, title: str
) -> None:
    screen = one_message(await chat.send(f"/start {payload}"))
    assert screen.plain.startswith(title)
    assert "Здравствуйте" not in screen.plain
    assert screen.button_texts[-1] == HOME  # nothing to go back to but the menu


async def test_a_linked_screen_is_the_one_the_buttons_open(chat: LocalChat) -> None:
    linked = one_message(await chat.send("/start penza-education"))
    await chat.send("/start")
    await chat.click("Пензенская область")
    tapped = await chat.click("🎓 Образование")
    assert linked.plain == tapped[0].plain


@pytest.mark.parametrize(
    "payload",
    [
        "moscow",  # no such region
        "penza-metro",  # no such sector
        "altai-sport",  # a sector the region has no figures in
        "compare-",
        "-medicine",
        "penza-",
        "compare-medicine-extra",
        "inline",  # what the inline mode's «Открыть бота» sends
        "Penza",  # ids are case-sensitive
        "пенза",
        "penza medicine",
        "<b>penza</b>",
        "../about",
        "p" * 64,
        "penza" * 20,  # over 64 characters
    ],
)
async def test_any_other_payload_opens_the_main_menu(chat: LocalChat, payload: str) -> None:
    menu = one_message(await chat.send(f"/start {payload}"))
    assert menu.plain.startswith("Москва и регионы-партнёры\n\nЗдравствуйте!")
    assert menu.button_texts == MAIN_BUTTONS


async def test_every_screen_with_a_link_opens_from_it(chat: LocalChat, catalog: Catalog) -> None:
    """Payloads come from the content's ids: each one round-trips and opens a screen."""
    places = [Where(Kind.ABOUT)]
    for region in catalog.content.regions:
        places.append(Where(Kind.CARD, region.id))
        places += [
            Where(Kind.REGION_SECTOR, region.id, s.id) for s in catalog.sectors_of(region.id)
        ]
    places += [Where(Kind.OVERVIEW, sector=s.id) for s in catalog.sectors_with_facts()]
    for where in places:
        payload = payload_for(where)
        assert payload is not None and where_for(payload, catalog) == where, where
        screen = one_message(await chat.send(f"/start {payload}"))
        assert "Здравствуйте" not in screen.plain, payload
    assert len(places) == 1 + 3 + 14 + 7
    assert payload_for(Where(Kind.HELP)) is None and payload_for(Where(Kind.HOME)) is None


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        ("penza", "Пензенская область и Москва: соглашение в цифрах"),
        ("penza-medicine", "Пензенская область и Москва: 🏥 Медицина"),
        ("compare-medicine", "🏥 Медицина: сравнение регионов-партнёров Москвы"),
    ],
)
async def test_share_gives_the_link_of_the_screen(chat: LocalChat, payload: str, text: str) -> None:
    screen = one_message(await chat.send(f"/start {payload}"))
    url, shared_text = share_link(screen)
    assert (url, shared_text) == (LINK + payload, text)
    again = one_message(await chat.send(f"/start {url.removeprefix(LINK)}"))
    assert again.plain == screen.plain


async def test_share_is_on_cards_sectors_and_comparisons_reached_by_buttons(
    chat: LocalChat,
) -> None:
    await chat.send("/start")
    card = (await chat.click("ХМАО — Югра"))[0]
    assert share_link(card)[0] == LINK + "hmao"
    sector = (await chat.click("🎓 Образование"))[0]
    assert share_link(sector)[0] == LINK + "hmao-education"
    await chat.click(HOME)
    await chat.click("📊 По сферам")
    comparison = (await chat.click("🎭 Культура"))[0]
    assert share_link(comparison)[0] == LINK + "compare-culture"
    [region] = await chat.send("/region пенза")
    assert share_link(region)[0] == LINK + "penza"


async def test_without_the_bots_name_the_card_has_no_share_button(chat: LocalChat) -> None:
    chat.session.fail_next(GetMe, TelegramBadRequest(GetMe(), "Bad Request: try later"))
    card = one_message(await chat.send("/start penza"))
    assert card.plain.startswith("Пензенская область\n")
    assert SHARE not in card.button_texts and card.button_texts[-1] == HOME


async def test_privacy_says_what_is_stored_and_nothing_else(chat: LocalChat) -> None:
    privacy = one_message(await chat.send("/privacy"))
    text = privacy.plain
    assert text.startswith("🔒 Какие данные хранит бот\n")
    for phrase in (
        "Кто спрашивал, не сохраняется: ни идентификатора, ни имени.",
        "номера телефонов и документов, и адреса электронной почты скрываются",
        "не более 5 вопросов в день",
        "по солёному хешу",
        "Через 30 дней такие записи удаляются.",
        "Последний вопрос в чате — на 30 минут",
        "«а в Югре?»",
        "Больше ничего не хранится",
        "(встроенный режим), не сохраняется",
    ):
        assert phrase in text, phrase
    assert privacy.button_texts == [HOME]


async def test_help_and_the_unknown_command_name_privacy(chat: LocalChat) -> None:
    help_text = one_message(await chat.send("/help")).plain
    assert "/privacy — какие данные хранит бот" in help_text
    assert "«📤 Поделиться»" in help_text
    unknown = one_message(await chat.send("/policy")).plain
    assert "Доступны команды /start, /region, /about, /help и /privacy." in unknown


def test_share_texts_are_translated(i18n: I18n, catalog: Catalog) -> None:
    assert share_text(catalog, Where(Kind.ABOUT)) == "Соглашения Москвы с регионами-партнёрами"
