"""Long polling against the Bot API given by TELEGRAM_API_URL (see `bot.runtime.poller`)."""

from __future__ import annotations

import logging

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.runtime.poller import Poller
from db.inbox import Inbox

log = logging.getLogger(__name__)


async def run_polling(settings: Settings) -> None:
    app = await create_app(settings)
    try:
        bot = build_bot(settings)
        try:
            me = await bot.get_me()
            log.info("bot @%s started, Bot API at %s", me.username, settings.telegram_api_url)
            await bot.delete_webhook(drop_pending_updates=False)
            poller = Poller(
                app.dispatcher,
                bot,
                inbox=Inbox(app.db, bot.id),
            )
            await poller.run()
        finally:
            await bot.session.close()
    finally:
        await app.close()
