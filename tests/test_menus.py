"""Menu paths through the real dispatcher: what the person sees after each tap, and that
«Назад» returns to the screen the person came from."""

from __future__ import annotations

import pytest

from bot.local_session import LocalChat, Shown

HOME = "🏠 Главное меню"
BACK = "« Назад"
SOURCE = "📎 Источник"
SHARE = "📤 Поделиться"  # a URL button: the screen's link, see tests/test_links.py
TITLE = "Собянин: Москва подписала соглашения с регионами — ключевыми партнерами города"
PENZA_SECTORS = [
    "💼 Торговля и экономика",
    "🏥 Медицина",
    "🎓 Образование",
    "🎭 Культура",
    "⚽ Спорт",
    "🤝 НКО и волонтёры",
]
MAIN_BUTTONS = [
    "Республика Алтай",
    "Пензенская область",
    "ХМАО — Югра",
    "📊 По сферам",
    "📄 О соглашениях",
    "❓ Помощь",
]


def only_edit(shown: list[Shown]) -> Shown:
    """The tap redrew the message in place: one edit, no new message."""
    assert [s.kind for s in shown] == ["edit"], shown
    return shown[0]


async def test_start_greets_and_says_what_the_bot_covers(chat: LocalChat) -> None:
    [start] = await chat.send("/start")
    assert start.kind == "send"
    assert start.plain.startswith("Москва и регионы-партнёры\n\nЗдравствуйте!")
    assert "(Республика Алтай, Пензенская область и ХМАО — Югра)" in start.plain
    assert "о соглашении о цифровизации строительства" in start.plain
    assert f"«{TITLE}»" in start.plain
    assert "задайте вопрос своими словами, например:\n• " in start.plain
    assert start.button_texts == MAIN_BUTTONS


async def test_main_menu_button_does_not_greet_again(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По сферам")
    menu = only_edit(await chat.click(HOME))
    assert "Здравствуйте" not in menu.plain
    assert menu.plain == (
        "Москва и регионы-партнёры\n\nВыберите регион или раздел либо задайте вопрос своими "
        "словами."
    )
    assert menu.button_texts == MAIN_BUTTONS


async def test_region_card_has_head_agreement_figures_and_sectors(chat: LocalChat) -> None:
    await chat.send("/start")
    card = only_edit(await chat.click("Пензенская область"))
    assert card.plain.startswith("Пензенская область\n")
    assert (
        "🤝 Соглашение подписали мэр Москвы Сергей Собянин и губернатор Пензенской области "
        "Олег Мельниченко." in card.plain
    )
    assert (
        "📄 Срок соглашения — 5 лет; направления: торгово-экономическое, научно-техническое "
        "и культурное сотрудничество."
    ) in card.plain
    assert "более 7 800 жителей" in card.plain.lower()
    assert "более 2,8 млрд ₽ (период в новости не указан)" in card.plain
    # opened from the main menu: «Назад» would lead there too, so only «Главное меню»
    assert card.button_texts == [*PENZA_SECTORS, SOURCE, SHARE, HOME]


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
        assert "прежнее" not in card.plain
    else:
        assert f"Новое соглашение продолжает прежнее двустороннее соглашение {previous}" in (
            card.plain
        )
    assert "Примечание" not in card.plain and "⚠" not in card.plain


async def test_every_region_and_sector_path_and_back(chat: LocalChat) -> None:
    await chat.send("/start")
    visited = 0
    for region in MAIN_BUTTONS[:3]:
        card = only_edit(await chat.click(region))
        sectors = [t for t in card.button_texts if t not in (SOURCE, SHARE, BACK, HOME)]
        assert sectors, region
        for sector in sectors:
            view = only_edit(await chat.click(sector))
            assert view.plain.startswith(f"{card.plain.splitlines()[0]} · {sector}")
            assert view.button_texts[0] == SOURCE
            assert view.button_texts[-2:] == [BACK, HOME]
            assert sector not in view.button_texts  # the other sectors only
            assert "•" in view.plain
            back = only_edit(await chat.click(BACK))
            assert back.plain == card.plain
            visited += 1
        home = only_edit(await chat.click(HOME))
        assert home.plain.startswith("Москва и регионы-партнёры")
    assert visited == 4 + 6 + 4


async def test_sector_view_shows_every_fact_with_its_period(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("ХМАО — Югра")
    view = only_edit(await chat.click("💼 Торговля и экономика"))
    assert "271 контракт " in view.plain
    assert "более 242 млн ₽ (с 2023 по 2025 год)" in view.plain
    assert "более 200 тыс. т рыбы и рыбных продуктов" in view.plain
    assert "программе «Московские сезоны»" in view.plain


async def test_source_note_is_on_the_source_screen_only(chat: LocalChat) -> None:
    await chat.send("/region пенза")
    view = only_edit(await chat.click("🏥 Медицина"))
    penza = "Более 7 800 жителей Пензенской области прошли лечение в московских больницах"
    assert penza in view.plain
    assert "(с 2023 по 2025 год)" in view.plain
    assert "ошибке" not in view.plain and "⚠" not in view.plain
    source = only_edit(await chat.click(SOURCE))
    assert source.plain.splitlines() == [
        "📎 Источник",
        "",
        f"Новость «{TITLE}».",
        "Сведения взяты из части новости о Пензенской области.",
        "В новости предложение с этой цифрой по ошибке заканчивается словами о ХМАО, но "
        "цифра относится к Пензенской области, а данные по ХМАО приведены отдельно.",
    ]
    assert "абзац" not in source.plain  # paragraph numbers are for editors
    back = only_edit(await chat.click(BACK))
    assert back.plain == view.plain


async def test_source_of_a_region_card_and_of_the_agreements(chat: LocalChat) -> None:
    await chat.send("/region алтай")
    source = only_edit(await chat.click(SOURCE))
    assert "Сведения взяты из начала новости, о подписании соглашений с регионами, и из её " in (
        source.plain
    )
    assert "Фраза новости о соглашении 2020 года неоднозначна" in source.plain
    card = only_edit(await chat.click(BACK))
    assert card.plain.startswith("Республика Алтай\n")
    await chat.send("/about")
    about = await chat.click(SOURCE)
    assert "Сведения взяты из начала новости, о подписании соглашений с регионами." in (
        about[0].plain
    )


async def test_sector_first_medicine_compares_all_regions(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По сферам")
    view = only_edit(await chat.click("🏥 Медицина"))
    assert view.plain.startswith("🏥 Медицина: регионы-партнёры\n")
    text = view.plain
    assert text.index("Республика Алтай") < text.index("Пензенская область")
    assert text.index("Пензенская область") < text.index("Ханты-Мансийский")
    assert view.button_texts == [
        SOURCE,
        SHARE,
        "📍 Республика Алтай: обзор",
        "📍 Пензенская область: обзор",
        "📍 ХМАО — Югра: обзор",
        BACK,
        HOME,
    ]


async def test_back_returns_to_the_comparison_it_came_from(chat: LocalChat) -> None:
    await chat.send("/start")
    sectors = only_edit(await chat.click("📊 По сферам"))
    comparison = only_edit(await chat.click("🏥 Медицина"))
    card = only_edit(await chat.click("📍 Пензенская область: обзор"))
    assert card.plain.startswith("Пензенская область\n")
    assert card.button_texts[-2:] == [BACK, HOME]
    view = only_edit(await chat.click("🎓 Образование"))
    assert only_edit(await chat.click(BACK)).plain == card.plain
    assert only_edit(await chat.click(BACK)).plain == comparison.plain
    assert only_edit(await chat.click(BACK)).plain == sectors.plain
    assert view.button_texts[-2:] == [BACK, HOME]


async def test_back_from_construction_returns_to_about(chat: LocalChat) -> None:
    await chat.send("/start")
    about = only_edit(await chat.click("📄 О соглашениях"))
    construction = only_edit(await chat.click("🏗 Цифровизация строительства"))
    assert construction.plain.startswith("🏗 Соглашение о цифровизации строительства\n")
    assert only_edit(await chat.click(BACK)).plain == about.plain


async def test_sport_and_ngo_exist_only_for_penza(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По сферам")
    for sector in ("⚽ Спорт", "🤝 НКО и волонтёры"):
        view = only_edit(await chat.click(sector))
        assert view.button_texts == [SOURCE, SHARE, "📍 Пензенская область: обзор", BACK, HOME]
        await chat.click(BACK)


async def test_construction_sector_shows_the_federal_agreement(chat: LocalChat) -> None:
    await chat.send("/start")
    await chat.click("📊 По сферам")
    view = only_edit(await chat.click("🏗 Цифровизация строительства"))
    assert "Марат Хуснуллин" in view.plain
    assert view.button_texts == [SOURCE, SHARE, BACK, HOME]
    source = only_edit(await chat.click(SOURCE))
    assert "о соглашении о цифровизации строительной отрасли" in source.plain
    assert only_edit(await chat.click(BACK)).plain == view.plain


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
        "Направления: торгово-экономическое, научно-техническое и культурное сотрудничество.",
        "Марат Хуснуллин",
        "Республика Алтай: 2020 год",
        "Ханты-Мансийский автономный округ — Югра: 2018 год",
    ):
        assert part in about.plain, part
    assert about.button_texts == [SOURCE, "🏗 Цифровизация строительства", HOME]


async def test_about_and_help_buttons_edit_in_place(chat: LocalChat) -> None:
    await chat.send("/start")
    about = only_edit(await chat.click("📄 О соглашениях"))
    assert about.plain.startswith("📄 О соглашениях")
    await chat.click(HOME)
    help_view = only_edit(await chat.click("❓ Помощь"))
    assert help_view.plain.startswith("❓ Как пользоваться ботом")
    assert "/region пенза" in help_view.plain
    assert help_view.button_texts == [HOME]


async def test_help_says_what_the_bot_cannot_know(chat: LocalChat) -> None:
    [help_view] = await chat.send("/help")
    assert help_view.kind == "send"
    for part in ("/start", "/region", "/about", "/help", "«а в Югре?»", "цен", "контактов"):
        assert part in help_view.plain, part
    assert f"«{TITLE}»" in help_view.plain
    assert "««" not in help_view.plain


async def test_repeated_tap_is_silent_and_answered(chat: LocalChat) -> None:
    await chat.send("/start")
    first = only_edit(await chat.click("Пензенская область"))
    menu = chat.last_message()
    again = await chat.press("reg:penza::h", menu)
    assert again == []  # the message already shows this card: nothing new, no error
    assert chat.last_message().text == first.text
    assert len(chat.session.answered_queries) == 2


async def test_every_callback_query_is_answered(chat: LocalChat) -> None:
    await chat.send("/start")
    for label in ("📊 По сферам", "🏥 Медицина", BACK, HOME, "❓ Помощь", HOME):
        await chat.click(label)
    assert len(chat.session.answered_queries) == 6
