"""Screens: the text and inline keyboard of every view of the bot."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.engine import OtherPlace
from bot.services.content import Catalog
from bot.ui import text as fmt
from bot.ui.callbacks import NavCB, Page, RegionCB, SectorCB, SourceCB
from bot.ui.gaps import other_lines
from bot.ui.widgets import (
    Screen,
    back_button,
    button,
    esc,
    home_button,
    keyboard,
    region_buttons,
    sector_label,
)
from db.models import Fact, Person, Region, Sector

USER_ECHO_LIMIT = 60


def main_menu(catalog: Catalog) -> Screen:
    text = _(
        "<b>Moscow and its partner regions</b>\n\n"
        "I tell how Moscow works with {regions}: trade, medicine, education, culture "
        "and more. Every figure comes with its period and its source.\n\n"
        "Choose a region or a section:"
    ).format(regions=esc(", ".join(r.short_name for r in catalog.content.regions)))
    buttons = region_buttons(catalog)
    buttons += [
        button(_("📊 By sector"), NavCB(page=Page.SECTORS)),
        button(_("📄 About the agreements"), NavCB(page=Page.ABOUT)),
        button(_("❓ Help"), NavCB(page=Page.HELP)),
    ]
    return Screen(text, keyboard(buttons))


def region_picker(catalog: Catalog, intro: str | None = None) -> Screen:
    text = intro or _("Choose a partner region:")
    return Screen(text, keyboard(region_buttons(catalog), tail=[home_button()]))


def region_not_found(catalog: Catalog, query: str) -> Screen:
    intro = _(
        "I don't know a partner region called «{query}». Moscow's partners in these "
        "agreements are the regions below:"
    ).format(query=esc(fmt.clip(query, USER_ECHO_LIMIT)))
    return region_picker(catalog, intro)


def not_partner(catalog: Catalog, others: Sequence[OtherPlace]) -> Screen:
    """Places that are not partners: said so, with the partners (a look-alike's first)."""
    builder = InlineKeyboardBuilder()
    suggested = [p.confused_with for p in others if p.confused_with]
    for region_id in dict.fromkeys([*suggested, *catalog.regions]):
        region = catalog.regions[region_id]
        builder.row(button(region.short_name, RegionCB(region=region.id)))
    builder.row(home_button())
    return Screen("\n".join(other_lines(catalog, tuple(others))), builder.as_markup())


def person(p: Person) -> str:
    return f"{p.title} {p.name}"


def agreement_lines(catalog: Catalog, region: Region, *, with_note: bool = True) -> list[str]:
    """Who signed the region's agreement, its term and areas, the agreement it continues."""
    regional = catalog.partners_agreement
    lines = [
        _("🤝 Signed by {moscow} and {head}.").format(
            moscow=esc(", ".join(person(p) for p in regional.parties)),
            head=esc(person(region.head)),
        )
    ]
    if regional.term_years:
        lines.append(
            _("📄 Term: {term}; cooperation: {areas}.").format(
                term=fmt.years(regional.term_years), areas=esc(", ".join(regional.areas))
            )
        )
    prev = region.previous_agreement
    if prev is not None:
        lines.append(
            _("🔁 Continues the previous bilateral agreement of {year}.").format(year=prev.year)
        )
        if prev.note and with_note:
            lines.append(_("<i>Note: {note}</i>").format(note=esc(prev.note)))
    return lines


def region_card(catalog: Catalog, region: Region) -> Screen:
    lines = [f"<b>{esc(region.name)}</b>", "", *agreement_lines(catalog, region)]
    key = catalog.key_facts(region.id)
    if key:
        lines += ["", _("<b>Key figures</b>")]
        lines += [fmt.fact_line(f, with_note=False) for f in key]
    lines += ["", _("Choose a sector:")]
    sectors = [
        button(sector_label(s), RegionCB(region=region.id, sector=s.id))
        for s in catalog.sectors_of(region.id)
    ]
    return Screen(
        "\n".join(lines),
        keyboard(sectors, width=2, tail=[back_button(NavCB(page=Page.HOME)), home_button()]),
    )


def region_sector(catalog: Catalog, region: Region, sector: Sector) -> Screen:
    lines = [f"<b>{esc(region.name)} · {esc(sector_label(sector))}</b>", ""]
    lines += [fmt.fact_line(f) for f in catalog.facts(region.id, sector.id)]
    others = [
        button(sector_label(s), RegionCB(region=region.id, sector=s.id))
        for s in catalog.sectors_of(region.id)
        if s.id != sector.id
    ]
    builder = InlineKeyboardBuilder()
    builder.row(button(_("📎 Source"), SourceCB(sector=sector.id, region=region.id)))
    for i in range(0, len(others), 2):
        builder.row(*others[i : i + 2])
    builder.row(back_button(RegionCB(region=region.id)), home_button())
    return Screen("\n".join(lines), builder.as_markup())


def sectors_menu(catalog: Catalog) -> Screen:
    buttons = [button(sector_label(s), SectorCB(sector=s.id)) for s in catalog.sectors_with_facts()]
    text = _("<b>By sector</b>\n\nChoose a sector to compare the partner regions:")
    return Screen(
        text, keyboard(buttons, width=2, tail=[back_button(NavCB(page=Page.HOME)), home_button()])
    )


def sector_overview(
    catalog: Catalog, sector: Sector, facts: Sequence[Fact] | None = None
) -> Screen:
    """The sector across all regions; `facts` narrows it to some of the sector's facts."""
    shown = (
        list(facts)
        if facts is not None
        else [f for f in catalog.content.facts if f.sector == sector.id]
    )
    lines = [_("<b>{sector}: all regions</b>").format(sector=esc(sector_label(sector)))]
    federal = [f for f in shown if f.region is None]
    if federal:
        agreement = catalog.agreement(sector.id)
        if agreement is not None:
            lines += ["", f"<b>{esc(agreement.title)}</b>"]
        lines += [fmt.fact_line(f) for f in federal]
    regions = [r for r in catalog.content.regions if any(f.region == r.id for f in shown)]
    for region in regions:
        lines += ["", f"<b>{esc(region.name)}</b>"]
        lines += [fmt.fact_line(f, with_note=False) for f in shown if f.region == region.id]
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(
            button(
                _("{region}: details").format(region=region.short_name),
                RegionCB(region=region.id, sector=sector.id),
            )
        )
    if federal:
        builder.row(button(_("📎 Source"), SourceCB(sector=sector.id)))
    builder.row(back_button(NavCB(page=Page.SECTORS)), home_button())
    return Screen("\n".join(lines), builder.as_markup())


def source(catalog: Catalog, sector: Sector, region: Region | None) -> Screen:
    facts = catalog.facts(region.id if region else None, sector.id)
    where = esc(f"{sector.title} · {region.name}" if region else sector.title)
    lines = [
        _("<b>📎 Source</b>"),
        "",
        _("News item «{title}».").format(title=esc(catalog.source_title)),
        _("The section «{where}» is based on {paragraphs} of that text.").format(
            where=where, paragraphs=fmt.paragraphs(sorted({f.paragraph for f in facts}))
        ),
    ]
    for note in [f.note for f in facts if f.note]:
        lines += ["", _("⚠️ <i>Source note: {note}</i>").format(note=esc(note))]
    back: RegionCB | SectorCB = (
        RegionCB(region=region.id, sector=sector.id) if region else SectorCB(sector=sector.id)
    )
    return Screen("\n".join(lines), keyboard([], tail=[back_button(back), home_button()]))


def about(catalog: Catalog) -> Screen:
    lines = [_("<b>📄 About the agreements</b>")]
    for agreement in catalog.content.agreements:
        lines += ["", f"<b>{esc(agreement.title)}</b>"]
        parties = [person(p) for p in agreement.parties]
        if agreement.scope == "partners":
            parties += [person(r.head) for r in catalog.content.regions]
        lines.append(_("Parties: {parties}.").format(parties=esc("; ".join(parties))))
        if agreement.areas:
            lines.append(_("Areas: {areas}.").format(areas=esc(", ".join(agreement.areas))))
        if agreement.term_years:
            lines.append(_("Term: {term}.").format(term=fmt.years(agreement.term_years)))
        lines.append(esc(agreement.summary))
    previous = [r for r in catalog.content.regions if r.previous_agreement]
    if previous:
        lines += ["", _("<b>Previous agreements</b>")]
        lines += [
            _("• {region}: {year}").format(region=esc(r.name), year=r.previous_agreement.year)
            for r in previous
            if r.previous_agreement
        ]
    buttons = [
        button(sector_label(sector), SectorCB(sector=sector.id))
        for sector in catalog.sectors_with_facts()
        if catalog.facts(None, sector.id)
    ]
    tail = [back_button(NavCB(page=Page.HOME)), home_button()]
    return Screen("\n".join(lines), keyboard(buttons, tail=tail))


def help_screen() -> Screen:
    text = _(
        "<b>❓ How to use the bot</b>\n\n"
        "/start — main menu\n"
        "/region — choose a region, or name it at once: /region penza, /region hmao, "
        "/region altai\n"
        "/about — the agreements: parties, term, areas\n"
        "/help — this help\n\n"
        "Buttons lead from a region to a sector and to the source of every figure. "
        "«« Back» goes one step back, «🏠 Main menu» to the start."
    )
    return Screen(text, keyboard([], tail=[home_button()]))


def fallback(catalog: Catalog, reason: str) -> Screen:
    """`reason` is one of the polite explanations below, shown above the main menu."""
    menu = main_menu(catalog)
    return Screen(reason + "\n\n" + _("Here is the main menu:"), menu.markup)


def only_text_reason() -> str:
    return _(
        "I understand text messages and buttons only — stickers, photos and files I can't read."
    )


def unknown_command_reason(command: str) -> str:
    return _("I don't know the command {command}. Try /start, /region, /about or /help.").format(
        command=esc(fmt.clip(command, USER_ECHO_LIMIT))
    )


def error_reason() -> str:
    return _("Sorry, something went wrong on my side. Please try again.")


def stale_button_notice() -> str:
    return _("This button is out of date — here is a fresh menu.")
