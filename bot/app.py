"""Building the bot, the dispatcher and their services: one factory for production and tests."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import aiosqlite
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n.middleware import ConstI18nMiddleware

from bot.config import Settings
from bot.handlers import get_routers
from bot.handlers.errors import on_error
from bot.i18n import DEFAULT_LOCALE, build_i18n
from bot.middlewares import ContentFreshness
from bot.retry import RetryMiddleware
from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from db.loader import ContentError
from db.repository import ContentRepository
from db.schema import connect
from db.unanswered import UnansweredRepository

log = logging.getLogger(__name__)

OFFLINE_TOKEN = "1:offline-console"  # noqa: S105 - a well-formed token for sessions that never reach Telegram


@dataclass
class App:
    settings: Settings
    conn: aiosqlite.Connection
    content: ContentService
    i18n: I18n
    dispatcher: Dispatcher

    async def close(self) -> None:
        await self.conn.close()


async def open_content(settings: Settings) -> tuple[aiosqlite.Connection, ContentService]:
    """Open (and create) the database, load the content file if it changed, read it to memory.

    A broken content file is reported and the stored content is kept; with nothing stored
    the error is raised.
    """
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    conn = await connect(str(settings.database_path))
    service = ContentService(ContentRepository(conn))
    try:
        try:
            if await service.sync_with_file(settings.content_path):
                log.info("content loaded from %s", settings.content_path)
        except ContentError as exc:
            log.error("content file rejected, keeping the stored content: %s", exc)
        await service.refresh()
    except BaseException:
        await conn.close()
        raise
    return conn, service


def build_dispatcher(
    settings: Settings, content: ContentService, i18n: I18n, conn: aiosqlite.Connection
) -> Dispatcher:
    questions = QuestionDesk(content)
    questions.engine()  # load the dictionaries and index the facts before the first update
    dp = Dispatcher(
        settings=settings,
        content=content,
        i18n=i18n,
        questions=questions,
        unanswered=UnansweredRepository(conn),
    )
    dp.update.outer_middleware(ContentFreshness(content, settings.content_check_seconds))
    ConstI18nMiddleware(locale=DEFAULT_LOCALE, i18n=i18n).setup(dp)
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_routers(*get_routers())
    dp.errors.register(on_error)
    dp.startup.register(register_commands)
    return dp


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(RetryMiddleware())
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def create_app(settings: Settings) -> App:
    i18n = build_i18n()
    conn, content = await open_content(settings)
    try:
        dispatcher = build_dispatcher(settings, content, i18n, conn)
    except BaseException:
        await conn.close()
        raise
    return App(settings, conn, content, i18n, dispatcher)


async def register_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu and the bot's description, in Russian; failures are only logged."""
    with i18n.context(), i18n.use_locale(DEFAULT_LOCALE):
        commands = [
            BotCommand(command="start", description=_("Main menu")),
            BotCommand(command="region", description=_("A partner region: /region penza")),
            BotCommand(command="about", description=_("About the agreements")),
            BotCommand(command="help", description=_("How to use the bot")),
        ]
        description = _(
            "How Moscow cooperates with its partner regions: Altai Republic, Penza Oblast and "
            "Khanty-Mansi Autonomous Okrug – Yugra. Figures with periods and sources."
        )
        short = _("Moscow and its partner regions: figures and sources.")
    try:
        for language in (None, DEFAULT_LOCALE):
            await bot.set_my_commands(commands, language_code=language)
            await bot.set_my_description(description, language_code=language)
            await bot.set_my_short_description(short, language_code=language)
    except TelegramAPIError as exc:
        log.warning("could not register the command menu: %s", exc)
