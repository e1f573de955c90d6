"""Top-level screens: the main menu, the region picker, the sectors menu, «О соглашениях»,
help, and the polite lines shown above the main menu."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _

from bot.engine import OtherPlace
from bot.services.content import Catalog
from bot.ui import text as fmt
from bot.ui.callbacks import Back, Kind, Where
from bot.ui.gaps import other_lines
from bot.ui.memo import memo
from bot.ui.widgets import Screen, esc, home_button, keyboard, link, nav_row, region_buttons
from db.models import Person

USER_ECHO_LIMIT = 60
HOME = Where(Kind.HOME)


def main_menu(catalog: Catalog, *, greet: bool = False) -> Screen:
    """The menu; /start greets first and says what the bot covers."""
    title = _("<b>Moscow and its partner regions</b>")
    if greet:
        intro = _(
            "Hello! This bot tells about Moscow's agreements with its partner regions — "
            "{regions} — and about the agreement on the digitalisation of construction, "
            "from the news item «{news}». Every figure comes with its period and source.\n\n"
            "Choose a region or a section, or ask a question in your own words, for example:"
        ).format(regions=esc(fmt.listing(regional_names(catalog))), news=esc(catalog.source_title))
        intro += "\n" + examples()
    else:
        intro = _("Choose a region or a section, or ask a question in your own words.")
    buttons = region_buttons(catalog, HOME)
    buttons += [
        link(_("📊 By sector"), Where(Kind.SECTORS), HOME),
        link(_("📄 About the agreements"), Where(Kind.ABOUT), HOME),
        link(_("❓ Help"), Where(Kind.HELP), HOME),
    ]
    return Screen(f"{title}\n\n{intro}", keyboard(buttons))


def regional_names(catalog: Catalog) -> list[str]:
    return [r.short_name for r in catalog.content.regions]


def example_questions() -> list[str]:
    return [
        _("How many Penza residents were treated in Moscow?"),
        _("How much fish did Yugra supply to Moscow?"),
        _("What is «Moscow Seasons»?"),
    ]


def examples() -> str:
    return "\n".join(f"• {esc(question)}" for question in example_questions())


def region_picker(catalog: Catalog, intro: str | None = None) -> Screen:
    here = Where(Kind.PICKER)
    text = intro or _("Choose a partner region:")
    return Screen(text, keyboard(region_buttons(catalog, here), tail=[home_button()]))


def region_not_found(catalog: Catalog, query: str) -> Screen:
    intro = _(
        "«{query}» is not among Moscow's partner regions in these agreements; they are the "
        "regions below:"
    ).format(query=esc(fmt.clip(query, USER_ECHO_LIMIT)))
    return region_picker(catalog, intro)


def not_partner(catalog: Catalog, others: Sequence[OtherPlace]) -> Screen:
    """Places that are not partners: said so, with the partners (a look-alike's first)."""
    suggested = [p.confused_with for p in others if p.confused_with]
    buttons = [
        link(catalog.regions[r].short_name, Where(Kind.CARD, r))
        for r in dict.fromkeys([*suggested, *catalog.regions])
    ]
    text = "\n".join(other_lines(catalog, tuple(others)))
    return Screen(text, keyboard(buttons, tail=[home_button()]))


def sectors_menu(catalog: Catalog, back: Back = ()) -> Screen:
    here = Where(Kind.SECTORS)
    buttons = [
        link(f"{s.icon} {s.title}", Where(Kind.OVERVIEW, sector=s.id), here, back)
        for s in catalog.sectors_with_facts()
    ]
    text = _("<b>By sector</b>\n\nChoose a sector to compare the partner regions:")
    return Screen(text, keyboard(buttons, width=2, tail=nav_row(here, back)))


def person(p: Person) -> str:
    return f"{p.title} {p.name}"


def about(catalog: Catalog, back: Back = ()) -> Screen:
    here = Where(Kind.ABOUT)
    lines = [_("<b>📄 About the agreements</b>")]
    for agreement in catalog.content.agreements:
        lines += ["", f"<b>{esc(agreement.title)}</b>"]
        parties = [person(p) for p in agreement.parties]
        if agreement.scope == "partners":
            parties += [person(r.head) for r in catalog.content.regions]
        lines.append(_("Parties: {parties}.").format(parties=esc("; ".join(parties))))
        if agreement.areas:
            lines.append(
                _("Areas: {areas}.").format(areas=esc(fmt.areas([a.name for a in agreement.areas])))
            )
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
    buttons = [link(_("📎 Source"), Where(Kind.SOURCE), here, back)]
    buttons += [
        link(f"{s.icon} {s.title}", Where(Kind.OVERVIEW, sector=s.id), here, back)
        for s in catalog.sectors_with_facts()
        if catalog.facts(None, s.id)
    ]
    return Screen("\n".join(lines), keyboard(buttons, tail=nav_row(here, back)))


def help_screen(catalog: Catalog, back: Back = ()) -> Screen:
    here = Where(Kind.HELP)
    text = _(
        "<b>❓ How to use the bot</b>\n\n"
        "The bot tells about Moscow's agreements with {regions} and about the agreement on "
        "the digitalisation of construction. Everything comes from one news item: «{news}».\n\n"
        "<b>Menus.</b> From the main menu a region leads to its sectors and figures; "
        "«By sector» compares the regions; «About the agreements» names the parties and "
        "the term. «Back» returns to the previous screen, «Main menu» to the start.\n\n"
        "<b>Commands.</b> /start — main menu; /region — choose a region or name it at "
        "once: /region пенза, /region хмао; /about — the agreements; /help — this help; "
        "/privacy — what the bot stores.\n\n"
        "<b>Questions in your own words.</b> For example: «{example}». A short follow-up "
        "such as «{follow_up}» continues the last question.\n\n"
        "<b>In other chats.</b> «📤 Share» under a region or a sector gives a link to it. "
        "In any chat, type @ with the bot's name and a region, a sector or a question to "
        "send the answer there.\n\n"
        "<b>What the bot cannot know.</b> Only what the news says: no dates of events, "
        "contacts, prices or procedures (how to apply or sign up). Where the news does not "
        "give something, the bot says so.\n\n"
        "<b>Sources.</b> The «📎 Source» button under a figure shows which part of the news "
        "it comes from and where the news is imprecise."
    ).format(
        regions=esc(fmt.listing(regional_names(catalog))),
        news=esc(catalog.source_title),
        example=esc(example_questions()[0]),
        follow_up=esc(_("And in Yugra?")),
    )
    return Screen(text, keyboard([], tail=nav_row(here, back)))


def fallback(catalog: Catalog, reason: str) -> Screen:
    """`reason` is one of the polite explanations below, shown above the main menu."""
    markup = memo(catalog, ("home markup",), lambda: main_menu(catalog).markup)
    return Screen(reason + "\n\n" + _("Choose a section in the menu:"), markup)


def only_text_reason() -> str:
    return _(
        "I understand text messages and buttons only; stickers, photos, voice messages and "
        "files I cannot read."
    )


def unknown_command_reason(command: str) -> str:
    return _(
        "There is no command {command}. The commands are /start, /region, /about, /help and "
        "/privacy."
    ).format(command=esc(fmt.clip(command, USER_ECHO_LIMIT)))


def error_reason() -> str:
    return _("Sorry, an error occurred while handling the request. Please try again.")


def stale_button_notice() -> str:
    return _("This button is out of date. The current menu is open.")
