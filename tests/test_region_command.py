"""/region with every alias form, typos, unknown and confusable regions."""

from __future__ import annotations

import pytest

from bot.local_session import LocalChat

REGION_TITLES = {
    "altai": "Республика Алтай\n",
    "penza": "Пензенская область\n",
    "hmao": "Ханты-Мансийский автономный округ — Югра\n",
}


@pytest.mark.parametrize(
    ("query", "region"),
    [
        ("пенза", "penza"),
        ("Пенза", "penza"),
        ("ПЕНЗА", "penza"),
        ("Пензенская область", "penza"),
        ("пензенская  обл.", "penza"),
        ("penza", "penza"),
        ("Penza", "penza"),
        ("пнеза", "penza"),  # two neighbours swapped count as one typo
        ("пенэа", "penza"),  # one wrong letter
        ("пенза!", "penza"),
        ("хмао", "hmao"),
        ("ХМАО-Югра", "hmao"),
        ("ХМАО — Югра", "hmao"),
        ("Югра", "hmao"),
        ("югра", "hmao"),
        ("yugra", "hmao"),
        ("ugra", "hmao"),
        ("hmao", "hmao"),
        ("Ханты-Мансийск", "hmao"),
        ("Ханты-Мансийский автономный округ", "hmao"),
        ("хмоа", "hmao"),
        ("пенсия", None),
        ("altai", "altai"),
        ("Altay", "altai"),
        ("Алтай", "altai"),
        ("Республика Алтай", "altai"),
        ("республика алтаи", "altai"),
        ("Горно-Алтайск", "altai"),
        ("горно алтайск", "altai"),
        ("Горно-Алтайск", "altai"),
        ("Горно-Олтайск", "altai"),
        ("алтай", "altai"),
    ],
)
async def test_region_aliases(chat: LocalChat, query: str, region: str | None) -> None:
    shown = await chat.send(f"/region {query}")
    assert [s.kind for s in shown] == ["send"]
    if region is None:
        assert "нет среди регионов-партнёров Москвы" in shown[0].plain
    else:
        assert shown[0].plain.startswith(REGION_TITLES[region]), shown[0].plain[:80]
        assert "Выберите сферу:" in shown[0].plain


async def test_yo_and_e_are_the_same(chat: LocalChat) -> None:
    shown = await chat.send("/region Пензенская область")
    same = await chat.send("/region пёнзенская область")
    assert shown[0].plain == same[0].plain


PARTNER_BUTTONS = ["Республика Алтай", "Пензенская область", "ХМАО — Югра", "🏠 Главное меню"]


async def test_region_without_name_opens_the_picker(chat: LocalChat) -> None:
    shown = await chat.send("/region")
    assert shown[0].plain == "Выберите регион-партнёр:"
    assert shown[0].button_texts == PARTNER_BUTTONS
    card = await chat.click("ХМАО — Югра")
    assert card[0].kind == "edit"
    assert card[0].plain.startswith("Ханты-Мансийский автономный округ — Югра")


async def test_unknown_region_is_named_and_regions_offered(chat: LocalChat) -> None:
    shown = await chat.send("/region Марс")
    assert shown[0].plain.startswith(
        "«Марс» нет среди регионов-партнёров Москвы по этим соглашениям."
    )
    assert shown[0].button_texts[:3] == ["Республика Алтай", "Пензенская область", "ХМАО — Югра"]


async def test_unknown_region_echo_is_escaped_and_short(chat: LocalChat) -> None:
    shown = await chat.send("/region <b>Марс</b> & " + "очень длинное название " * 30)
    assert "<b>Марс</b> &amp;" not in shown[0].plain  # the person sees their own text...
    assert "«<b>Марс</b> & очень" in shown[0].plain  # ...escaped in HTML, shown verbatim
    assert "&lt;b&gt;Марс&lt;/b&gt; &amp;" in shown[0].html
    assert len(shown[0].plain) < 300


@pytest.mark.parametrize("query", ["Алтайский край", "алтайский край", "Барнаул", "altai krai"])
async def test_altai_krai_is_a_different_region(chat: LocalChat, query: str) -> None:
    shown = await chat.send(f"/region {query}")
    text = shown[0].plain
    assert text.split("\n")[0] in (
        "Алтайский край не участвует в этих соглашениях.",
        "Барнаул (Алтайский край) не относится к регионам-партнёрам по этим соглашениям.",
    )
    assert "Возможно, вы имели в виду Республику Алтай — это другой субъект." in text
    assert "300" not in text and "649" not in text  # never the Altai Republic's figures
    assert shown[0].button_texts == PARTNER_BUTTONS
    card = await chat.click("Республика Алтай")
    assert card[0].plain.startswith("Республика Алтай\n")


@pytest.mark.parametrize(
    ("query", "first_line"),
    [
        ("юрга", "Юрга (Кемеровская область — Кузбасс) не относится к регионам-партнёрам"),
        ("Тверская область", "Тверская область не участвует в этих соглашениях."),
        ("Казань", "Казань (Республика Татарстан) не относится к регионам-партнёрам"),
    ],
)
async def test_other_places_are_not_partners(chat: LocalChat, query: str, first_line: str) -> None:
    [shown] = await chat.send(f"/region {query}")
    assert shown.plain.startswith(first_line)
    assert "Партнёры Москвы по этим соглашениям:" in shown.plain
