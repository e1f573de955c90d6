"""Screens: the text and inline keyboard of every view of the bot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.services import text as fmt
from bot.services.content import Catalog
from bot.ui.callbacks import NavCB, Page, RegionCB, SectorCB, SourceCB
from db.models import OtherRegion, Region, Sector

USER_ECHO_LIMIT = 60


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup


def _e(value: str) -> str:
    return escape(value, quote=False)


def _button(text: str, data: NavCB | RegionCB | SectorCB | SourceCB) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _home() -> InlineKeyboardButton:
    return _button(_("🏠 Main menu"), NavCB(page=Page.HOME))


def _back(data: NavCB | RegionCB | SectorCB) -> InlineKeyboardButton:
    return _button(_("« Back"), data)


def _sector_label(sector: Sector) -> str:
    return f"{sector.icon} {sector.title}"


def _keyboard(
    first: Sequence[InlineKeyboardButton],
    *,
    width: int = 1,
    tail: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.add(*first)
    builder.adjust(width)
    if tail:
        builder.row(*tail)
    return builder.as_markup()


def _region_buttons(catalog: Catalog) -> list[InlineKeyboardButton]:
    return [_button(r.short_name, RegionCB(region=r.id)) for r in catalog.content.regions]


def main_menu(catalog: Catalog) -> Screen:
    text = _(
        "<b>Moscow and its partner regions</b>\n\n"
        "I tell how Moscow works with {regions}: trade, medicine, education, culture "
        "and more. Every figure comes with its period and its source.\n\n"
        "Choose a region or a section:"
    ).format(regions=_e(", ".join(r.short_name for r in catalog.content.regions)))
    buttons = _region_buttons(catalog)
    buttons += [
        _button(_("📊 By sector"), NavCB(page=Page.SECTORS)),
        _button(_("📄 About the agreements"), NavCB(page=Page.ABOUT)),
        _button(_("❓ Help"), NavCB(page=Page.HELP)),
    ]
    return Screen(text, _keyboard(buttons))


def region_picker(catalog: Catalog, intro: str | None = None) -> Screen:
    text = intro or _("Choose a partner region:")
    return Screen(text, _keyboard(_region_buttons(catalog), tail=[_home()]))


def region_not_found(catalog: Catalog, query: str) -> Screen:
    intro = _(
        "I don't know a partner region called «{query}». Moscow's partners in these "
        "agreements are the regions below:"
    ).format(query=_e(fmt.clip(query, USER_ECHO_LIMIT)))
    return region_picker(catalog, intro)


def other_region(catalog: Catalog, other: OtherRegion) -> Screen:
    suggested = catalog.regions[other.suggest]
    text = _(
        "{other} is a different region: it is not a party to these agreements, "
        "and the bot has no figures for it. Perhaps you mean {suggested}?"
    ).format(other=_e(other.name), suggested=_e(suggested.name))
    button = _button(
        _("Open {region}").format(region=suggested.name), RegionCB(region=suggested.id)
    )
    return Screen(text, _keyboard([button], tail=[_home()]))


def region_card(catalog: Catalog, region: Region) -> Screen:
    regional = catalog.agreement("regional")
    lines = [f"<b>{_e(region.name)}</b>", ""]
    if regional is not None:
        lines.append(
            _("🤝 Signed by {moscow} and {title} {head}.").format(
                moscow=_e(regional.parties[0]),
                title=_e(region.head.title),
                head=_e(region.head.name),
            )
        )
    if regional is not None and regional.term_years:
        lines.append(
            _("📄 Term: {term}; cooperation: {areas}.").format(
                term=fmt.years(regional.term_years), areas=_e(", ".join(regional.areas))
            )
        )
    prev = region.previous_agreement
    if prev is not None:
        lines.append(
            _("🔁 Continues the previous bilateral agreement of {year}.").format(year=prev.year)
        )
        if prev.note:
            lines.append(_("<i>Note: {note}</i>").format(note=_e(prev.note)))
    key = catalog.key_facts(region.id)
    if key:
        lines += ["", _("<b>Key figures</b>")]
        lines += [fmt.fact_line(f, with_note=False) for f in key]
    lines += ["", _("Choose a sector:")]
    sectors = [
        _button(_sector_label(s), RegionCB(region=region.id, sector=s.id))
        for s in catalog.sectors_of(region.id)
    ]
    return Screen(
        "\n".join(lines), _keyboard(sectors, width=2, tail=[_back(NavCB(page=Page.HOME)), _home()])
    )


def region_sector(catalog: Catalog, region: Region, sector: Sector) -> Screen:
    lines = [f"<b>{_e(region.name)} · {_e(_sector_label(sector))}</b>", ""]
    lines += [fmt.fact_line(f) for f in catalog.facts(region.id, sector.id)]
    others = [
        _button(_sector_label(s), RegionCB(region=region.id, sector=s.id))
        for s in catalog.sectors_of(region.id)
        if s.id != sector.id
    ]
    builder = InlineKeyboardBuilder()
    builder.row(_button(_("📎 Source"), SourceCB(sector=sector.id, region=region.id)))
    for i in range(0, len(others), 2):
        builder.row(*others[i : i + 2])
    builder.row(_back(RegionCB(region=region.id)), _home())
    return Screen("\n".join(lines), builder.as_markup())


def sectors_menu(catalog: Catalog) -> Screen:
    buttons = [
        _button(_sector_label(s), SectorCB(sector=s.id)) for s in catalog.sectors_with_facts()
    ]
    text = _("<b>By sector</b>\n\nChoose a sector to compare the partner regions:")
    return Screen(text, _keyboard(buttons, width=2, tail=[_back(NavCB(page=Page.HOME)), _home()]))


def sector_overview(catalog: Catalog, sector: Sector) -> Screen:
    lines = [_("<b>{sector}: all regions</b>").format(sector=_e(_sector_label(sector)))]
    federal = catalog.facts(None, sector.id)
    if federal:
        agreement = catalog.agreement(sector.id)
        if agreement is not None:
            lines += ["", f"<b>{_e(agreement.title)}</b>"]
        lines += [fmt.fact_line(f) for f in federal]
    regions = catalog.regions_with(sector.id)
    for region in regions:
        lines += ["", f"<b>{_e(region.name)}</b>"]
        lines += [fmt.fact_line(f, with_note=False) for f in catalog.facts(region.id, sector.id)]
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(
            _button(
                _("{region}: details").format(region=region.short_name),
                RegionCB(region=region.id, sector=sector.id),
            )
        )
    if federal:
        builder.row(_button(_("📎 Source"), SourceCB(sector=sector.id)))
    builder.row(_back(NavCB(page=Page.SECTORS)), _home())
    return Screen("\n".join(lines), builder.as_markup())


def source(catalog: Catalog, sector: Sector, region: Region | None) -> Screen:
    facts = catalog.facts(region.id if region else None, sector.id)
    where = _e(f"{sector.title} · {region.name}" if region else sector.title)
    lines = [
        _("<b>📎 Source</b>"),
        "",
        _("News item «{title}».").format(title=_e(catalog.source_title)),
        _("The section «{where}» is based on {paragraphs} of that text.").format(
            where=where, paragraphs=fmt.paragraphs(sorted({f.paragraph for f in facts}))
        ),
    ]
    for note in [f.note for f in facts if f.note]:
        lines += ["", _("⚠️ <i>Source note: {note}</i>").format(note=_e(note))]
    back: RegionCB | SectorCB = (
        RegionCB(region=region.id, sector=sector.id) if region else SectorCB(sector=sector.id)
    )
    return Screen("\n".join(lines), _keyboard([], tail=[_back(back), _home()]))


def about(catalog: Catalog) -> Screen:
    lines = [_("<b>📄 About the agreements</b>")]
    for agreement in catalog.content.agreements:
        lines += ["", f"<b>{_e(agreement.title)}</b>"]
        lines.append(_("Parties: {parties}.").format(parties=_e("; ".join(agreement.parties))))
        if agreement.areas:
            lines.append(_("Areas: {areas}.").format(areas=_e(", ".join(agreement.areas))))
        if agreement.term_years:
            lines.append(_("Term: {term}.").format(term=fmt.years(agreement.term_years)))
        lines.append(_e(agreement.summary))
    previous = [r for r in catalog.content.regions if r.previous_agreement]
    if previous:
        lines += ["", _("<b>Previous agreements</b>")]
        lines += [
            _("• {region}: {year}").format(region=_e(r.name), year=r.previous_agreement.year)
            for r in previous
            if r.previous_agreement
        ]
    buttons = [
        _button(_sector_label(sector), SectorCB(sector=sector.id))
        for sector in catalog.sectors_with_facts()
        if catalog.facts(None, sector.id)
    ]
    tail = [_back(NavCB(page=Page.HOME)), _home()]
    return Screen("\n".join(lines), _keyboard(buttons, tail=tail))


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
    return Screen(text, _keyboard([], tail=[_home()]))


def fallback(catalog: Catalog, reason: str) -> Screen:
    """`reason` is one of the polite explanations below, shown above the main menu."""
    menu = main_menu(catalog)
    return Screen(reason + "\n\n" + _("Here is the main menu:"), menu.markup)


def only_text_reason() -> str:
    return _(
        "I understand text messages and buttons only — stickers, photos and files I can't read."
    )


def plain_text_reason() -> str:
    return _(
        "I answer through the menu and commands for now. Pick a region or a section below, "
        "or type /region and a region name, for example /region penza."
    )


def unknown_command_reason(command: str) -> str:
    return _("I don't know the command {command}. Try /start, /region, /about or /help.").format(
        command=_e(fmt.clip(command, USER_ECHO_LIMIT))
    )


def error_reason() -> str:
    return _("Sorry, something went wrong on my side. Please try again.")


def stale_button_notice() -> str:
    return _("This button is out of date — here is a fresh menu.")
