"""The question engine for the current content: rebuilt when the content is reloaded."""

from __future__ import annotations

from bot.engine import Answer, ChatContext, Engine, OtherPlace
from bot.engine.morph import Morph, shared_morph
from bot.services.content import Catalog, ContentService


class QuestionDesk:
    def __init__(self, content: ContentService, morph: Morph | None = None) -> None:
        self._content = content
        self._morph = morph or shared_morph()
        self._engine: Engine | None = None
        self._catalog: Catalog | None = None

    def engine(self) -> Engine:
        catalog = self._content.catalog
        if self._engine is None or self._catalog is not catalog:
            self._engine = Engine(catalog.content, morph=self._morph)
            self._catalog = catalog
        return self._engine

    def answer(self, question: str, context: ChatContext | None = None) -> Answer:
        return self.engine().answer(question, context)

    def find_region(self, text: str) -> str | OtherPlace | None:
        return self.engine().find_region(text)
