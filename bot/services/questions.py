"""The question engine for the current content: rebuilt when the content is reloaded."""

from __future__ import annotations

from functools import lru_cache

from bot.engine import QUESTION_LIMIT, Answer, ChatContext, Engine, OtherPlace
from bot.engine.morph import Morph, shared_morph
from bot.services.content import Catalog, ContentService

NAMES_KEPT = 1024  # region names looked up (/region …), per content version


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
            self._engine = Engine(catalog.content, morph=self._morph)
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
