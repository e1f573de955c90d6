"""Figures in sentences: a fact's figure with what it counts and its period, a region as
the place a figure belongs to («из Пензенской области», «у ХМАО — Югры»), figures computed
from the news (a total, a difference, a conversion) in Russian units."""

from __future__ import annotations

import math

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.engine import Item
from bot.services.content import Catalog
from bot.ui import text as fmt
from bot.ui.widgets import esc
from db.models import Figure

# Measures of things that come from a region («из»), and those a region has («у»).
FROM_REGION = frozenset({"patients", "supplies"})


def amount(item: Item, *, genitive: bool = False) -> str:
    """«более 330 тыс. т продуктов», «114 контрактов»."""
    figure = item.fact.figures[item.figure]
    phrase = fmt.figure(figure, genitive=genitive)
    return f"{phrase} {figure.of}" if figure.of else phrase


def period(item: Item) -> str:
    return fmt.period(item.fact.period)


def dated(item: Item) -> str:
    """«более 7 800 жителей (с 2023 по 2025 год)»."""
    return f"{esc(amount(item))} ({esc(period(item))})"


def region_name(catalog: Catalog, region: str | None, case: str = "nomn") -> str:
    found = catalog.regions.get(region or "")
    return "" if found is None else found.called(case, short=True)  # type: ignore[arg-type]


def placed(catalog: Catalog, item: Item, measure: str | None) -> str:
    """«более 4 100 жителей из ХМАО — Югры (с 2023 года)»: a figure in a row of several."""
    where = region_name(catalog, item.region, "gent") if measure == "patients" else None
    where = where or place(catalog, item, measure)  # «жителей ХМАО — Югры», «из Пензенской…»
    return f"{esc(amount(item))} {esc(where)} ({esc(period(item))})"


def place(catalog: Catalog, item: Item, measure: str | None) -> str:
    """Where a figure belongs: «из Пензенской области» (people, goods), «у ХМАО — Югры»."""
    name = region_name(catalog, item.region, "gent")
    if measure in FROM_REGION:
        return _("from {region}").format(region=name)
    return _("at {region}").format(region=name)


def computed(value: float, unit: str, *, at_least: bool) -> str:
    """A figure computed from the news, «не менее …» where its parts were «более …»."""
    whole = unit in ("person", "contract")
    figure = Figure(
        value=math.floor(value) if whole else _rounded(value, at_least=at_least),
        unit=unit,
        measure=MEASURES[unit],
    )
    phrase = fmt.figure(figure)
    return _("at least {figure}").format(figure=phrase) if at_least else phrase


MEASURES = {"person": "patients", "contract": "contracts", "rub": "contract_sum",
             "tonne": "supplies"}  # fmt: skip


def _rounded(value: float, *, at_least: bool) -> float:
    """Three significant figures of a computed sum or difference (never up for a bound)."""
    if value <= 0:
        return value
    digits = 2 - math.floor(math.log10(value))
    scale = 10.0**digits
    rounded = (math.floor if at_least else round)(value * scale) / scale
    return float(rounded)


def times(ratio: float) -> str:
    """«в 2,4 раза», «в 26 раз»: a ratio to one decimal."""
    shown = math.floor(ratio * 10) / 10
    if shown.is_integer():
        n = int(shown)
        return ngettext("{n} time", "{n} times", n).format(n=fmt.number(n))
    return _("{n} times (fraction)").format(n=fmt.number(shown))


def converted(item: Item, target: str) -> str:
    """The figure in the unit asked: 649 млн ₽ in billions is «0,649 млрд ₽»."""
    figure = item.fact.figures[item.figure]
    return in_units(figure, target)


def in_units(figure: Figure, target: str) -> str:
    value, unit = figure.value, figure.unit
    more = figure.more_than
    if unit == "rub":
        scale = {"bn": (1e9, _("{n} bn RUB")), "mln": (1e6, _("{n} mln RUB")),
                 "thousand": (1e3, _("{n} thousand RUB")), "rub": (1.0, _("{n} RUB"))}  # fmt: skip
        divisor, pattern = scale[target]
        phrase = pattern.format(n=fmt.number(value / divisor))
    elif unit == "tonne":
        if target == "kg":
            kg = value * 1000
            phrase = (
                _("{n} mln kg").format(n=fmt.number(kg / 1e6))
                if kg >= 1e6
                else _("{n} kg").format(n=fmt.number(kg))
            )
        elif target == "centner":
            phrase = _("{n} thousand centners").format(n=fmt.number(value * 10 / 1e3))
        elif target == "mln":
            phrase = _("{n} mln tonnes").format(n=fmt.number(value / 1e6))
        elif target == "thousand":
            phrase = _("{n} thousand tonnes").format(n=fmt.number(value / 1e3))
        else:
            phrase = _("{n} t (full)").format(n=fmt.number(value))
    elif target == "thousand":
        pattern = _("{n} thousand people") if unit == "person" else _("{n} thousand contracts")
        phrase = pattern.format(n=fmt.number(value / 1e3))
    else:
        phrase = fmt.figure(figure.model_copy(update={"more_than": False}))
    return _("more than {figure}").format(figure=phrase) if more else phrase
