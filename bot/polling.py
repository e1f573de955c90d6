"""Running against the Bot API given by TELEGRAM_API_URL: long polling
(`bot.runtime.poller`) or a webhook server (`bot.runtime.webhook`)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiogram import Bot

from bot.app import App, build_bot, create_app
from bot.config import ConfigError, Settings
from bot.runtime.health import Health
from bot.runtime.poller import Poller
from bot.runtime.webhook import Listen, WebhookServer
from db.inbox import Inbox

log = logging.getLogger(__name__)


@asynccontextmanager
async def _started(settings: Settings, mode: str) -> AsyncIterator[tuple[App, Bot]]:
    """The app and the bot, once the Bot API has answered `getMe`; both closed after."""
    app = await create_app(settings)
    try:
        bot = build_bot(settings)
        try:
            me = await bot.get_me()
            log.info(
                "bot @%s started (%s), Bot API at %s", me.username, mode, settings.telegram_api_url
            )
            yield app, bot
        finally:
            await bot.session.close()
    finally:
        await app.close()


async def run_polling(settings: Settings) -> None:
    async with _started(settings, "long polling") as (app, bot):
        await bot.delete_webhook(drop_pending_updates=False)
        grace = settings.stop_grace_seconds
        poller = Poller(app.dispatcher, bot, inbox=Inbox(app.db, bot.id), grace=grace)
        if settings.health_port is None:
            await poller.run()
            return
        health = _health(settings, app, bot)
        async with health.serve(settings.webhook_host, settings.health_port, "HEALTH_PORT"):
            log.info("health endpoints on %s:%d", settings.webhook_host, settings.health_port)
            await poller.run()


async def run_webhook(settings: Settings) -> None:
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ConfigError(settings.webhook_problem() or "webhook mode needs WEBHOOK_URL")
    listen = Listen(
        url=settings.webhook_url,
        secret=settings.webhook_secret.get_secret_value(),
        host=settings.webhook_host,
        port=settings.webhook_port,
        path=settings.webhook_route,
    )
    async with _started(settings, "webhook") as (app, bot):
        inbox = Inbox(app.db, bot.id)
        health = _health(settings, app, bot)
        await WebhookServer(
            app.dispatcher, bot, inbox=inbox, listen=listen, health=health,
            grace=settings.stop_grace_seconds,
        ).run()  # fmt: skip


def _health(settings: Settings, app: App, bot: Bot) -> Health:
    return Health(bot, app.db, lambda: _content_loaded(app), every=settings.health_check_seconds)


def _content_loaded(app: App) -> bool:
    try:
        return bool(app.content.catalog.content.facts)
    except RuntimeError:  # not loaded yet
        return False
