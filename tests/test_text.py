"""Russian numbers, plural forms, periods and the completeness of the catalog."""

from __future__ import annotations

import string

import pytest
from aiogram.utils.i18n import I18n, ngettext
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR
from bot.services.content import Catalog
from bot.ui import text
from db.models import Fact, Figure, Period

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 контракт"),
        (2, "2 контракта"),
        (4, "4 контракта"),
        (5, "5 контрактов"),
        (11, "11 контрактов"),
        (12, "12 контрактов"),
        (14, "14 контрактов"),
        (21, "21 контракт"),
        (22, "22 контракта"),
        (25, "25 контрактов"),
        (111, "111 контрактов"),
        (114, "114 контрактов"),
        (271, "271 контракт"),
        (1001, f"1{NBSP}001 контракт"),
    ],
)
def test_contract_plural_forms(i18n: I18n, n: int, expected: str) -> None:
    assert text.figure(Figure(value=n, unit="contract", measure="contracts")) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "более 1 контракта"),
        (2, "более 2 контрактов"),
        (21, "более 21 контракта"),
        (100, "более 100 контрактов"),
    ],
)
def test_more_than_takes_the_genitive(i18n: I18n, n: int, expected: str) -> None:
    assert (
        text.figure(Figure(value=n, unit="contract", measure="contracts", more_than=True))
        == expected
    )


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (
            Figure(value=7800, unit="person", measure="patients", more_than=True),
            f"более 7{NBSP}800 жителей",
        ),
        (
            Figure(value=4100, unit="person", measure="patients", more_than=True),
            f"более 4{NBSP}100 жителей",
        ),
        (Figure(value=300, unit="person", measure="patients", more_than=True), "более 300 жителей"),
        (Figure(value=1, unit="person", measure="patients"), "1 житель"),
        (Figure(value=3, unit="person", measure="patients"), "3 жителя"),
        (
            Figure(value=2_800_000_000, unit="rub", measure="contract_sum", more_than=True),
            "более 2,8 млрд ₽",
        ),
        (Figure(value=649_000_000, unit="rub", measure="contract_sum"), "649 млн ₽"),
        (
            Figure(value=242_000_000, unit="rub", measure="contract_sum", more_than=True),
            "более 242 млн ₽",
        ),
        (Figure(value=12_500, unit="rub", measure="contract_sum"), "12,5 тыс. ₽"),
        (
            Figure(value=330_000, unit="tonne", measure="supplies", more_than=True),
            "более 330 тыс. т",
        ),
        (Figure(value=200_000, unit="tonne", measure="supplies"), "200 тыс. т"),
        (Figure(value=2, unit="tonne", measure="supplies"), "2 т"),
        (Figure(value=5, unit="tonne", measure="supplies"), "5 т"),
    ],
)
def test_figures_the_russian_way(i18n: I18n, figure: Figure, expected: str) -> None:
    assert text.figure(figure) == expected


def test_numbers(i18n: I18n) -> None:
    assert text.number(7800) == f"7{NBSP}800"
    assert text.number(2.8) == "2,8"
    assert text.number(1_234_567) == f"1{NBSP}234{NBSP}567"
    assert text.number(649) == "649"


def test_periods(i18n: I18n) -> None:
    assert text.period(Period(kind="since", start=2023)) == "с 2023 года"
    assert text.period(Period(kind="year", start=2023)) == "за 2023 год"
    assert text.period(Period(kind="range", start=2023, end=2025)) == "с 2023 по 2025 год"
    assert text.period(None) == "период в новости не указан"


def test_years(i18n: I18n) -> None:
    assert [text.years(n) for n in (1, 2, 5)] == ["1 год", "2 года", "5 лет"]


def test_fact_line_escapes_and_capitalises(i18n: I18n) -> None:
    fact = Fact(
        id="x",
        sector="trade",
        about="x",
        text="{n} <компаний> & партнёров.",
        figures={"n": Figure(value=5, unit="contract", measure="contracts", more_than=True)},
        period=Period(kind="year", start=2023),
        paragraph=1,
        note="a < b",
    )
    line = text.fact_line(fact)
    assert line.startswith("• <b>Более 5 контрактов</b> &lt;компаний&gt; &amp; партнёров")
    assert "(за 2023 год)</i>." in line
    assert "a &lt; b" not in line  # notes on the source go to «Источник» only


def test_clip() -> None:
    assert text.clip("  a   b  ", 10) == "a b"
    assert text.clip("x" * 100, 10) == "x" * 9 + "…"


def test_every_figure_of_the_content_renders(i18n: I18n, catalog: Catalog) -> None:
    for fact in catalog.content.facts:
        line = text.fact_line(fact)
        for name in fact.figures:
            assert "{" + name + "}" not in line
        assert "{" not in line


def _catalog_entries() -> list[tuple[object, object]]:
    with (LOCALES_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="ru")
    return [(m.id, m.string) for m in catalog if m.id]


def _fields(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}


def test_catalog_is_complete_and_placeholders_match() -> None:
    entries = _catalog_entries()
    assert len(entries) > 50
    for msgid, msgstr in entries:
        ids = [msgid] if isinstance(msgid, str) else list(msgid)  # type: ignore[call-overload]
        strings = [msgstr] if isinstance(msgstr, str) else list(msgstr)  # type: ignore[call-overload]
        if not isinstance(msgid, str):
            assert len(strings) == 3, msgid  # Russian: one, few, many
        for translated in strings:
            assert translated, f"untranslated: {msgid!r}"
            assert _fields(translated) == _fields(ids[0]), msgid
            assert translated != ids[0], f"left in English: {msgid!r}"


def test_ngettext_uses_russian_plural_rule(i18n: I18n) -> None:
    forms = [ngettext("{n} year", "{n} years", n).format(n=n) for n in (1, 3, 7, 11, 101)]
    assert forms == ["1 год", "3 года", "7 лет", "11 лет", "101 год"]


def test_long_messages_are_cut_between_lines() -> None:
    from bot.ui.respond import fit

    lines = [f"<b>строка {i}</b> " + "х" * 90 for i in range(100)]
    text = "\n".join(lines)
    cut = fit(text)
    assert len(cut) <= 4096
    assert cut.endswith("\n…")
    kept = cut.split("\n")[:-1]
    assert kept == lines[: len(kept)] and len(kept) > 30
    assert fit("коротко") == "коротко"


def test_counts_must_be_whole_and_tonnes_may_be_fractions(i18n: I18n) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="must be a whole number"):
        Figure(value=7800.5, unit="person", measure="patients")
    assert text.figure(Figure(value=2.5, unit="tonne", measure="supplies")) == "2,5 т"
