"""The question engine for the current content: rebuilt when the content is reloaded."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from cachetools import LRUCache

from bot.engine import QUESTION_LIMIT, Answer, ChatContext, Engine, OtherPlace
from bot.engine.morph import Morph, shared_morph
from bot.services.content import Catalog, ContentService
from db.models import Content

NAMES_KEPT = 1024  # region names looked up (/region …), per content version
# Engines built, by content: an engine answers from its content alone, so the same content
# (a reload of an unchanged file, another app in the same process) reuses it.
_ENGINES: LRUCache[tuple[str, int], Engine] = LRUCache(maxsize=4)


def _engine_for(content: Content, morph: Morph) -> Engine:
    key = (hashlib.sha256(content.model_dump_json().encode()).hexdigest(), id(morph))
    if key not in _ENGINES:
        _ENGINES[key] = Engine(content, morph=morph)
    return _ENGINES[key]


class QuestionDesk:
    def __init__(self, content: ContentService, morph: Morph | None = None) -> None:
        self._content = content
        self._morph = morph or shared_morph()
        self._engine: Engine | None = None
        self._catalog: Catalog | None = None
        self._names = lru_cache(maxsize=NAMES_KEPT)(self._find_region)

    def engine(self) -> Engine:
        catalog = self._content.catalog
        if self._engine is None or self._catalog is not catalog:
            self._engine = _engine_for(catalog.content, self._morph)
            self._catalog = catalog
            self._names.cache_clear()
        return self._engine

    def answer(
        self, question: str, context: ChatContext | None = None, now: float | None = None
    ) -> Answer:
        return self.engine().answer(question, context, now)

    def find_region(self, text: str) -> str | OtherPlace | None:
        """Remembered per text for the current content (`/region пенза` is asked often)."""
        self.engine()  # a new content version forgets the names first
        return self._names(text[:QUESTION_LIMIT])

    def _find_region(self, text: str) -> str | OtherPlace | None:
        return self.engine().find_region(text)
