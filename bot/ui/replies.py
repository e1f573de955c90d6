"""Answers to free-text questions, rendered once per question and context.

The engine's answer depends on the question, the content and, while it is fresh, the chat
context (without its time). So the rendered screen, the reason for the unanswered log and
the context to keep are remembered in a bounded LRU on the catalog (gone on reload); only
the time of the context to keep is set anew, as the engine would.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from bot.engine import QUESTION_LIMIT, Answer, ChatContext, Reason
from bot.services.content import Catalog
from bot.services.questions import QuestionDesk
from bot.ui import answers
from bot.ui.memo import Lru, memo
from bot.ui.respond import finish
from bot.ui.widgets import Screen

ANSWERS_KEPT = 1024


@dataclass(frozen=True, slots=True)
class Reply:
    screen: Screen
    context: ChatContext  # what the chat keeps for a follow-up
    reason: Reason | None  # why it was not answered in full (the unanswered log)


@dataclass(frozen=True, slots=True)
class _Kept:
    screen: Screen
    context: ChatContext | None  # None: the chat's context stays as it was
    reason: Reason | None


def reply(desk: QuestionDesk, catalog: Catalog, question: str, context: ChatContext) -> Reply:
    now = time.time()
    fresh = context.fresh(now)  # a stale context is not read: answers do not depend on it
    key = (question[:QUESTION_LIMIT], replace(context, at=0.0) if fresh else None)
    kept_answers: Lru = memo(catalog, ("answers",), lambda: Lru(ANSWERS_KEPT))
    kept: _Kept | None = kept_answers.get(key)
    if kept is None:
        kept = _keep(catalog, desk.answer(question, context, now), context)
        kept_answers.put(key, kept)
    new = context if kept.context is None else replace(kept.context, at=now)
    return Reply(kept.screen, new, kept.reason)


def _keep(catalog: Catalog, answer: Answer, asked_in: ChatContext) -> _Kept:
    screen = finish(answers.render(catalog, answer))
    same = answer.context is asked_in
    return _Kept(screen, None if same else answer.context, answer.reason)
