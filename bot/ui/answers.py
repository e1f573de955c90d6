"""Screens for answers to free-text questions (see `bot.services.questions`)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.services import text as fmt
from bot.services.content import Catalog
from bot.services.questions import Answer, AnswerKind
from bot.ui import screens
from bot.ui.callbacks import NavCB, Page, RegionCB, SourceCB
from bot.ui.widgets import Screen, button, esc, home_button, sector_label
from db.models import Fact, Region


def render(catalog: Catalog, answer: Answer) -> Screen:
    kind = answer.kind
    regions = [catalog.regions[r] for r in answer.regions if r in catalog.regions]
    if kind is AnswerKind.FACTS:
        return _facts(catalog, regions, answer)
    if kind is AnswerKind.REGION:
        screen = (
            screens.region_card(catalog, regions[0])
            if len(regions) == 1
            else _summaries(catalog, regions)
        )
        if answer.off_topic:
            notice = _("I have nothing on that exactly; here is what I know about the region.")
            return Screen(f"<i>{notice}</i>\n\n{screen.text}", screen.markup)
        return screen
    if kind is AnswerKind.COMPARE:
        if not answer.sectors:
            return _summaries(catalog, list(catalog.content.regions))
        if len(answer.sectors) == 1:
            return screens.sector_overview(
                catalog, catalog.sectors[answer.sectors[0]], answer.facts
            )
        return _facts(catalog, [], answer)
    if kind is AnswerKind.AGREEMENT:
        return _agreement(catalog, regions) if regions else screens.about(catalog)
    if kind is AnswerKind.OTHER_REGION and answer.other is not None:
        other = next(o for o in catalog.content.other_regions if o.id == answer.other)
        return screens.other_region(catalog, other)
    if kind is AnswerKind.SMALLTALK:
        return screens.fallback(catalog, smalltalk_text(answer.smalltalk or "greeting"))
    return screens.fallback(catalog, unknown_text())


def _facts(catalog: Catalog, regions: list[Region], answer: Answer) -> Screen:
    """The facts grouped by region and sector, and plainly which asked pairs have none."""
    groups: dict[tuple[str | None, str], list[Fact]] = {}
    for fact in answer.facts:
        groups.setdefault((fact.region, fact.sector), []).append(fact)
    lines: list[str] = []
    for (region_id, sector_id), facts in groups.items():
        title = sector_label(catalog.sectors[sector_id])
        if region_id is not None:
            title = f"{catalog.regions[region_id].name} · {title}"
        lines += ["", f"<b>{esc(title)}</b>", *map(fmt.fact_line, facts)]
    for region in regions:
        for sector_id in answer.sectors:
            if (region.id, sector_id) not in groups:
                lines += ["", _no_facts(catalog, region, sector_id)]
    builder = InlineKeyboardBuilder()
    pairs = [(r, s) for r, s in groups if r is not None]
    if len(pairs) == 1 and len(groups) == 1:
        region_id, sector_id = pairs[0]
        builder.row(button(_("📎 Source"), SourceCB(sector=sector_id, region=region_id)))
    for region_id, sector_id in pairs:
        label = (
            f"{catalog.regions[region_id].short_name} · {sector_label(catalog.sectors[sector_id])}"
        )
        builder.row(button(label, RegionCB(region=region_id, sector=sector_id)))
    for region in regions:
        builder.row(_card_button(region))
        if not any(r == region.id for r, _s in pairs):  # nothing asked was there: offer what is
            offered = [
                button(sector_label(s), RegionCB(region=region.id, sector=s.id))
                for s in catalog.sectors_of(region.id)
            ]
            for i in range(0, len(offered), 2):
                builder.row(*offered[i : i + 2])
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _no_facts(catalog: Catalog, region: Region, sector_id: str) -> str:
    return _("The source says nothing about «{sector}» for {region}.").format(
        sector=esc(catalog.sectors[sector_id].title), region=esc(region.genitive)
    )


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
        lines += ["", f"<b>{esc(region.name)}</b>", *screens.agreement_lines(catalog, region)]
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(_card_button(region))
    builder.row(button(_("📄 About the agreements"), NavCB(page=Page.ABOUT)))
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


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
