"""Updates as Telegram sends them: fetched raw and validated one by one.

aiogram's own polling parses a whole `getUpdates` batch at once, so one update it cannot
parse fails the batch and the offset never moves: nobody is answered until Telegram drops
that update a day later. Here the batch is fetched as plain JSON and each update validated
on its own; one that cannot be parsed is logged once (its id and kind, nothing personal)
and confirmed like a handled one.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from pydantic import ValidationError

log = logging.getLogger(__name__)

RawUpdate = dict[str, Any]


class FetchUpdates(TelegramMethod[list[RawUpdate]]):
    """`getUpdates` whose result is left as JSON, to be validated update by update."""

    __returning__ = list[RawUpdate]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


def update_id_of(raw: object) -> int | None:
    value = raw.get("update_id") if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def kind_of(raw: RawUpdate) -> str:
    """The update's type (`message`, `callback_query`…), for a log line without content."""
    kinds = [key for key in raw if key != "update_id"]
    return ",".join(sorted(kinds))[:80] or "empty"


def parse_update(raw: RawUpdate, bot: Bot) -> Update | None:
    """The validated update, or None (logged once, without personal data)."""
    try:
        return Update.model_validate(raw, context={"bot": bot})
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in error["loc"]) for error in exc.errors()})
        log.warning(
            "update %s (%s) skipped: it cannot be parsed (%d problems in %s)",
            update_id_of(raw),
            kind_of(raw),
            len(exc.errors()),
            ", ".join(fields)[:200],
        )
        return None
