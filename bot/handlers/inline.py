"""Inline mode: `@<bot> пенза` in any chat; the articles come from `bot/ui/inline.py`."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.types import InlineQuery, InlineQueryResultArticle, InlineQueryResultsButton
from aiogram.utils.i18n import gettext as _

from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from bot.ui import inline
from bot.ui.links import bot_username

log = logging.getLogger(__name__)

START_PARAMETER = "inline"  # not a screen's payload: /start opens the main menu


async def inline_query(
    query: InlineQuery, content: ContentService, questions: QuestionDesk, bot: Bot
) -> None:
    results: list[InlineQueryResultArticle] = []
    try:
        results = inline.results(content.catalog, questions, query.query, await bot_username(bot))
    except Exception as exc:  # a query must get an answer, however odd it is
        log.error("inline query %s failed: %s", query.id, type(exc).__name__, exc_info=exc)
    await query.answer(
        results,  # type: ignore[arg-type]  # aiogram's list is invariant
        cache_time=inline.CACHE_SECONDS,
        is_personal=False,
        button=InlineQueryResultsButton(text=_("Open the bot"), start_parameter=START_PARAMETER),
    )


def build_router() -> Router:
    router = Router(name="inline")
    router.inline_query.register(inline_query)
    return router
