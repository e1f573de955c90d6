"""Screens for answers to free-text questions (`bot.engine.Answer`).

An answer that cannot answer in full starts with what the news does not give; figures
that follow are labelled with their region and period; what the news covers instead is
named without figures. An answer stays in the chat as it is: its buttons open the next
screen in a new message, and «Источник» under it is a pop-up.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.engine import Answer, AnswerKind, Coverage, Gap, LeadKind
from bot.services.content import Catalog
from bot.ui import menus, views
from bot.ui import text as fmt
from bot.ui.callbacks import Kind, NavCB, RegionCB, SectorCB, SourceCB, Where, where_of
from bot.ui.gaps import correction_line, opening_line, other_lines
from bot.ui.leads import lead_line
from bot.ui.talk import signed as signed_line
from bot.ui.talk import smalltalk as smalltalk_line
from bot.ui.widgets import Screen, esc, home_button, link, sector_label
from db.models import Fact, Person, Region

ANSWER = Where(Kind.ANSWER)


def render(catalog: Catalog, answer: Answer) -> Screen:
    """The reply: each sub-question's answer in order, one keyboard under them all."""
    screens = [_with_notes(catalog, part) for part in (answer.parts or (answer,))]
    if len(screens) == 1:
        return screens[0]
    return Screen("\n\n".join(s.text for s in screens), _merged(screens))


def _with_notes(catalog: Catalog, answer: Answer) -> Screen:
    screen = _body(catalog, answer)
    if answer.others and answer.kind is not AnswerKind.OTHER_REGION:
        notes = [f"<i>{line}</i>" for line in other_lines(catalog, answer.others)[:-1]]
        return Screen("\n".join([*notes, "", screen.text]), screen.markup)
    return screen


def _merged(screens: list[Screen]) -> InlineKeyboardMarkup:
    """The buttons of every part, one to each place, «Главное меню» last."""
    seen: set[object] = set()
    builder = InlineKeyboardBuilder()
    home = home_button()
    for screen in screens:
        rows = screen.markup.inline_keyboard if screen.markup else []
        for row in rows:
            for item in row:
                key = _place(item)
                if key in seen or item.callback_data == home.callback_data:
                    continue
                seen.add(key)
                builder.row(item)
    builder.row(home)
    return builder.as_markup()


def _place(button: InlineKeyboardButton) -> object:
    """Where a button leads (its way back aside): two parts may offer the same screen."""
    data = button.callback_data or ""
    for kind in (NavCB, RegionCB, SectorCB, SourceCB):
        try:
            return where_of(kind.unpack(data))
        except (TypeError, ValueError):
            continue
    return data or button.url or button.text


def _body(catalog: Catalog, answer: Answer) -> Screen:
    kind = answer.kind
    regions = [catalog.regions[r] for r in answer.regions if r in catalog.regions]
    if kind is AnswerKind.OTHER_REGION:
        screen = menus.not_partner(catalog, answer.others)
        lead = answer.lead
        if lead is not None and lead.kind is LeadKind.VERDICT and lead.target == "no":
            return Screen(_("No. {text}").format(text=screen.text), screen.markup)
        return screen
    if kind is AnswerKind.CORRECTION:
        return _correction(catalog, answer)
    if answer.coverage is Coverage.UNCLEAR:
        return _unclear(catalog, answer)
    if kind is AnswerKind.SMALLTALK:
        return _smalltalk(catalog, answer)
    if kind is AnswerKind.UNKNOWN:
        intro = _preface(catalog, answer.gaps) or _("There is nothing about this in the news.")
        intro += "\n\n" + _(
            "I answer only from the news on the agreements; you can ask, for example:"
        )
        return menus.fallback(catalog, intro + "\n" + menus.examples())
    opening = _opening(catalog, answer)
    if kind is AnswerKind.REGION and not (answer.lead and answer.lead.kind is LeadKind.SECTORS):
        screen = _summaries(catalog, regions, agreement=len(regions) == 1)
    elif kind is AnswerKind.COMPARE and not answer.sectors and not answer.facts:
        screen = _summaries(catalog, list(catalog.content.regions))
    elif kind is AnswerKind.AGREEMENT and not answer.facts and _general(answer):
        screen = _agreement(catalog, regions)
    else:
        screen = _facts(catalog, regions, answer)
    return Screen("\n\n".join(p for p in (opening, screen.text) if p), screen.markup)


def _opening(catalog: Catalog, answer: Answer) -> str:
    """What the news does not give (one sentence), then the answer as asked."""
    honesty = opening_line(catalog, answer.gaps) if answer.gaps else ""
    lead = answer.lead
    line = lead_line(catalog, answer, lead) if lead is not None else ""
    if lead is not None and lead.kind is LeadKind.VERDICT and lead.target == "partly":
        return f"<b>{line} {honesty}</b>" if honesty else f"<b>{line}</b>"
    if lead is not None and lead.kind is LeadKind.REFUSAL:  # the refusal first, then the truth
        base = lead_line(catalog, answer, lead.base) if lead.base is not None else ""
        return "\n\n".join(p for p in (line, honesty and f"<b>{honesty}</b>", base) if p)
    return "\n".join(p for p in (honesty and f"<b>{honesty}</b>", line) if p)


def _general(answer: Answer) -> bool:
    """An answer about the agreements as such (not one thing the news does not give)."""
    lead = answer.lead
    while lead is not None and lead.kind is LeadKind.VERDICT:
        lead = lead.base
    return lead is None or (lead.kind is LeadKind.AREAS and lead.target is None)


def _agreement(catalog: Catalog, regions: list[Region]) -> Screen:
    """Who signed the region's agreement, its term and areas, the one it continues; with
    no region, the agreements as «О соглашениях» tells them."""
    if regions:
        lines: list[str] = []
        for region in regions:
            lines += ["", f"<b>{esc(region.name)}</b>", *views.agreement_lines(catalog, region)]
        buttons = [_card_button(region) for region in regions]
    else:
        lines = menus.about(catalog).text.split("\n")[1:]
        buttons = [_source_button("", "")]
    buttons.append(link(_("📄 About the agreements"), Where(Kind.ABOUT), ANSWER))
    builder = InlineKeyboardBuilder()
    for item in buttons:
        builder.row(item)
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _opens_with_fact(answer: Answer) -> bool:
    """The first fact is already the opening sentence."""
    lead = answer.lead
    while lead is not None and lead.kind in (LeadKind.VERDICT, LeadKind.REFUSAL):
        if lead.kind is LeadKind.VERDICT and lead.target == "yes" and lead.base is None:
            return True
        lead = lead.base
    return lead is not None and lead.kind is LeadKind.FACT and not answer.gaps


def _smalltalk(catalog: Catalog, answer: Answer) -> Screen:
    kind = answer.smalltalk or "greeting"
    if answer.lead is not None and answer.lead.kind is LeadKind.REFUSAL:
        return menus.fallback(catalog, lead_line(catalog, answer, answer.lead))
    return menus.fallback(catalog, smalltalk_text(kind))


def _unclear(catalog: Catalog, answer: Answer) -> Screen:
    lines = [_("I did not understand the question.")]
    if answer.facts and answer.lead is not None and answer.lead.value is not None:
        lines.append(
            _("The number {number} occurs in the news here:").format(
                number=fmt.number(answer.lead.value)
            )
        )
        lines += [fmt.fact_line(f) for f in answer.facts]
    lines += ["", _("I answer only from the news on the agreements; you can ask, for example:")]
    return menus.fallback(catalog, "\n".join(lines) + "\n" + menus.examples())


def _preface(catalog: Catalog, gaps: tuple[Gap, ...]) -> str:
    return f"<b>{opening_line(catalog, gaps)}</b>" if gaps else ""


def _facts(catalog: Catalog, regions: list[Region], answer: Answer) -> Screen:
    """The facts that support the opening sentence (each names its region), then what the
    news has instead, named without figures."""
    lines: list[str] = []
    groups = _groups(answer.facts)
    shown = answer.facts[1:] if _opens_with_fact(answer) else answer.facts
    lines += [fmt.fact_line(f) for f in shown]
    if answer.covered and answer.coverage is Coverage.NONE:
        lines += ["", _covered_intro(catalog, answer)]
        lines += [f"• {esc(fmt.capitalise(fact.about))}" for fact in answer.covered]
    if answer.related:
        places = dict.fromkeys(
            catalog.regions[f.region].called("datv", short=True) for f in answer.related if f.region
        )
        where = _("The news speaks of this for {places}.")
        lines += ["", where.format(places=esc(fmt.listing(list(places))))]
    builder = InlineKeyboardBuilder()
    if len(groups) == 1:
        region_id, sector_id = next(iter(groups))
        builder.row(_source_button(region_id or "", sector_id))
    offered = [*_groups(answer.related), *(_groups(answer.covered) if not groups else {})]
    for region_id, sector_id in dict.fromkeys([*groups, *offered]):
        label = _title(catalog, region_id, sector_id, short=True)
        to = (
            Where(Kind.REGION_SECTOR, region_id, sector_id)
            if region_id
            else Where(Kind.OVERVIEW, sector=sector_id)
        )
        builder.row(link(label, to, ANSWER))
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
    label = _("📍 {region}: overview").format(region=region.short_name)
    return link(label, Where(Kind.CARD, region.id), ANSWER)


def _source_button(region: str, sector: str) -> InlineKeyboardButton:
    return link(_("📎 Source"), Where(Kind.SOURCE, region, sector), ANSWER)


def _summaries(catalog: Catalog, regions: list[Region], *, agreement: bool = False) -> Screen:
    """Key figures of the regions (and, for one region, its agreement)."""
    lines: list[str] = []
    for region in regions:
        lines += ["", f"<b>{esc(region.name)}</b>"]
        if agreement:
            lines += [*views.agreement_lines(catalog, region), ""]
        lines += [fmt.fact_line(f) for f in catalog.key_facts(region.id)]
    builder = InlineKeyboardBuilder()
    if len(regions) == 1:
        builder.row(_source_button(regions[0].id, ""))
    for region in regions:
        builder.row(_card_button(region))
    builder.row(home_button())
    return Screen("\n".join(lines).strip(), builder.as_markup())


def _answer_markup(buttons: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in buttons:
        builder.row(item)
    builder.row(home_button())
    return builder.as_markup()


def _correction(catalog: Catalog, answer: Answer) -> Screen:
    correction = answer.correction
    if correction is None:
        return menus.fallback(catalog, _("There is no answer to that in the news."))
    people: list[Person] = [r.head for r in catalog.content.regions]
    people += [p for a in catalog.content.agreements for p in a.parties]
    persons = {p.surname.lower(): f"{p.name} — {p.title}" for p in people}
    lines = [f"<b>{correction_line(catalog, correction, persons)}</b>"]
    if correction.kind == "stranger":
        agreement = catalog.agreement(correction.agreement or "") or catalog.partners_agreement
        lines.append(signed_line(catalog, agreement, correction.region))
    buttons = []
    fact = correction.fact
    if fact is not None:
        lines += ["", fmt.fact_line(fact)]
        buttons.append(_source_button(fact.region or "", fact.sector))
    if correction.elsewhere is not None:
        lines += ["", _("The figure in the question belongs to another region:")]
        lines.append(fmt.fact_line(correction.elsewhere))
    buttons += [_card_button(catalog.regions[r]) for r in answer.regions if r in catalog.regions]
    buttons.append(link(_("📄 About the agreements"), Where(Kind.ABOUT), ANSWER))
    return Screen("\n".join(lines), _answer_markup(buttons))


def smalltalk_text(kind: str) -> str:
    if kind == "capabilities":
        return (
            _(
                "I tell about Moscow's cooperation with its partner regions from one news "
                "item: trade and the economy, medicine, education, culture, sport, NGOs, and "
                "the digitalisation of construction. Ask in your own words, for example:"
            )
            + "\n"
            + menus.examples()
        )
    if kind == "greeting":
        return (
            _("Hello! Ask about Moscow's cooperation with its partner regions, for example:")
            + "\n"
            + menus.examples()
        )
    line = smalltalk_line(kind)
    return line + "\n" + menus.examples() if kind == "insult" else line
