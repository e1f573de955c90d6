"""Inline mode: `@<bot> пенза` typed in any chat offers the bot's screens as articles.

A query is read by the same engine as a question typed to the bot. A bare name of a region
offers its card and its sectors; a bare sector offers the comparison and the sector in each
region; an empty query offers the region cards and «О соглашениях»; anything else is a
question and gets the answer the bot would give in its chat (none when nothing in it was
recognised). Each article is a message of the screen's text, the bot's link at its end.
"""

from __future__ import annotations

import hashlib

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from aiogram.utils.i18n import gettext as _

from bot.engine import Answer, AnswerKind, Reason
from bot.services.content import Catalog
from bot.services.questions import QuestionDesk
from bot.ui import answers, views
from bot.ui import text as fmt
from bot.ui.callbacks import Kind, Where
from bot.ui.links import payload_for, share_text, start_link
from bot.ui.respond import MESSAGE_LIMIT, fit
from bot.ui.typography import typeset
from bot.ui.widgets import Screen, esc

RESULTS_LIMIT = 10  # articles Telegram shows at most for one query
CACHE_SECONDS = 300  # the results are the same for everyone: Telegram may keep them this long
TITLE_LIMIT = 64
DESCRIPTION_LIMIT = 120
# Answers not worth sending to a chat: nothing recognised, or nothing the news is about.
_NOTHING_TO_SEND = (Reason.NO_TOPIC, Reason.OFF_TOPIC)


def results(
    catalog: Catalog, questions: QuestionDesk, query: str, username: str | None
) -> list[InlineQueryResultArticle]:
    """Up to ten articles for `query`; an empty list when nothing in it was recognised."""
    text = " ".join(query.split())
    if not text:
        places = [Where(Kind.CARD, region) for region in catalog.regions]
        return _articles(catalog, [*places, Where(Kind.ABOUT)], username)
    answer = questions.answer(text)  # no chat context: the query may come from any chat
    screens = _screens(catalog, answer)
    if screens:
        return _articles(catalog, screens, username)
    if answer.kind is AnswerKind.SMALLTALK or answer.reason in _NOTHING_TO_SEND:
        return []
    screen = answers.render(catalog, answer)
    key = hashlib.sha256(text.encode()).hexdigest()[:32]
    title = fmt.capitalise(fmt.clip(text, TITLE_LIMIT))
    return [_article(f"q{key}", title, screen, username, None, skip=0)]


def _screens(catalog: Catalog, answer: Answer) -> list[Where]:
    """The screens a bare name stands for: a region, a sector, or a region's sector."""
    context = answer.context
    if context.asked or context.topics or context.years or answer.others:
        return []  # a question, not a name
    regions, sectors = list(context.regions), list(context.sectors)
    found: list[Where] = []
    if answer.kind is AnswerKind.REGION:
        for region in regions:
            found.append(Where(Kind.CARD, region))
            found += [Where(Kind.REGION_SECTOR, region, s.id) for s in catalog.sectors_of(region)]
    elif answer.kind is AnswerKind.COMPARE:
        for sector in sectors:
            found.append(Where(Kind.OVERVIEW, sector=sector))
            found += [Where(Kind.REGION_SECTOR, r.id, sector) for r in catalog.regions_with(sector)]
    elif answer.kind is AnswerKind.FACTS:
        found += [Where(Kind.REGION_SECTOR, r, s) for r in regions for s in sectors]
        found += [Where(Kind.OVERVIEW, sector=s) for s in sectors]
    elif answer.kind is AnswerKind.AGREEMENT and not regions:
        found.append(Where(Kind.ABOUT))
    return [where for where in dict.fromkeys(found) if views.render(catalog, where)]


def _articles(
    catalog: Catalog, places: list[Where], username: str | None
) -> list[InlineQueryResultArticle]:
    articles = []
    for where in places[:RESULTS_LIMIT]:
        screen = views.render(catalog, where)
        if screen is not None:
            key = payload_for(where) or where.code
            articles.append(_article(key, share_text(catalog, where), screen, username, where))
    return articles


def _article(
    key: str,
    title: str,
    screen: Screen,
    username: str | None,
    where: Where | None,
    skip: int = 1,
) -> InlineQueryResultArticle:
    """The screen's text as a message (without its buttons, which work only in the bot's
    chat), the bot's link at its end and a button that opens the screen in the bot."""
    tail = ""
    markup = None
    if username:
        url = start_link(username, where)
        tail = "\n\n" + _("Ask the bot: {link}").format(
            link=f'<a href="{esc(url)}">@{esc(username)}</a>'
        )
        open_button = InlineKeyboardButton(text=_("Open in the bot"), url=url)
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_button]])
    body = fit(typeset(_without_prompt(screen.text)), MESSAGE_LIMIT - len(tail))
    return InlineQueryResultArticle(
        id=key,
        title=typeset(title),
        description=typeset(_description(screen.text, skip)) or None,
        input_message_content=InputTextMessageContent(message_text=body + tail, parse_mode="HTML"),
        reply_markup=markup,
    )


def _without_prompt(html: str) -> str:
    """The text without its closing prompt to tap a button («Выберите сферу:»): the
    message goes out without the buttons."""
    lines = html.split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].rstrip().endswith(":")):
        lines.pop()
    return "\n".join(lines)


def _description(html: str, skip: int) -> str:
    """The first lines (after `skip` lines of title), as plain text."""
    lines = [fmt.plain(line).strip() for line in html.split("\n")[skip:]]
    return fmt.clip(" ".join(line for line in lines if line), DESCRIPTION_LIMIT)
