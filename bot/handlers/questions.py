"""Free text that is not a command: a question, answered from the content."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import Message

from bot.services.content import ContentService
from bot.services.questions import AnswerKind, QuestionDesk
from bot.ui import answers
from bot.ui.respond import show
from db.unanswered import UnansweredRepository


async def question(
    message: Message,
    questions: QuestionDesk,
    unanswered: UnansweredRepository,
    content: ContentService,
    bot: Bot,
) -> None:
    text = message.text or ""
    answer = questions.answer(text)
    if answer.kind is AnswerKind.UNKNOWN:
        await unanswered.record(text)
    await show(message, answers.render(content.catalog, answer), bot)


def build_router() -> Router:
    router = Router(name="questions")
    router.message.register(question, F.text, ~F.text.startswith("/"))
    return router
