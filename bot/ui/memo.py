"""What is built once per version of the content: a screen's final text and keyboard, the
answers to questions. Kept on the `Catalog` (replaced whole on reload, so everything built
from the old content goes with it) and per locale (the texts are translated)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from aiogram.utils.i18n import I18n

from bot.services.content import Catalog

T = TypeVar("T")
_MISSING: Any = object()


def locale() -> str | None:
    """The locale of the update being handled (texts differ by it)."""
    i18n = I18n.get_current(no_error=True)
    return i18n.current_locale if i18n is not None else None


def memo(catalog: Catalog, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """`build()` once per catalog, locale and `key`; the same object afterwards."""
    full = (locale(), *key)
    found: T = catalog.memo.get(full, _MISSING)
    if found is _MISSING:
        found = catalog.memo[full] = build()
    return found
