"""The first sentence of an answer: the answer to the question as asked («Больше — из
Пензенской области: …», «Всего — не менее 12 200 жителей: …», «Да.», «Срок соглашения о
цифровизации строительства в новости не указан …»), worded from the engine's `Lead`."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.engine import Answer, Lead, LeadKind
from bot.services.content import Catalog
from bot.ui import figures as fig
from bot.ui import gaps, talk
from bot.ui import text as fmt
from bot.ui.widgets import esc
from db.models import Figure


def lead_line(catalog: Catalog, answer: Answer, lead: Lead) -> str:
    """The opening sentence for `lead` (HTML); "" when the facts themselves open."""
    kind = lead.kind
    if kind is LeadKind.FACT:
        return fmt.fact_line(answer.facts[0]).removeprefix("• ") if answer.facts else ""
    if kind is LeadKind.BY_REGION:
        return _by_region(catalog, lead)
    if kind in (LeadKind.COMPARE, LeadKind.RANK):
        return _compare(catalog, lead)
    if kind in (LeadKind.DIFFERENCE, LeadKind.RATIO):
        return _difference(catalog, lead)
    if kind is LeadKind.ONLY:
        return _only(catalog, lead)
    if kind is LeadKind.NO_COMPARISON:
        if lead.measure is None:
            return _("The news does not compare the regions by that; here is what it gives:")
        return _("The news gives no such figures for these regions.")
    if kind is LeadKind.TOTAL:
        return _total(catalog, lead)
    if kind is LeadKind.CONVERT:
        return _convert(catalog, lead)
    if kind is LeadKind.AVERAGE:
        return _average(catalog, lead)
    if kind is LeadKind.NO_RATE:
        return _no_rate(lead)
    if kind is LeadKind.LIST:
        return _list(catalog, lead)
    if kind is LeadKind.SECTORS:
        return _sectors(catalog, lead)
    return talk.lead_line(catalog, answer, lead)


def _sentence(parts: list[str]) -> str:
    return " ".join(part for part in parts if part)


def _missing(catalog: Catalog, lead: Lead) -> str:
    if not lead.missing:
        return ""
    names = fmt.listing([fig.region_name(catalog, r, "gent") for r in lead.missing])
    pattern = {
        "patients": _("The news gives no number of residents treated for {regions}."),
        "contracts": _("The news gives no number of contracts for {regions}."),
        "contract_sum": _("The news gives no sum of contracts for {regions}."),
        "supplies": _("The news gives no volume of supplies for {regions}."),
    }.get(lead.measure or "", _("The news gives no such figure for {regions}."))
    return pattern.format(regions=esc(names))


def _periods(lead: Lead) -> str:
    return _("The periods of the figures differ.") if lead.periods_differ else ""


def _by_region(catalog: Catalog, lead: Lead) -> str:
    title = {
        "patients": _("Residents treated in Moscow"),
        "contracts": _("Contracts under Moscow's state procurement"),
        "contract_sum": _("Sum of contracts under Moscow's state procurement"),
        "supplies": _("Supplies to Moscow"),
    }.get(lead.measure or "", _("By region"))
    rows = [fig.placed(catalog, i, lead.measure) for i in lead.items]
    return f"{title}: " + "; ".join(rows) + "."


def _compare(catalog: Catalog, lead: Lead) -> str:
    items = lead.items
    if lead.kind is LeadKind.RANK or len(items) > 2:
        return _ranking(catalog, lead)
    first, second = items
    pattern = (
        _("Less — {place}: {figure} against {other}.")
        if lead.less
        else _("More — {place}: {figure} against {other}.")
    )
    other = f"{esc(fig.amount(second, genitive=True))} "
    other += f"{esc(fig.place(catalog, second, lead.measure))} "
    other += f"({esc(fig.period(second))})"
    line = pattern.format(
        place=esc(fig.place(catalog, first, lead.measure)), figure=fig.dated(first), other=other
    )
    return _sentence([line, _periods(lead), _missing(catalog, lead)])


def _ranking(catalog: Catalog, lead: Lead) -> str:
    title = {
        "patients": _("By the number of residents treated in Moscow"),
        "contracts": _("By the number of contracts under Moscow's state procurement"),
        "contract_sum": _("By the sum of contracts under Moscow's state procurement"),
        "supplies": _("By the volume of supplies to Moscow"),
    }.get(lead.measure or "", _("In order"))
    if lead.less:
        title = _("{title}, from the least").format(title=title)
    rows = [
        f"{n}) {fig.placed(catalog, i, lead.measure)}" for n, i in enumerate(lead.items, start=1)
    ]
    line = f"{title}: " + "; ".join(rows) + "."
    return _sentence([line, _periods(lead), _missing(catalog, lead)])


def _pair(catalog: Catalog, lead: Lead) -> str:
    return "; ".join(fig.placed(catalog, i, lead.measure) for i in lead.items)


def _difference(catalog: Catalog, lead: Lead) -> str:
    big = max(lead.items, key=lambda i: i.value)
    unit = big.fact.figures[big.figure].unit
    if lead.value is None:
        line = _("The news gives: {pair}.").format(pair=_pair(catalog, lead))
    elif lead.approximate and lead.kind is LeadKind.RATIO:
        line = _(
            "{place} has about {times} more by the figures of the news (both are given as "
            "«more than», so this is an estimate): {pair}."
        ).format(
            place=esc(fmt.capitalise(fig.place(catalog, big, lead.measure))),
            times=esc(fig.times(lead.value)),
            pair=_pair(catalog, lead),
        )
    elif lead.approximate:
        line = _(
            "The difference is about {value} by the figures of the news (both are given as "
            "«more than», so this is an estimate): {pair}."
        ).format(
            value=esc(fig.computed(lead.value, unit, at_least=False)), pair=_pair(catalog, lead)
        )
    elif lead.kind is LeadKind.RATIO:
        line = _("{place} has {times} more, by the news' figures: {pair}.").format(
            place=esc(fmt.capitalise(fig.place(catalog, big, lead.measure))),
            times=esc(_("at least {figure}").format(figure=fig.times(lead.value)))
            if lead.at_least
            else esc(fig.times(lead.value)),
            pair=_pair(catalog, lead),
        )
    else:
        line = _("The difference is {value}, by the news' figures: {pair}.").format(
            value=esc(fig.computed(lead.value, unit, at_least=lead.at_least)),
            pair=_pair(catalog, lead),
        )
    return _sentence([line, _periods(lead)])


def _only(catalog: Catalog, lead: Lead) -> str:
    found = lead.items[0]
    others = fmt.listing([fig.region_name(catalog, r, "gent") for r in lead.missing])
    return _(
        "The news gives this figure only for {region}: {figure}; for {others} it gives none."
    ).format(
        region=esc(fig.region_name(catalog, found.region, "gent")),
        figure=fig.dated(found),
        others=esc(others),
    )


def _total(catalog: Catalog, lead: Lead) -> str:
    if len(lead.items) == 1:
        return _only(catalog, lead) if lead.missing else fmt.fact_line(lead.items[0].fact)[2:]
    first = lead.items[0]
    unit = first.fact.figures[first.figure].unit
    parts = "; ".join(fig.placed(catalog, i, lead.measure) for i in lead.items)
    line = _("In all — {value}: {parts}.").format(
        value=esc(fig.computed(lead.value or 0.0, unit, at_least=lead.at_least)), parts=parts
    )
    return _sentence([line, _periods(lead), _missing(catalog, lead)])


def _convert(catalog: Catalog, lead: Lead) -> str:
    if not lead.items and lead.value is not None:  # the question's own figure
        unit = lead.word
        figure = Figure(value=lead.value, unit=unit, measure=fig.MEASURES[unit])
        return _("{figure} is {converted}.").format(
            figure=esc(fmt.figure(figure)), converted=esc(fig.in_units(figure, lead.target or ""))
        )
    rows = []
    for item in lead.items:
        if lead.target == "per_year":
            rows.append(
                _("{region}: {figure}, for {period} only").format(
                    region=esc(fig.region_name(catalog, item.region)),
                    figure=esc(fig.amount(item)),
                    period=esc(fig.period(item)),
                )
            )
            continue
        rows.append(
            _("{region}: {figure} is {converted} ({period})").format(
                region=esc(fig.region_name(catalog, item.region)),
                figure=esc(fig.amount(item)),
                converted=esc(fig.converted(item, lead.target or "unit")),
                period=esc(fig.period(item)),
            )
        )
    line = "; ".join(rows) + "."
    if lead.target == "per_year":
        line += " " + _("The news gives no figures for other years.")
    return line


def _average(catalog: Catalog, lead: Lead) -> str:
    if lead.target in ("per_month", "per_day"):
        return _over_time(catalog, lead)
    rows = []
    pairs = list(zip(lead.items[::2], lead.items[1::2], strict=True))
    for money, count in pairs:
        per = money.value / count.value
        rows.append(
            _("{value} {place} ({money} for {count})").format(
                place=esc(fig.place(catalog, money, "contract_sum")),
                value=esc(
                    fig.computed(per, "rub", at_least=money.more_than)
                    if money.more_than
                    else _("about {figure}").format(figure=fig.computed(per, "rub", at_least=False))
                ),
                money=esc(fig.amount(money)),
                count=esc(fig.amount(count)),
            )
        )
    return _("On average per contract, worked out from the news' figures: {rows}.").format(
        rows="; ".join(rows)
    )


def _over_time(catalog: Catalog, lead: Lead) -> str:
    """A year's figure per month or per day: a calculation from the news, labelled."""
    parts = 12 if lead.target == "per_month" else 365
    rows = []
    for item in lead.items:
        unit = item.fact.figures[item.figure].unit
        rows.append(
            _("{value} {place} ({figure} {period} divided by {parts})").format(
                place=esc(fig.place(catalog, item, item.fact.figures[item.figure].measure)),
                value=esc(fig.computed(item.value / parts, unit, at_least=item.more_than)),
                figure=esc(fig.amount(item)),
                period=esc(fig.period(item)),
                parts=parts,
            )
        )
    pattern = (
        _("On average a month, worked out from the news' figures: {rows}.")
        if lead.target == "per_month"
        else _("On average a day, worked out from the news' figures: {rows}.")
    )
    return pattern.format(rows="; ".join(rows))


def _no_rate(lead: Lead) -> str:
    if not lead.items:
        return _("The news gives no such calculation.")
    return {
        "per_year": _("The news gives no yearly figure, only the figure for its period:"),
        "per_month": _("The news gives no monthly figure, only the figure for its period:"),
        "per_day": _("The news gives no daily figure, only the figure for its period:"),
        "average": _("The news gives no average, only the figure for its period:"),
        "percent": _("The news gives no shares or percentages, only the figures themselves:"),
        "per_person": _("The news gives no figures per person, only the totals:"),
        "currency": _("The news gives sums in roubles only:"),
        "per_contract": _("The average sum of a contract cannot be worked out here:"),
    }.get(lead.target or "", _("The news does not give this figure in such units:"))


def _regions(catalog: Catalog, regions: tuple[str, ...], case: str) -> str:
    return esc(fmt.listing([fig.region_name(catalog, r, case) for r in regions]))


def _list(catalog: Catalog, lead: Lead) -> str:
    """Which regions the news names for something, the topic named: «О рыбе в новости …»."""
    about = gaps.about(lead.word) if lead.word else _("about this")
    if not lead.regions:
        line = _("{about}, the news says nothing for any of the regions.").format(about=about)
    elif not lead.others:
        line = _("{about}, the news speaks for all the regions: {regions}.").format(
            about=about, regions=_regions(catalog, lead.regions, "nomn")
        )
    elif lead.target == "negated":
        line = _(
            "{about}, the news speaks only for {regions}; for {others} it says nothing on "
            "this (which does not mean there is none)."
        ).format(
            about=about,
            regions=_regions(catalog, lead.regions, "datv"),
            others=_regions(catalog, lead.others, "loct"),
        )
    else:
        line = _("{about}, the news speaks for {regions}; for {others} it does not.").format(
            about=about,
            regions=_regions(catalog, lead.regions, "datv"),
            others=_regions(catalog, lead.others, "loct"),
        )
    return fmt.capitalise(line)


def _sectors(catalog: Catalog, lead: Lead) -> str:
    lines = []
    for region_id in lead.regions:
        region = catalog.regions[region_id]
        lines.append(
            _("The news tells of Moscow's cooperation with {region} in: {sectors}.").format(
                region=esc(region.called("ablt")),
                sectors=esc(talk.sector_list(catalog, region_id)),
            )
        )
    return "\n".join(lines)
