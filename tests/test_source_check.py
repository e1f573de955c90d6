"""The content against the source news item: figures, years, attribution, no copied text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.config import DEFAULT_CONTENT, DEFAULT_SOURCE
from db.check import (
    COPY_RUN_WORDS,
    check_content,
    copied_runs,
    mentions_number,
    numbers_in,
    paragraphs_of,
)
from db.loader import read_content_file
from db.models import Content, Fact, Figure, Period, PreviousAgreement
from db.places import read_gazetteer

SOURCE_PATH = Path(os.environ.get("SOURCE_PATH") or DEFAULT_SOURCE)
if not SOURCE_PATH.is_file():
    pytest.skip(
        f"the source text is not at {SOURCE_PATH}: set SOURCE_PATH to check the content",
        allow_module_level=True,
    )
CONTENT = read_content_file(DEFAULT_CONTENT).content
SOURCE = SOURCE_PATH.read_text(encoding="utf-8")
PARAGRAPHS = paragraphs_of(SOURCE)
FACTS_WITH_FIGURES = [fact for fact in CONTENT.facts if fact.figures]


def _fact(fact_id: str) -> Fact:
    return next(fact for fact in CONTENT.facts if fact.id == fact_id)


def _with_fact(fact_id: str, **update: object) -> Content:
    """The real content with one fact changed (no validation, like a hand-edited file)."""
    facts = [
        fact.model_copy(update=update) if fact.id == fact_id else fact for fact in CONTENT.facts
    ]
    return CONTENT.model_copy(update={"facts": facts})


# ---------------------------------------------------------------- the real content


def test_source_paragraphs() -> None:
    assert len(PARAGRAPHS) == 22
    assert PARAGRAPHS[0] == "80 лет Великой Победе!"
    # the title as the bot sets it: an em dash where the source has an en dash
    assert PARAGRAPHS[1] == CONTENT.source_title.replace(" — ", " – ")
    assert PARAGRAPHS[15].startswith(
        "С 2023 по 2025 годы в больницах города прошли лечение свыше 7 800 жителей "
        "Пензенской области"
    )


def test_real_content_passes_with_exact_counts() -> None:
    report = check_content(CONTENT, SOURCE)
    assert report.problems == []
    assert report.ok
    assert report.facts_checked == len(CONTENT.facts) == 25
    # 10 fact figures + the five-year term of the regional agreement.
    fact_figures = sum(len(fact.figures) for fact in CONTENT.facts)
    terms = sum(1 for a in CONTENT.agreements if a.term_years is not None)
    assert (fact_figures, terms) == (10, 1)
    assert report.figures_checked == fact_figures + terms == 11
    # 9 period years of facts + the previous agreements of Altai (2020) and KhMAO (2018).
    period_years = sum(len(fact.period.years) for fact in CONTENT.facts if fact.period)
    previous = sum(1 for r in CONTENT.regions if r.previous_agreement is not None)
    assert (period_years, previous) == (9, 2)
    assert report.years_checked == period_years + previous == 11


def test_every_figure_of_every_fact_is_checked() -> None:
    counted: list[str] = []
    for fact in CONTENT.facts:
        single = CONTENT.model_copy(update={"facts": [fact], "agreements": []})
        report = check_content(single, SOURCE)
        assert report.problems == [], fact.id
        assert report.facts_checked == 1
        assert report.figures_checked == len(fact.figures), fact.id
        if fact.figures:
            counted.append(fact.id)
    assert counted == [
        "altai-trade-contracts",
        "altai-medicine-patients",
        "penza-trade-supplies",
        "penza-trade-contracts",
        "penza-medicine-patients",
        "hmao-trade-fish",
        "hmao-trade-contracts",
        "hmao-medicine-patients",
    ]


@pytest.mark.parametrize("fact", FACTS_WITH_FIGURES, ids=[f.id for f in FACTS_WITH_FIGURES])
def test_figures_occur_in_their_paragraph(fact: Fact) -> None:
    found = numbers_in(PARAGRAPHS[fact.paragraph - 1])
    for name, figure in fact.figures.items():
        assert figure.value in found, f"{fact.id}.{name}={figure.value:g} not in {sorted(found)}"
    for year in fact.period.years if fact.period else ():
        assert year in found, f"{fact.id} period year {year} not in {sorted(found)}"


def test_figure_values_by_fact() -> None:
    values = {
        fact.id: {name: (fig.value, fig.unit, fig.more_than) for name, fig in fact.figures.items()}
        for fact in FACTS_WITH_FIGURES
    }
    assert values == {
        "altai-trade-contracts": {
            "contracts": (114, "contract", False),
            "amount": (649_000_000, "rub", False),
        },
        "altai-medicine-patients": {"patients": (300, "person", True)},
        "penza-trade-supplies": {"volume": (330_000, "tonne", True)},
        "penza-trade-contracts": {"amount": (2_800_000_000, "rub", True)},
        "penza-medicine-patients": {"patients": (7_800, "person", True)},
        "hmao-trade-fish": {"volume": (200_000, "tonne", True)},
        "hmao-trade-contracts": {
            "contracts": (271, "contract", False),
            "amount": (242_000_000, "rub", True),
        },
        "hmao-medicine-patients": {"patients": (4_100, "person", True)},
    }


def test_periods_are_kept_per_figure() -> None:
    periods = {fact.id: fact.period for fact in FACTS_WITH_FIGURES}
    assert periods == {
        "altai-trade-contracts": Period(kind="since", start=2023),
        "altai-medicine-patients": Period(kind="since", start=2023),
        "penza-trade-supplies": Period(kind="year", start=2023),
        "penza-trade-contracts": None,  # the source gives no period for 2,8 млрд
        "penza-medicine-patients": Period(kind="range", start=2023, end=2025),
        "hmao-trade-fish": Period(kind="year", start=2023),
        "hmao-trade-contracts": Period(kind="range", start=2023, end=2025),
        "hmao-medicine-patients": Period(kind="since", start=2023),
    }


# ---------------------------------------------------------------- NOTES.md errors


def test_penza_7800_is_attributed_to_penza_with_a_note() -> None:
    fact = _fact("penza-medicine-patients")
    assert fact.region == "penza"
    assert fact.sector == "medicine"
    assert fact.paragraph == 16
    assert fact.figures["patients"] == Figure(
        value=7800, unit="person", measure="patients", more_than=True
    )
    assert fact.note is not None
    assert "ХМАО" in fact.note
    assert "по ошибке" in fact.note
    assert "Пензенской области" in fact.note
    # The only 7 800 in the content is this one.
    with_7800 = [
        f.id for f in CONTENT.facts if any(fig.value == 7800 for fig in f.figures.values())
    ]
    assert with_7800 == ["penza-medicine-patients"]


def test_no_7800_in_khmao_medicine() -> None:
    hmao_medicine = [f for f in CONTENT.facts if f.region == "hmao" and f.sector == "medicine"]
    assert [f.id for f in hmao_medicine] == ["hmao-medicine-patients"]
    values = [fig.value for f in hmao_medicine for fig in f.figures.values()]
    assert values == [4100]
    assert 7800 not in values


def test_previous_agreements() -> None:
    previous = {r.id: r.previous_agreement for r in CONTENT.regions}
    altai, hmao = previous["altai"], previous["hmao"]
    assert altai is not None and hmao is not None
    assert (altai.year, altai.paragraph) == (2020, 6)
    assert altai.note is not None and "2020" in altai.note
    assert hmao == PreviousAgreement(year=2018, paragraph=17)
    assert previous["penza"] is None
    assert "2020" in PARAGRAPHS[5] and "Алтай" in PARAGRAPHS[5]
    assert "2018" in PARAGRAPHS[16] and "ХМАО" in PARAGRAPHS[16]


def test_altai_krai_is_not_a_partner() -> None:
    region_ids = [r.id for r in CONTENT.regions]
    assert region_ids == ["altai", "penza", "hmao"]
    assert "altai-krai" not in region_ids
    assert all("край" not in r.name.lower() for r in CONTENT.regions)
    assert not [f.id for f in CONTENT.facts if f.region == "altai-krai"]
    places = read_gazetteer()
    krai, republic = places.subject("altai-krai"), places.subject(CONTENT.regions[0].subject)
    assert (krai.name, krai.confused_with) == ("Алтайский край", "altai")
    assert {n.lower() for n in republic.names}.isdisjoint(n.lower() for n in krai.names)
    assert set(republic.towns).isdisjoint(krai.towns)


# ---------------------------------------------------------------- problems are found


def test_changed_figure_is_reported() -> None:
    fact = _fact("penza-medicine-patients")
    figures = {"patients": fact.figures["patients"].model_copy(update={"value": 7900.0})}
    report = check_content(_with_fact(fact.id, figures=figures), SOURCE)
    assert report.problems == [
        "fact penza-medicine-patients: figure patients=7900 not in paragraph 16 "
        "(numbers there: [2023.0, 2025.0, 7800.0])"
    ]
    assert not report.ok
    assert report.figures_checked == 11


def test_wrong_paragraph_number_is_reported() -> None:
    report = check_content(_with_fact("hmao-medicine-patients", paragraph=17), SOURCE)
    assert report.problems == [
        "fact hmao-medicine-patients: figure patients=4100 not in paragraph 17 "
        "(numbers there: [2018.0, 2023.0, 200000.0])",
    ]
    # Paragraph 17 also says 2023, so the period passes and only the figure is flagged.
    report = check_content(_with_fact("altai-trade-contracts", paragraph=8), SOURCE)
    assert report.problems == [
        "fact altai-trade-contracts: figure contracts=114 not in paragraph 8 "
        "(numbers there: [300.0, 2023.0])",
        "fact altai-trade-contracts: figure amount=6.49e+08 not in paragraph 8 "
        "(numbers there: [300.0, 2023.0])",
    ]


def test_paragraph_beyond_the_text_is_reported() -> None:
    report = check_content(_with_fact("penza-ngo", paragraph=23), SOURCE)
    assert report.problems == ["fact penza-ngo: paragraph 23 does not exist (22 in text)"]
    assert report.facts_checked == 25


def test_wrong_period_year_is_reported() -> None:
    content = _with_fact(
        "penza-medicine-patients", period=Period(kind="range", start=2022, end=2025)
    )
    report = check_content(content, SOURCE)
    assert report.problems == [
        "fact penza-medicine-patients period: 2022 does not occur in its paragraph"
    ]
    assert report.years_checked == 11


def test_wrong_previous_agreement_year_is_reported() -> None:
    altai = CONTENT.regions[0]
    assert altai.previous_agreement is not None
    moved = altai.model_copy(
        update={"previous_agreement": altai.previous_agreement.model_copy(update={"year": 2019})}
    )
    content = CONTENT.model_copy(update={"regions": [moved, *CONTENT.regions[1:]]})
    assert check_content(content, SOURCE).problems == [
        "region altai previous agreement: 2019 does not occur in its paragraph"
    ]


def test_wrong_agreement_term_is_reported() -> None:
    regional = CONTENT.agreements[0]
    assert regional.term_years == 5
    content = CONTENT.model_copy(
        update={"agreements": [regional.model_copy(update={"term_years": 3})]}
    )
    assert check_content(content, SOURCE).problems == [
        "agreement regional term: 3 does not occur in its paragraph"
    ]


def test_wrong_head_is_reported() -> None:
    penza = CONTENT.regions[1]
    head = penza.head.model_copy(update={"name": "Иван Петров"})
    content = CONTENT.model_copy(
        update={"regions": [CONTENT.regions[0], penza.model_copy(update={"head": head})]}
    )
    assert check_content(content, SOURCE).problems == [
        "region penza: head Петров not in its paragraph"
    ]


def test_copied_text_is_reported() -> None:
    copied = "Фермеры из Алтая отправляют сыр, мясо и бакалею на московские прилавки."
    report = check_content(_with_fact("altai-trade-food", text=copied), SOURCE)
    assert report.problems == [
        "fact altai-trade-food: copies the source: «фермеры из алтая отправляют сыр мясо…»"
    ]


def test_copied_note_is_reported() -> None:
    note = "Тут сказано: С 2023 года более 300 жителей республики получили лечение."
    report = check_content(_with_fact("altai-medicine-patients", note=note), SOURCE)
    assert report.problems == [
        "fact altai-medicine-patients note: copies the source: «с 2023 года более 300 жителей…»"
    ]


def test_five_shared_words_are_not_copying() -> None:
    assert COPY_RUN_WORDS == 6
    own = "Фермеры из Алтая отправляют сыр — это знают все в столице."
    assert copied_runs(_with_fact("altai-trade-food", text=own), SOURCE) == []
    # Case and «ё» do not hide a copy.
    same = "ФЕРМЕРЫ из Алтая отправляют сыр, мясо — и всё."
    assert copied_runs(_with_fact("altai-trade-food", text=same), SOURCE) == [
        "fact altai-trade-food: copies the source: «фермеры из алтая отправляют сыр мясо…»"
    ]


def test_real_texts_copy_nothing() -> None:
    assert copied_runs(CONTENT, SOURCE) == []


# ---------------------------------------------------------------- numbers_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("свыше 7 800 жителей", {7800.0}),
        ("свыше 7\u00a0800 жителей", {7800.0}),
        ("свыше 7\u202f800 жителей", {7800.0}),
        ("более 2,8 миллиарда рублей", {2_800_000_000.0}),
        ("более 330 тысяч тонн продуктов", {330_000.0}),
        ("на сумму в 649 миллионов рублей", {649_000_000.0}),
        ("более 242 миллионов рублей", {242_000_000.0}),
        ("242 млн ₽ и 2,8 млрд ₽ и 200 тыс. тонн", {242e6, 2.8e9, 200e3}),
        ("С 2023 по 2025 годы", {2023.0, 2025.0}),
        ("271 контракт", {271.0}),
        ("Москва и регионы", set()),
    ],
)
def test_numbers_in(text: str, expected: set[float]) -> None:
    assert numbers_in(text) == expected


def test_numbers_in_source_paragraphs() -> None:
    assert numbers_in(PARAGRAPHS[5]) == {2020.0, 649e6, 114.0, 2023.0}
    assert numbers_in(PARAGRAPHS[12]) == {2023.0, 330e3}
    assert numbers_in(PARAGRAPHS[13]) == {2.8e9}
    assert numbers_in(PARAGRAPHS[15]) == {2023.0, 2025.0, 7800.0}
    assert numbers_in(PARAGRAPHS[17]) == {2023.0, 2025.0, 271.0, 242e6}


def test_mentions_number_in_words() -> None:
    assert mentions_number(PARAGRAPHS[2], 5)  # «пятилетний период»
    assert not mentions_number(PARAGRAPHS[2], 3)
    assert not mentions_number("семинар на востоке", 7)
    assert not mentions_number("шествие", 6)
    assert mentions_number("на пять лет", 5)
    assert mentions_number(PARAGRAPHS[15], 7800)


def test_numbers_in_decimal_with_scale_is_exact() -> None:
    assert numbers_in("4,1 млрд") == {4_100_000_000.0}
    assert numbers_in("2,01 млн") == {2_010_000.0}
