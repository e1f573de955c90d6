"""Long polling against the Bot API given by TELEGRAM_API_URL."""

from __future__ import annotations

import logging

from bot.app import build_bot, create_app
from bot.config import Settings

log = logging.getLogger(__name__)


async def run_polling(settings: Settings) -> None:
    app = await create_app(settings)
    bot = build_bot(settings)
    try:
        me = await bot.get_me()
        log.info("bot @%s started, Bot API at %s", me.username, settings.telegram_api_url)
        await bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            bot,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
            handle_signals=True,
            close_bot_session=False,
        )
    finally:
        await bot.session.close()
        await app.close()
