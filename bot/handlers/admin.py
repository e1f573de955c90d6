"""Commands for the people listed in ADMIN_IDS; others never see them work."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command, Filter
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.config import Settings
from bot.engine import Reason
from bot.services.content import ContentService
from bot.ui.text import clip
from db.loader import ContentError
from db.unanswered import UnansweredLog

log = logging.getLogger(__name__)
ERROR_LIMIT = 3000
UNANSWERED_ROWS, UNANSWERED_CLIP = 20, 150


class IsAdmin(Filter):
    """Someone listed in ADMIN_IDS, in a private chat: in a group the admin commands do not
    exist, not even for an admin (their reports must not be posted there)."""

    async def __call__(self, message: Message, settings: Settings, **_: Any) -> bool:
        return (
            message.chat.type == ChatType.PRIVATE
            and message.from_user is not None
            and message.from_user.id in settings.admin_ids
        )


async def reload_content(message: Message, content: ContentService, settings: Settings) -> None:
    """Re-read the content file into the database and the menus, or say why not."""
    try:
        await content.sync_with_file(settings.content_path, force=True)
    except ContentError as exc:
        log.warning("content reload refused: %s", exc)
        error = escape(str(exc)[:ERROR_LIMIT], quote=False)
        await message.answer(
            _("The content file is broken; the previous content stays.\n<pre>{error}</pre>").format(
                error=error
            )
        )
        return
    facts = len(content.catalog.content.facts)
    log.info("content reloaded by an admin (%d facts)", facts)
    await message.answer(
        ngettext("Content reloaded: {n} fact.", "Content reloaded: {n} facts.", facts).format(
            n=facts
        )
    )


async def unanswered_questions(message: Message, unanswered: UnansweredLog) -> None:
    """The most frequent questions of the last 30 days that got no answer."""
    rows = await unanswered.most_frequent(limit=UNANSWERED_ROWS)
    if not rows:
        await message.answer(_("No unanswered questions in the last 30 days."))
        return
    lines = [_("<b>Questions without a full answer, last 30 days</b>")]
    by_reason: dict[str, list[tuple[str, int]]] = {}
    for reason, text, times in rows:
        by_reason.setdefault(reason, []).append((text, times))
    for reason, questions in by_reason.items():
        lines += ["", f"<i>{reason_title(reason)}</i>"]
        lines += [
            f"{times} × {escape(clip(text, UNANSWERED_CLIP), quote=False)}"
            for text, times in questions
        ]
    await message.answer("\n".join(lines))


def reason_title(reason: str) -> str:
    """The heading of one reason; a stored reason this code no longer knows is shown as is."""
    titles: dict[str, str] = {  # Reason is a StrEnum: stored strings find its members
        Reason.NO_TOPIC: _("Nothing recognised"),
        Reason.NOT_IN_NEWS: _("Not in the news"),
        Reason.PARTIAL: _("Answered only in part"),
        Reason.OTHER_REGION: _("A region that is not a partner"),
        Reason.OFF_TOPIC: _("Outside the agreements"),
    }
    return titles.get(reason) or escape(reason)


def build_router() -> Router:
    router = Router(name="admin")
    router.message.register(reload_content, Command("reload"), IsAdmin())
    router.message.register(unanswered_questions, Command("unanswered"), IsAdmin())
    return router
