"""Building the bot, the dispatcher and their services: one factory for production and tests."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n.middleware import ConstI18nMiddleware

from bot.config import Settings
from bot.handlers import PUBLIC_COMMANDS, get_routers
from bot.handlers.errors import on_error
from bot.handlers.groups import GroupAddressing
from bot.i18n import DEFAULT_LOCALE, build_i18n
from bot.runtime.ordering import ChatOrder
from bot.runtime.pacing import Pacer, PacingMiddleware
from bot.runtime.retry import RetryMiddleware
from bot.runtime.throttle import LocalLimiter, Throttle
from bot.services.content import ContentService
from bot.services.questions import QuestionDesk
from bot.services.watcher import ContentWatcher
from bot.ui.callbacks import unfit_buttons
from db.database import Database
from db.loader import ContentError
from db.models import Content
from db.repository import ContentRepository
from db.unanswered import UnansweredLog, UnansweredRepository

if TYPE_CHECKING:  # Redis is imported only when REDIS_URL is set: it costs memory and time
    from redis.asyncio import Redis

    from bot.runtime.once import UpdateOnce

log = logging.getLogger(__name__)

OFFLINE_TOKEN = "1:offline-console"  # noqa: S105 - a well-formed token for sessions that never reach Telegram


@dataclass
class App:
    settings: Settings
    db: Database
    content: ContentService
    i18n: I18n
    dispatcher: Dispatcher
    redis: Redis | None = None

    async def close(self) -> None:
        await self.db.close()
        if self.redis is not None:
            await self.redis.aclose()


async def open_content(settings: Settings) -> tuple[Database, ContentService]:
    """Open (and create) the database, load the content file if it changed, read it to memory.

    A broken content file is reported and the stored content is kept; with nothing stored
    the error is raised.
    """
    db = await Database.open(settings.database_path)
    service = content_service(db)
    try:
        try:
            if await service.sync_with_file(settings.content_path):
                log.info("content loaded from %s", settings.content_path)
        except ContentError as exc:
            log.error("content file rejected, keeping the stored content: %s", exc)
        await service.refresh()
    except BaseException:
        await db.close()
        raise
    return db, service


def content_service(db: Database) -> ContentService:
    """The content of `db`, with the checks of what the screens need from it."""
    return ContentService(ContentRepository(db), checks=[buttons_fit])


def buttons_fit(content: Content) -> list[str]:
    return unfit_buttons([r.id for r in content.regions], [s.id for s in content.sectors])


@dataclass
class Shared:
    """What the instances of the bot share when there are several."""

    storage: BaseStorage  # per-chat state: the follow-up context
    unanswered: UnansweredLog
    throttle: Throttle | None  # None: throttling is off
    once: UpdateOnce | None  # the guard against an update delivered twice


def shared_state(settings: Settings, db: Database, redis: Redis | None) -> Shared:
    """In memory and in SQLite for one instance; in Redis (REDIS_URL) for several."""
    burst, rate = settings.throttle_burst, settings.throttle_per_second
    if redis is None:
        throttle = Throttle(LocalLimiter(burst, rate)) if burst else None
        return Shared(MemoryStorage(), UnansweredRepository(db), throttle, None)
    from bot.runtime.once import UpdateOnce
    from bot.runtime.state import SharedStorage
    from bot.runtime.throttle import RedisLimiter
    from db.shared import FailOpen
    from db.unanswered_redis import RedisUnansweredLog

    fail_open = FailOpen()
    return Shared(
        storage=SharedStorage(redis, fail_open),
        unanswered=RedisUnansweredLog(redis, fail_open),
        throttle=Throttle(RedisLimiter(redis, burst, rate, fail_open)) if burst else None,
        once=UpdateOnce(redis, fail_open),
    )


def build_dispatcher(
    settings: Settings,
    content: ContentService,
    i18n: I18n,
    db: Database,
    redis: Redis | None = None,
) -> Dispatcher:
    questions = QuestionDesk(content)
    questions.engine()  # load the dictionaries and index the facts before the first update
    shared = shared_state(settings, db, redis)
    dp = Dispatcher(
        storage=shared.storage,
        settings=settings,
        content=content,
        i18n=i18n,
        questions=questions,
        unanswered=shared.unanswered,
    )
    # First: each update takes its place in its chat's line before anything awaits (the
    # repeat guard, the throttle in Redis), so no later update of the chat overtakes it.
    order = ChatOrder(settings.updates_concurrency)
    dp.update.outer_middleware(order.arrival)
    if shared.once is not None:  # a repeated update costs nothing more
        dp.update.outer_middleware(shared.once)
    ConstI18nMiddleware(locale=DEFAULT_LOCALE, i18n=i18n).setup(dp)
    dp.message.outer_middleware(GroupAddressing())
    # After the group filter (ignored messages cost nothing): the throttle sees a flood as
    # it arrives; then each update waits for its chat's turn, a bounded number at once.
    runtime: list[BaseMiddleware] = [order.turn]
    if shared.throttle is not None:
        runtime.insert(0, shared.throttle)
    for middleware in runtime:
        dp.message.outer_middleware(middleware)
        dp.callback_query.outer_middleware(middleware)
    watcher = ContentWatcher(content, settings.content_check_seconds)
    dp["content_watcher"] = watcher
    dp.startup.register(watcher.start)
    dp.shutdown.register(watcher.stop)
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_routers(*get_routers())
    dp.errors.register(on_error)
    dp.startup.register(register_commands)
    return dp


def build_bot(
    settings: Settings, session: BaseSession | None = None, pacer: Pacer | None = None
) -> Bot:
    """The bot; what it sends goes through retries and, on the way to Telegram (or when a
    `pacer` is given), through the pacing queue. An in-process session (the console, the
    tests) has no flood limits to keep to."""
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        pacer = pacer or Pacer()
    session.middleware(RetryMiddleware(pacer))
    if pacer is not None:
        session.middleware(PacingMiddleware(pacer))
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def create_app(settings: Settings) -> App:
    i18n = build_i18n()
    url = settings.redis_url.get_secret_value() if settings.redis_url else None
    async with AsyncExitStack() as undo:  # what was opened is closed if a later step fails
        redis = None
        if url:  # Redis must answer at start
            from db.shared import connect

            redis = await connect(url)
        if redis is not None:
            undo.push_async_callback(redis.aclose)
        db, content = await open_content(settings)
        undo.push_async_callback(db.close)
        dispatcher = build_dispatcher(settings, content, i18n, db, redis)
        undo.pop_all()
    return App(settings, db, content, i18n, dispatcher, redis)


async def register_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu and the bot's description, in Russian; failures are only logged."""
    with i18n.context(), i18n.use_locale(DEFAULT_LOCALE):
        described = {
            "start": _("Main menu"),
            "region": _("A partner region: /region penza"),
            "about": _("About the agreements"),
            "help": _("How to use the bot"),
            "privacy": _("What the bot stores"),
        }
        commands = [BotCommand(command=c, description=described[c]) for c in PUBLIC_COMMANDS]
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
