"""The answer policy, case by case, as a person sees it through the real dispatcher.

Every reply that cannot answer in full says first what the news does not give; a figure
that follows is labelled with its region and period; what the news covers instead is
named without figures.
"""

from __future__ import annotations

import pytest

from bot.local_session import LocalChat

PENZA_7800 = "Более 7 800 жителей Пензенской области прошли лечение в московских больницах"
PARTNERS = (
    "Партнёры Москвы по этим соглашениям: Республика Алтай, Пензенская область и ХМАО — Югра."
)
ALL_FIGURES = ("7 800", "4 100", "300 жителей", "114", "649", "271", "242", "2,8")


async def ask(chat: LocalChat, text: str) -> str:
    [reply] = await chat.send(text)
    return reply.plain


async def test_exact_answer_is_the_figure_with_its_period(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько пензенцев лечились в Москве?")
    assert text.splitlines() == [f"{PENZA_7800} (с 2023 по 2025 год)."]


async def test_year_inside_a_period_says_so_first(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько пензенцев лечилось в Москве в 2024 году?")
    assert text.splitlines()[0] == (
        "Отдельно за 2024 год данных в новости нет — приведена только цифра за весь период:"
    )
    assert f"{PENZA_7800} (с 2023 по 2025 год)." in text


async def test_year_outside_every_period_says_so_then_the_figure_labelled(
    chat: LocalChat,
) -> None:
    text = await ask(chat, "Сколько рыбы привезли из Югры в 2021 году?")
    assert text.splitlines()[0] == (
        "За 2021 год данных в новости нет — есть только цифры за другой период:"
    )
    assert "более 200 тыс. т рыбы и рыбных продуктов" in text and "(за 2023 год)" in text


async def test_since_does_not_reach_past_the_news(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько жителей Алтая получили лечение в 2026 году?")
    assert text.splitlines()[0] == (
        "За 2026 год данных в новости нет — есть только цифры за другой период:"
    )
    assert "Более 300 жителей Республики Алтай" in text and "(с 2023 года)" in text


async def test_a_figure_without_period_is_not_given_for_a_year(chat: LocalChat) -> None:
    text = await ask(chat, "На какую сумму контракты у Пензы за 2024 год?")
    assert text.startswith("За какой период приведена эта цифра, в новости не сказано")
    assert "2,8 млрд ₽ (период в новости не указан)" in text


async def test_one_product_inside_a_total(chat: LocalChat) -> None:
    text = await ask(chat, "сколько тонн сахара из Пензы")
    assert text.splitlines()[0] == (
        "Отдельной цифры по сахару в новости нет — это часть общего объёма:"
    )
    assert "более 330 тыс. т продуктов" in text and "(за 2023 год)" in text


async def test_a_count_where_only_a_sum_exists(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько контрактов у Пензы?")
    assert text.splitlines()[0] == (
        "Число контрактов в новости не указано — приведена только их общая сумма:"
    )
    assert "более 2,8 млрд ₽" in text


async def test_a_town_is_answered_for_its_region(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько жителей Сургута лечились в Москве?")
    assert text.splitlines()[0] == (
        "Отдельных данных по Сургуту в новости нет; сведения ниже относятся к "
        "Ханты-Мансийскому автономному округу — Югре в целом."
    )
    assert "Более 4 100 жителей ХМАО — Югры" in text


async def test_a_narrower_group_gets_the_overall_figure_labelled(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько детей из Югры лечились в Москве?")
    assert text.startswith("Отдельных данных именно об этом в новости нет")
    assert "4 100" in text and "(с 2023 года)" in text


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("Сколько стоит лечение в Москве для жителей Югры?", "Стоимость в новости не указана."),
        (
            "Как записаться на лечение?",
            "Как подать заявку, записаться или принять участие, в новости не сказано.",
        ),
        (
            "Где купить алтайский сыр в Москве?",
            "Где приобрести продукцию, в новости не сказано.",
        ),
        ("Когда пройдут Московские сезоны?", "Даты в новости не указаны."),
        (
            "Сколько школьников из Пензы участвовали в мероприятиях?",
            "Число людей по этой теме для Пензенской области в новости не приводится.",
        ),
    ],
)
async def test_what_the_news_never_gives(chat: LocalChat, question: str, first_line: str) -> None:
    text = await ask(chat, question)
    assert text.splitlines()[0] == first_line
    assert not any(figure in text for figure in ALL_FIGURES), text


async def test_names_not_given_then_what_the_news_says_of_them(chat: LocalChat) -> None:
    text = await ask(chat, "В каких больницах лечились пензенцы?")
    assert text.splitlines()[0] == (
        "Названия конкретных учреждений и предприятий в новости не приводятся."
    )
    assert PENZA_7800 in text and "4 100" not in text


async def test_a_topic_of_another_region_is_offered_not_shown(chat: LocalChat) -> None:
    [reply] = await chat.send("Сколько рыбы поставила Пенза?")
    assert reply.plain.splitlines()[0] == (
        "О рыбе применительно к Пензенской области в новости ничего не сказано."
    )
    assert "200 тыс" not in reply.plain and "330" not in reply.plain
    assert "• Общий объём поставок продуктов из Пензенской области в Москву" in reply.plain
    assert "ХМАО — Югра · 💼 Торговля и экономика" in reply.button_texts


async def test_signing_date_is_not_in_the_news(chat: LocalChat) -> None:
    text = await ask(chat, "Когда подписали соглашение с Пензенской областью?")
    assert text.splitlines()[0] == "Дата подписания соглашений в новости не указана."
    text = await ask(chat, "Когда подписали соглашение с Республикой Алтай?")
    assert text.splitlines()[0] == "Дата подписания соглашений в новости не указана."
    [previous] = [line for line in text.splitlines() if "2020" in line]
    assert "прежнее" in previous  # the 2020 agreement only ever as the previous one


async def test_reversed_direction_says_so_and_gives_the_other_way(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько москвичей лечилось в Пензе?")
    assert text.splitlines()[0] == (
        "Таких данных в новости нет — в ней есть сведения только в обратном направлении:"
    )
    assert PENZA_7800 in text
    text = await ask(chat, "Сколько рыбы Москва отправила в ХМАО?")
    assert text.startswith("Таких данных в новости нет")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Турчак возглавляет Пензенскую область?",
            "Нет: Андрей Турчак — глава Республики Алтай. "
            "Губернатор Пензенской области — Олег Мельниченко.",
        ),
        (
            "Хуснуллин подписал соглашение с Пензой?",
            "Нет: Марат Хуснуллин — заместитель председателя правительства РФ — сторона "
            "другого соглашения. Соглашение Москвы и Пензенской области подписали мэр Москвы "
            "Сергей Собянин и губернатор Пензенской области Олег Мельниченко.",
        ),
        ("Соглашение подписали на 10 лет?", "Нет: соглашения заключены на 5 лет."),
        (
            "Соглашение с Алтаем подписали в 2020 году?",
            "2020 год — год прежнего соглашения Москвы и Республики Алтай; дата подписания "
            "нового соглашения в новости не указана.",
        ),
        (
            "Правда, что 10 000 пензенцев лечились в Москве?",
            "Нет: в новости — более 7 800 жителей (с 2023 по 2025 год).",
        ),
        (
            "Правда, что 7800 жителей ХМАО лечились в Москве?",
            "Нет: в новости — более 4 100 жителей (с 2023 года).",
        ),
    ],
)
async def test_false_premises_are_corrected(chat: LocalChat, question: str, answer: str) -> None:
    text = await ask(chat, question)
    assert text.splitlines()[0] == answer


async def test_a_figure_of_another_region_is_named_as_such(chat: LocalChat) -> None:
    text = await ask(chat, "Правда, что 7800 жителей ХМАО лечились в Москве?")
    assert "Цифра из вопроса относится к другому региону:\n" + f"• {PENZA_7800}" in text
    text = await ask(chat, "Более 300 пензенцев лечились в Москве — это все?")
    assert text.startswith("Нет: в новости — более 7 800 жителей")
    assert "Более 300 жителей Республики Алтай" in text


async def test_a_true_figure_is_not_corrected(chat: LocalChat) -> None:
    text = await ask(chat, "Правда, что 7 800 пензенцев лечились в Москве?")
    assert PENZA_7800 in text and "Нет" not in text


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        (
            "Сколько жителей Тверской области лечились в Москве?",
            "Тверская область не участвует в этих соглашениях.",
        ),
        ("кубанские компании", "Краснодарский край не участвует в этих соглашениях."),
        ("петербуржцы в больницах", "Санкт-Петербург не участвует в этих соглашениях."),
        (
            "Сколько рыбы привезли из Салехарда?",
            "Салехард (Ямало-Ненецкий автономный округ) не относится к регионам-партнёрам по "
            "этим соглашениям.",
        ),
        (
            "Дальневосточный федеральный округ",
            "Ни один регион, входящий в Дальневосточный федеральный округ, не участвует в этих "
            "соглашениях.",
        ),
    ],
)
async def test_other_regions_are_not_partners(
    chat: LocalChat, question: str, first_line: str
) -> None:
    text = await ask(chat, question)
    assert text.splitlines()[0] == first_line
    assert PARTNERS in text
    assert not any(figure in text for figure in ALL_FIGURES), text


async def test_a_look_alike_is_pointed_to_the_partner(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько жителей Алтайского края лечились в Москве?")
    assert "Возможно, вы имели в виду Республику Алтай — это другой субъект." in text
    assert "300" not in text


async def test_a_district_is_answered_for_its_one_partner(chat: LocalChat) -> None:
    text = await ask(chat, "Сколько человек из ПФО лечились в Москве?")
    assert text.startswith("Приволжский федеральный округ: из входящих в него регионов")
    assert PENZA_7800 in text
    text = await ask(chat, "Кто лидер ПФО по поставкам продуктов в Москву?")
    assert text.startswith(  # the news says so
        "Среди регионов Приволжского федерального округа (ПФО) Пензенская область — лидер"
    )


async def test_a_partner_beside_another_region_is_answered_with_a_note(chat: LocalChat) -> None:
    text = await ask(chat, "Сравни Пензу и Самару по медицине")
    assert text.splitlines()[0] == (
        "Самара (Самарская область) не относится к регионам-партнёрам по этим соглашениям."
    )
    assert PENZA_7800 in text


@pytest.mark.parametrize(
    "question",
    [
        "Собянин открыл новую станцию метро?",
        "какой сезон лучше для поездки на Алтай?",
        "контракт на ремонт моей квартиры",
        "Хуснуллин и ипотека",
        "Курс доллара на сегодня",
        "погода в Пензе",
    ],
)
async def test_off_topic_sentences_get_no_figures(chat: LocalChat, question: str) -> None:
    text = await ask(chat, question)
    first = text.splitlines()[0]
    assert first == "В новости об этом ничего нет." or first.startswith("Этого в новости нет")
    assert not any(figure in text for figure in ALL_FIGURES), text


async def test_products_are_listed_from_the_fact_that_names_them(chat: LocalChat) -> None:
    text = await ask(chat, "Какие продукты поставляет Пенза в Москву?")
    assert "сахар, злаки, молоко и мясная продукция" in text
    assert "2,8" not in text  # the contracts are not an answer to «which products»


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("Сколько жителей Югры лечились в Москве с 2023 года?", "Более 4 100 жителей ХМАО"),
        ("Сколько пензенцев лечились с 2023 по 2025 год?", PENZA_7800),
        (
            "Сколько пензенцев лечились с 2024 года?",
            "Отдельно за этот период данных в новости нет — приведена цифра за другой период:",
        ),
        (
            "Сколько рыбы привезли из Югры в 2019-2021 годах?",
            "За 2019–2021 годы данных в новости нет",
        ),
    ],
)
async def test_periods_asked_meet_the_periods_given(
    chat: LocalChat, question: str, first_line: str
) -> None:
    text = await ask(chat, question)
    assert text.splitlines()[0].startswith(first_line)


async def test_the_previous_agreement_has_its_year(chat: LocalChat) -> None:
    text = await ask(chat, "Предыдущее соглашение с Югрой — какого года?")
    assert (
        "Прежнее двустороннее соглашение Москвы с Ханты-Мансийским автономным округом — Югрой "
        "датируется 2018 годом." in text
    )
    assert "не указана" not in text
    text = await ask(chat, "Какого года прежнее соглашение с Пензой?")
    assert text.splitlines()[0] == (
        "О прежнем соглашении Москвы и Пензенской области в новости не говорится."
    )
