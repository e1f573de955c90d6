"""Screens for answers to free-text questions (`bot.engine.Answer`).

An answer that cannot answer in full starts with what the news does not give; figures
that follow are always labelled with their region and period; what the news covers
instead is named without figures.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.engine import Answer, AnswerKind, Coverage, Gap
from bot.services.content import Catalog
from bot.ui import screens
from bot.ui import text as fmt
from bot.ui.callbacks import NavCB, Page, RegionCB, SectorCB, SourceCB
from bot.ui.gaps import correction_line, gap_line, other_lines
from bot.ui.widgets import Screen, button, esc, home_button, sector_label
from db.models import Fact, Person, Region


def render(catalog: Catalog, answer: Answer) -> Screen:
    screen = _body(catalog, answer)
    if answer.others and answer.kind is not AnswerKind.OTHER_REGION:
        notes = [f"<i>{line}</i>" for line in other_lines(catalog, answer.others)[:-1]]
        return Screen("\n".join([*notes, "", screen.text]), screen.markup)
    return screen


def _body(catalog: Catalog, answer: Answer) -> Screen:
    kind = answer.kind
    regions = [catalog.regions[r] for r in answer.regions if r in catalog.regions]
    if kind is AnswerKind.OTHER_REGION:
        return screens.not_partner(catalog, answer.others)
    if kind is AnswerKind.CORRECTION:
        return _correction(catalog, answer)
    if kind is AnswerKind.SMALLTALK:
        return screens.fallback(catalog, smalltalk_text(answer.smalltalk or "greeting"))
    if kind is AnswerKind.UNKNOWN:
        intro = _preface(catalog, answer.gaps) or unknown_text()
        if answer.gaps:
            intro += "\n\n" + _("The bot knows only what the news says:") + "\n" + examples()
        return screens.fallback(catalog, intro)
    if kind is AnswerKind.AGREEMENT:
        screen = _agreement(catalog, regions) if regions else screens.about(catalog)
        return _prefixed(catalog, answer, screen)
    if kind is AnswerKind.REGION:
        screen = (
            screens.region_card(catalog, regions[0])
            if len(regions) == 1
            else _summaries(catalog, regions)
        )
        return _prefixed(catalog, answer, screen)
    if kind is AnswerKind.COMPARE and not answer.sectors:
        return _summaries(catalog, list(catalog.content.regions))
    return _facts(catalog, regions, answer)


def _preface(catalog: Catalog, gaps: tuple[Gap, ...]) -> str:
    lines = list(dict.fromkeys(gap_line(catalog, gap) for gap in gaps))
    return "\n".join(f"<b>{line}</b>" for line in lines)


def _prefixed(catalog: Catalog, answer: Answer, screen: Screen) -> Screen:
    preface = _preface(catalog, answer.gaps)
    return Screen(f"{preface}\n\n{screen.text}" if preface else screen.text, screen.markup)


def _facts(catalog: Catalog, regions: list[Region], answer: Answer) -> Screen:
    """Figures grouped by region and sector; what the news does not give goes first."""
    lines = [_preface(catalog, answer.gaps)] if answer.gaps else []
    groups = _groups(answer.facts)
    for (region_id, sector_id), facts in groups.items():
        lines += ["", f"<b>{esc(_title(catalog, region_id, sector_id))}</b>"]
        lines += [fmt.fact_line(f, with_note=False) for f in facts]
    if answer.covered and answer.coverage is Coverage.NONE:
        lines += ["", _covered_intro(catalog, answer)]
        lines += [f"• {esc(fmt.capitalise(fact.about))}" for fact in answer.covered]
    if answer.related:
        places = dict.fromkeys(
            catalog.regions[f.region].name if f.region else catalog.sectors[f.sector].title
            for f in answer.related
        )
        lines += [
            "",
            _("The news speaks of this for: {places}.").format(places=esc(", ".join(places))),
        ]
    builder = InlineKeyboardBuilder()
    pairs = [(r, s) for r, s in groups if r is not None]
    if len(groups) == 1:
        region_id, sector_id = next(iter(groups))
        builder.row(button(_("📎 Source"), SourceCB(sector=sector_id, region=region_id or "")))
    offered = [*_groups(answer.related), *(_groups(answer.covered) if not groups else {})]
    for region_id, sector_id in dict.fromkeys([*pairs, *offered]):
        if region_id is not None:
            label = _title(catalog, region_id, sector_id, short=True)
            builder.row(button(label, RegionCB(region=region_id, sector=sector_id)))
    for sector_id in dict.fromkeys(s for r, s in [*groups, *offered] if r is None):
        builder.row(button(sector_label(catalog.sectors[sector_id]), SectorCB(sector=sector_id)))
    for region in regions:
        builder.row(_card_button(region))
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _groups(facts: tuple[Fact, ...]) -> dict[tuple[str | None, str], list[Fact]]:
    groups: dict[tuple[str | None, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault((fact.region, fact.sector), []).append(fact)
    return groups


def _title(catalog: Catalog, region_id: str | None, sector_id: str, *, short: bool = False) -> str:
    sector = sector_label(catalog.sectors[sector_id])
    if region_id is None:
        return sector
    region = catalog.regions[region_id]
    return f"{region.short_name if short else region.name} · {sector}"


def _covered_intro(catalog: Catalog, answer: Answer) -> str:
    regions = {f.region for f in answer.covered}
    if len(regions) == 1 and None not in regions:
        region = catalog.regions[next(iter(regions)) or ""]
        return _("What the news does give about {region}:").format(region=esc(region.prepositional))
    return _("What the news does give on this:")


def _card_button(region: Region) -> InlineKeyboardButton:
    return button(
        _("📍 {region}: overview").format(region=region.short_name), RegionCB(region=region.id)
    )


def _summaries(catalog: Catalog, regions: list[Region]) -> Screen:
    lines: list[str] = []
    for region in regions:
        lines += ["", f"<b>{esc(region.name)}</b>"]
        lines += [fmt.fact_line(f, with_note=False) for f in catalog.key_facts(region.id)]
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(_card_button(region))
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _agreement(catalog: Catalog, regions: list[Region]) -> Screen:
    lines: list[str] = []
    for region in regions:
        lines += [
            "",
            f"<b>{esc(region.name)}</b>",
            *screens.agreement_lines(catalog, region, with_note=False),
        ]
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(_card_button(region))
    builder.row(button(_("📄 About the agreements"), NavCB(page=Page.ABOUT)))
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _correction(catalog: Catalog, answer: Answer) -> Screen:
    correction = answer.correction
    if correction is None:
        return screens.fallback(catalog, unknown_text())
    people: list[Person] = [r.head for r in catalog.content.regions]
    people += [p for a in catalog.content.agreements for p in a.parties]
    persons = {p.surname.lower(): f"{p.name} — {p.title}" for p in people}
    lines = [f"<b>{correction_line(catalog, correction, persons)}</b>"]
    builder = InlineKeyboardBuilder()
    fact = correction.fact
    if fact is not None:
        lines += [
            "",
            f"<b>{esc(_title(catalog, fact.region, fact.sector))}</b>",
            fmt.fact_line(fact, with_note=False),
        ]
        if fact.region is not None:
            builder.row(button(_("📎 Source"), SourceCB(sector=fact.sector, region=fact.region)))
    for region in [catalog.regions[r] for r in answer.regions if r in catalog.regions]:
        builder.row(_card_button(region))
    builder.row(button(_("📄 About the agreements"), NavCB(page=Page.ABOUT)))
    builder.row(home_button())
    return Screen("\n".join(lines), builder.as_markup())


def smalltalk_text(kind: str) -> str:
    if kind == "thanks":
        return _("You're welcome! Ask again any time.")
    if kind == "capabilities":
        return (
            _(
                "I know how Moscow cooperates with its partner regions: trade, medicine, "
                "education, culture, sport, NGOs and the digitalisation of construction. "
                "Ask in your own words, for example:"
            )
            + "\n"
            + examples()
        )
    return _("Hello! Ask me about Moscow's partner regions, for example:") + "\n" + examples()


def unknown_text() -> str:
    return (
        _(
            "I found no answer to that in what I know: Moscow's agreements with the Altai "
            "Republic, Penza Oblast and Khanty-Mansi Autonomous Okrug – Yugra. Try asking, "
            "for example:"
        )
        + "\n"
        + examples()
    )


def example_questions() -> list[str]:
    return [
        _("How many Penza residents were treated in Moscow?"),
        _("How much fish did Yugra supply to Moscow?"),
        _("What is «Moscow Seasons»?"),
    ]


def examples() -> str:
    return "\n".join(f"• {esc(question)}" for question in example_questions())
