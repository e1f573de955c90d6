"""Menu paths through the real dispatcher: what the person sees after each tap."""

from __future__ import annotations

import pytest

from bot.local_session import LocalChat, Shown

NBSP = "\u00a0"
HOME = "🏠 Главное меню"
BACK = "« Назад"
PENZA_SECTORS = [
    "💼 Торговля и экономика",
    "🏥 Медицина",
    "🎓 Образование",
    "🎭 Культура",
    "⚽ Спорт",
    "🤝 НКО и волонтёры",
]


def only_edit(shown: list[Shown]) -> Shown:
    """The tap redrew the message in place: one edit, no new message."""
    assert [s.kind for s in shown] == ["edit"], shown
    return shown[0]


async def test_start_shows_greeting_and_main_menu(chat: LocalChat) -> None:
    shown = await chat.send("/start")
    assert [s.kind for s in shown] == ["send"]
    assert "Москва и регионы-партнёры" in shown[0].text
    assert "Республика Алтай, Пензенская область, ХМАО — Югра" in shown[0].text
    assert shown[0].button_texts == [
        "Республика Алтай",
        "Пензенская область",
        "ХМАО — Югра",
        "📊 По отраслям",
        "📄 О соглашениях",
        "❓ Помощь",
    ]


async def test_region_card_has_head_agreement_figures_and_sectors(chat: LocalChat) -> None:
    await chat.send("/start")
    card = only_edit(await chat.click("Пензенская область"))
    assert card.text.startswith("Пензенская область\n")
    assert "губернатор Пензенской области Олег Мельниченко" in card.text
    assert "мэр Москвы Сергей Собянин" in card.text
    assert "Срок — 5 лет" in card.text
    assert f"более 7{NBSP}800 жителей" in card.text.lower()
    assert "более 2,8 млрд ₽" in card.text
    assert "(период в источнике не указан)" in card.text
    assert card.button_texts == [*PENZA_SECTORS, BACK, HOME]


@pytest.mark.parametrize(
    ("region", "previous"),
    [("Республика Алтай", "2020 года"), ("ХМАО — Югра", "2018 года"), ("Пензенская область", None)],
)
async def test_region_card_names_previous_agreement_only_where_known(
    chat: LocalChat, region: str, previous: str | None
) -> None:
    await chat.send("/start")
    card = only_edit(await chat.click(region))
    if previous is None:
        assert "прежнее" not in card.text
    else:
        assert (
            f"Новое соглашение продолжает прежнее двустороннее соглашение {previous}" in card.text
        )


async def test_every_region_and_sector_path_and_back(chat: LocalChat) -> None:
    await chat.send("/start")
    regions = chat.last_message()
    assert regions.reply_markup is not None
    region_names = [row[0].text for row in regions.reply_markup.inline_keyboard[:3]]
    visited = 0
    for region in region_names:
        card = only_edit(await chat.click(region))
        sectors = [t for t in card.button_texts if t not in (BACK, HOME)]
        assert sectors, region
        for sector in sectors:
            view = only_edit(await chat.click(sector))
            assert view.text.startswith(f"{card.text.splitlines()[0]} · {sector}")
            assert view.button_texts[0] == "📎 Источник"
            assert view.button_texts[-2:] == [BACK, HOME]
            assert sector not in view.button_texts  # the other sectors only
            assert "•" in view.text
            back = only_edit(await chat.click(BACK))
            assert back.text == card.text
            visited += 1
        home = only_edit(await chat.click(BACK))
        assert "Москва и регионы-партнёры" in home.text
    assert visited == 4 + 6 + 4


async def test_sector_view_shows_every_fact_with_its_period(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("ХМАО — Югра")
    view = only_edit(await chat.click("💼 Торговля и экономика"))
    assert "271 контракт " in view.text
    assert "более 242 млн ₽ (с 2023 по 2025 год)" in view.text
    assert "более 200 тыс. тонн рыбы и рыбных продуктов (за 2023 год)" in view.text
    assert "«Московских сезонах»" in view.text


async def test_penza_medicine_carries_the_source_note(chat: LocalChat) -> None:
    await chat.send("/region пенза")
    view = only_edit(await chat.click("🏥 Медицина"))
    assert f"Более 7{NBSP}800 жителей области прошли лечение в московских больницах" in view.text
    assert "(с 2023 по 2025 год)" in view.text
    assert "Примечание к источнику" in view.text
    source = only_edit(await chat.click("📎 Источник"))
    assert "Собянин: Москва подписала соглашения с регионами – ключевыми партнерами города" in (
        source.text
    )
    assert "абзац 16" in source.text
    assert "по ошибке" in source.text
    back = only_edit(await chat.click(BACK))
    assert back.text == view.text


async def test_source_lists_all_paragraphs_of_a_sector(chat: LocalChat) -> None:
    await chat.send("/region пенза")
    await chat.click("💼 Торговля и экономика")
    source = only_edit(await chat.click("📎 Источник"))
    assert "абзацы 10, 13, 14, 15" in source.text
    assert "Примечание" not in source.text


async def test_sector_first_medicine_compares_all_regions(chat: LocalChat) -> None:
    await chat.send("/start")
    sectors = only_edit(await chat.click("📊 По отраслям"))
    assert sectors.button_texts[:7] == [*PENZA_SECTORS, "🏗 Цифровизация строительства"]
    view = only_edit(await chat.click("🏥 Медицина"))
    altai, penza, hmao = (view.text.index(n) for n in ("Республика Алтай", "Пензенская", "Ханты"))
    assert altai < penza < hmao
    assert "Более 300 жителей" in view.text
    assert f"Более 7{NBSP}800 жителей" in view.text
    assert f"Более 4{NBSP}100 жителей" in view.text
    assert view.button_texts == [
        "Республика Алтай: подробнее",
        "Пензенская область: подробнее",
        "ХМАО — Югра: подробнее",
        BACK,
        HOME,
    ]
    detail = only_edit(await chat.click("ХМАО — Югра: подробнее"))
    assert detail.text.startswith("Ханты-Мансийский автономный округ — Югра · 🏥 Медицина")
    assert only_edit(await chat.click(BACK)).text.startswith("Ханты-Мансийский")


async def test_sport_and_ngo_exist_only_for_penza(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По отраслям")
    sport = only_edit(await chat.click("⚽ Спорт"))
    assert sport.button_texts == ["Пензенская область: подробнее", BACK, HOME]
    back = only_edit(await chat.click(BACK))
    assert back.text.startswith("По отраслям")


async def test_construction_sector_shows_the_federal_agreement(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По отраслям")
    view = only_edit(await chat.click("🏗 Цифровизация строительства"))
    assert "Соглашение о цифровизации строительства" in view.text
    assert "Марат Хуснуллин" in view.text
    assert view.button_texts == ["📎 Источник", BACK, HOME]
    source = only_edit(await chat.click("📎 Источник"))
    assert "абзацы 20, 21, 22" in source.text
    assert only_edit(await chat.click(BACK)).text == view.text


async def test_about_lists_parties_term_areas_and_construction(chat: LocalChat) -> None:
    shown = await chat.send("/about")
    about = shown[0]
    assert about.kind == "send"
    for part in (
        "мэр Москвы Сергей Собянин",
        "глава Республики Алтай Андрей Турчак",
        "губернатор Пензенской области Олег Мельниченко",
        "губернатор Ханты-Мансийского автономного округа — Югры Руслан Кухарук",
        "Срок: 5 лет.",
        "торгово-экономическое, научно-техническое, культурное",
        "Марат Хуснуллин",
        "Республика Алтай: 2020 год",
        "Ханты-Мансийский автономный округ — Югра: 2018 год",
    ):
        assert part in about.text, part
    assert about.button_texts == ["🏗 Цифровизация строительства", BACK, HOME]


async def test_about_and_help_buttons_edit_in_place(chat: LocalChat) -> None:
    await chat.send("/start")
    about = only_edit(await chat.click("📄 О соглашениях"))
    assert about.text.startswith("📄 О соглашениях")
    await chat.click(HOME)
    help_view = only_edit(await chat.click("❓ Помощь"))
    assert "/region пенза" in help_view.text
    assert help_view.button_texts == [HOME]


async def test_help_command(chat: LocalChat) -> None:
    shown = await chat.send("/help")
    assert shown[0].kind == "send"
    for command in ("/start", "/region", "/about", "/help"):
        assert command in shown[0].text


async def test_repeated_tap_is_silent_and_answered(chat: LocalChat) -> None:
    await chat.send("/start")
    first = only_edit(await chat.click("Пензенская область"))
    menu = chat.last_message()
    again = await chat.press("reg:penza:", menu)
    assert again == []  # the message already shows this card: nothing new, no error
    assert chat.last_message().text == first.text
    assert len(chat.session.answered_queries) == 2


async def test_every_callback_query_is_answered(chat: LocalChat) -> None:
    await chat.send("/start")
    for label in ("📊 По отраслям", "🏥 Медицина", BACK, HOME, "❓ Помощь", HOME):
        await chat.click(label)
    answers = [r for r in chat.session.requests if r.__api_method__ == "answerCallbackQuery"]
    assert len(answers) == 6
