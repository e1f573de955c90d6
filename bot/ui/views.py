"""Screens of the content: a region card, a sector inside a region, a sector across the
regions, and «Источник»; `render` opens any of them, or a top-level page, by its address."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.services.content import Catalog
from bot.ui import menus
from bot.ui import text as fmt
from bot.ui.callbacks import Back, Kind, Where
from bot.ui.links import share_buttons
from bot.ui.widgets import Screen, aside, esc, keyboard, link, nav_row, sector_label
from db.models import Fact, Region, Sector

POPUP_LIMIT = 200  # characters of a callback answer


def agreement_lines(catalog: Catalog, region: Region) -> list[str]:
    """Who signed the region's agreement, its term and areas, the agreement it continues."""
    regional = catalog.partners_agreement
    lines = [
        _("🤝 The agreement was signed by {moscow} and {head}.").format(
            moscow=esc(", ".join(menus.person(p) for p in regional.parties)),
            head=esc(menus.person(region.head)),
        )
    ]
    if regional.term_years:
        lines.append(
            _("📄 Term of the agreement: {term}; areas of cooperation: {areas}.").format(
                term=fmt.years(regional.term_years),
                areas=esc(fmt.areas([a.name for a in regional.areas])),
            )
        )
    prev = region.previous_agreement
    if prev is not None:
        lines.append(
            _("🔁 The new agreement continues the previous bilateral one of {year}.").format(
                year=prev.year
            )
        )
    return lines


def region_card(
    catalog: Catalog, region: Region, back: Back = (), username: str | None = None
) -> Screen:
    """With the bot's `username`, a «Поделиться» button gives the card's link."""
    here = Where(Kind.CARD, region.id)
    lines = [f"<b>{esc(region.name)}</b>", "", *agreement_lines(catalog, region)]
    key = catalog.key_facts(region.id)
    if key:
        lines += ["", _("<b>Key figures</b>")]
        lines += [fmt.fact_line(f) for f in key]
    lines += ["", _("Choose a sector:")]
    sectors = [
        link(sector_label(s), Where(Kind.REGION_SECTOR, region.id, s.id), here, back)
        for s in catalog.sectors_of(region.id)
    ]
    builder = InlineKeyboardBuilder()
    builder.add(*sectors)
    builder.adjust(2)
    builder.row(
        link(_("📎 Source"), Where(Kind.SOURCE, region.id), here, back),
        *share_buttons(username, catalog, here),
    )
    builder.row(*nav_row(here, back))
    return Screen("\n".join(lines), builder.as_markup())


def region_sector(
    catalog: Catalog,
    region: Region,
    sector: Sector,
    back: Back = (),
    username: str | None = None,
) -> Screen:
    here = Where(Kind.REGION_SECTOR, region.id, sector.id)
    lines = [f"<b>{esc(region.name)} · {esc(sector_label(sector))}</b>", ""]
    lines += [fmt.fact_line(f) for f in catalog.facts(region.id, sector.id)]
    builder = InlineKeyboardBuilder()
    top = [
        link(_("📎 Source"), Where(Kind.SOURCE, region.id, sector.id), here, back),
        *share_buttons(username, catalog, here),
    ]
    builder.row(*top)
    others = [
        aside(sector_label(s), Where(Kind.REGION_SECTOR, region.id, s.id), here, back)
        for s in catalog.sectors_of(region.id)
        if s.id != sector.id
    ]
    builder.add(*others)
    builder.adjust(len(top), *([2] * len(others)))
    builder.row(*nav_row(here, back))
    return Screen("\n".join(lines), builder.as_markup())


def sector_overview(
    catalog: Catalog,
    sector: Sector,
    back: Back = (),
    facts: Sequence[Fact] | None = None,
    username: str | None = None,
) -> Screen:
    """The sector across the regions; `facts` narrows it to some of the sector's facts."""
    here = Where(Kind.OVERVIEW, sector=sector.id)
    everything = [f for f in catalog.content.facts if f.sector == sector.id]
    shown = list(facts) if facts is not None else everything
    regions = [r for r in catalog.content.regions if any(f.region == r.id for f in shown)]
    federal = [f for f in shown if f.region is None]
    agreement = catalog.agreement(sector.agreement) if sector.agreement else None
    if agreement is not None:
        lines = [f"<b>{esc(sector.icon)} {esc(agreement.title)}</b>"]
    elif federal or len(shown) < len(everything):
        lines = [f"<b>{esc(sector_label(sector))}</b>"]
    else:
        lines = [_("<b>{sector}: partner regions</b>").format(sector=esc(sector_label(sector)))]
    lines += [fmt.fact_line(f) for f in federal]
    for region in regions:
        lines += ["", f"<b>{esc(region.name)}</b>"]
        lines += [fmt.fact_line(f) for f in shown if f.region == region.id]
    builder = InlineKeyboardBuilder()
    builder.row(  # a narrowed view (`facts`) is not what its link would open: no «Поделиться»
        link(_("📎 Source"), Where(Kind.SOURCE, sector=sector.id), here, back),
        *(share_buttons(username, catalog, here) if facts is None else []),
    )
    cards = [
        link(
            _("📍 {region}: overview").format(region=region.short_name),
            Where(Kind.CARD, region.id),
            here,
            back,
        )
        for region in regions
    ]
    for card in cards:
        builder.row(card)
    builder.row(*nav_row(here, back))
    return Screen("\n".join(lines), builder.as_markup())


def _facts_of(catalog: Catalog, region: Region | None, sector: Sector | None) -> list[Fact]:
    return [
        f
        for f in catalog.content.facts
        if (region is None or f.region == region.id) and (sector is None or f.sector == sector.id)
    ]


def source_lines(catalog: Catalog, region: Region | None, sector: Sector | None) -> list[str]:
    """The news item by its title, the part of it the figures come from, in words, and
    where the news is wrong or ambiguous, in one sentence each."""
    lines = [_("News item «{title}».").format(title=esc(catalog.source_title))]
    if sector is not None and sector.agreement is not None:
        agreement = catalog.agreement(sector.agreement)
        section = agreement.section if agreement else sector.title
        lines.append(
            _("The figures come from the part of it about {section}.").format(section=esc(section))
        )
    elif region is not None and sector is not None:
        lines.append(
            _("The figures come from the part of it about {region}.").format(
                region=esc(region.prepositional)
            )
        )
    elif region is not None:
        lines.append(
            _("The figures come from its opening, about {agreements}, and from the part about "
              "{region}.").format(
                agreements=esc(catalog.partners_agreement.section),
                region=esc(region.prepositional),
            )
        )  # fmt: skip
    else:
        regions = [
            r.prepositional for r in catalog.content.regions if _facts_of(catalog, r, sector)
        ]
        if sector is None:
            lines.append(
                _("The figures come from its opening, about {agreements}.").format(
                    agreements=esc(catalog.partners_agreement.section)
                )
            )
        else:
            lines.append(
                _("The figures come from the parts of it about {regions}.").format(
                    regions=esc(fmt.listing(regions))
                )
            )
    notes = [f.note for f in _facts_of(catalog, region, sector) if f.note]
    if sector is None:
        notes += [
            r.previous_agreement.note
            for r in ([region] if region else catalog.content.regions)
            if r.previous_agreement and r.previous_agreement.note
        ]
    return lines + [f"<i>{esc(note)}</i>" for note in dict.fromkeys(notes)]


def source(
    catalog: Catalog, region: Region | None, sector: Sector | None, back: Back = ()
) -> Screen:
    here = Where(Kind.SOURCE, region.id if region else "", sector.id if sector else "")
    lines = [_("<b>📎 Source</b>"), "", *source_lines(catalog, region, sector)]
    return Screen("\n".join(lines), keyboard([], tail=nav_row(here, back)))


def source_popup(catalog: Catalog, region: Region | None, sector: Sector | None) -> str:
    """The source as a pop-up under an answer: the same words, within 200 characters."""
    lines = [fmt.plain(line) for line in source_lines(catalog, region, sector)]
    full = " ".join(lines)
    return full if len(full) <= POPUP_LIMIT else fmt.clip(" ".join(lines[:2]), POPUP_LIMIT)


def render(
    catalog: Catalog, where: Where, back: Back = (), username: str | None = None
) -> Screen | None:
    """The screen at `where`, reached by `back`; None when the content no longer has it.
    With the bot's `username`, the screens that have a link get «Поделиться»."""
    kind = where.kind
    region = catalog.regions.get(where.region) if where.region else None
    sector = catalog.sectors.get(where.sector) if where.sector else None
    if (where.region and region is None) or (where.sector and sector is None):
        return None
    if kind is Kind.HOME:
        return menus.main_menu(catalog)
    if kind is Kind.PICKER:
        return menus.region_picker(catalog)
    if kind is Kind.SECTORS:
        return menus.sectors_menu(catalog, back)
    if kind is Kind.ABOUT:
        return menus.about(catalog, back)
    if kind is Kind.HELP:
        return menus.help_screen(catalog, back)
    if kind is Kind.CARD and region is not None:
        return region_card(catalog, region, back, username)
    if kind is Kind.REGION_SECTOR and region and sector and catalog.facts(region.id, sector.id):
        return region_sector(catalog, region, sector, back, username)
    if kind is Kind.OVERVIEW and sector is not None and sector in catalog.sectors_with_facts():
        return sector_overview(catalog, sector, back, username=username)
    if kind is Kind.SOURCE and (_facts_of(catalog, region, sector) or not (region or sector)):
        return source(catalog, region, sector, back)
    return None
