"""Free text that is not a command: a question, answered from the content.

The chat's last question is kept in the FSM storage (memory now, Redis when several
instances share it), so that a follow-up such as «а в Югре?» is understood.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.engine import ChatContext
from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from bot.ui import replies
from bot.ui.respond import show
from db.unanswered import UnansweredLog

CONTEXT_KEY = "question"


async def question(
    message: Message,
    questions: QuestionDesk,
    unanswered: UnansweredLog,
    content: ContentService,
    bot: Bot,
    state: FSMContext | None = None,  # None for a message without a sender: no follow-ups
) -> None:
    text = message.text or ""
    data = await state.get_data() if state is not None else {}
    context = ChatContext.from_dict(data.get(CONTEXT_KEY))
    answer = replies.reply(questions, content.catalog, text, context)
    kept = answer.context.to_dict()
    if state is not None and kept != data.get(CONTEXT_KEY):
        await state.update_data({CONTEXT_KEY: kept})
    await show(message, answer.screen, bot)
    if answer.reason is not None:  # after the answer: the log never changes what is shown
        sender = message.from_user.id if message.from_user else message.chat.id
        await unanswered.record(text, answer.reason, sender=sender)


async def is_question(message: Message) -> bool:
    """Text that is not a command. (A coroutine: aiogram runs a magic filter such as
    `F.text` in a worker thread, which costs more than the rest of the check.)"""
    return bool(message.text) and not (message.text or "").startswith("/")


def build_router() -> Router:
    router = Router(name="questions")
    router.message.register(question, is_question)
    return router
