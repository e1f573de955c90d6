"""/privacy: what the bot stores, from the same constants the storage uses."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.engine.context import TTL_SECONDS
from bot.ui.replies import ANSWERS_KEPT_SECONDS
from bot.ui.widgets import Screen, home_button, keyboard
from db.unanswered import PER_SENDER_DAY, RETENTION_DAYS


def privacy_screen() -> Screen:
    minutes = TTL_SECONDS // 60
    kept = ANSWERS_KEPT_SECONDS // 60
    text = _(
        "<b>🔒 What the bot stores</b>\n\n"
        "• <b>Questions it could not answer in full</b>: the text, the day and why, so that "
        "the answers can be improved. Never who asked: no user id, no name. Numbers that "
        "look like phone or document numbers and e-mail addresses are masked before "
        "anything is stored. At most {per_day} from one person a day are kept, counted "
        "under a salted hash that changes every day. They are deleted after {days}.\n"
        "• <b>The chat's last question</b>, for {minutes}, so that a short follow-up such "
        "as «{follow_up}» is understood; after that it is no longer used.\n"
        "• <b>Recent answers</b>: the text of a question and the reply to it stay in the "
        "bot's memory, never on disk and without who asked, for at most {kept}, so that the "
        "same question is answered at once.\n"
        "• A message waiting to be handled is kept only until it is answered.\n\n"
        "Nothing else is kept: no names, no list of who used the bot, no message history, "
        "and the bot's logs carry no personal data. What is typed after the bot's name in "
        "other chats (inline mode) is not stored."
    ).format(
        per_day=ngettext("{n} question", "{n} questions", PER_SENDER_DAY).format(n=PER_SENDER_DAY),
        days=ngettext("{n} day", "{n} days", RETENTION_DAYS).format(n=RETENTION_DAYS),
        minutes=ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes),
        follow_up=_("And in Yugra?"),
        kept=ngettext("{n} minute", "{n} minutes", kept).format(n=kept),
    )
    return Screen(text, keyboard([], tail=[home_button()]))
