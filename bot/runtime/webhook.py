"""Webhook mode: Telegram POSTs each update to an aiohttp server.

aiogram's `SimpleRequestHandler` parses the request with `Update.model_validate` and fails
the whole request on an update it cannot parse (Telegram then re-sends it for a day), and it
keeps nothing when the process stops. This handler instead:

- checks `X-Telegram-Bot-Api-Secret-Token` in constant time; a missing or wrong one gets 401
  and the body is never read (one log line, never the header's value);
- validates the update on its own (`bot.runtime.updates`): one that cannot be parsed is
  logged once and answered 200, so Telegram moves on;
- stores it in the inbox before answering 200 (a repeat is answered 200 and dropped), then
  handles it in the background through the dispatcher (`bot.runtime.intake`, shared with
  long polling); what a stop or a crash leaves is handled at the next start;
- serves `/healthz` and `/readyz` (`bot.runtime.health`) on the same port;
- on SIGTERM or SIGINT closes the listener, lets the updates in hand finish within `grace`
  seconds and returns (the webhook stays set: Telegram keeps new updates until the next
  start).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
import time
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiohttp import web

from bot.runtime.health import Health, open_site
from bot.runtime.intake import Intake, Stopped
from db.inbox import Inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
_REFUSALS_LOGGED_EVERY = 10.0  # seconds: a flood of forged requests is one line a while
_FLUSH_EVERY = 0.5  # seconds between marks of handled updates in the inbox


@dataclass(frozen=True)
class Listen:
    """Where the server listens and what Telegram is told."""

    url: str
    secret: str
    host: str
    port: int
    path: str


class WebhookServer:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        inbox: Inbox,
        listen: Listen,
        health: Health,
        grace: float,
    ) -> None:
        self._dp = dispatcher
        self._bot = bot
        self._inbox = inbox
        self._listen = listen
        self._secret = listen.secret.encode()
        self._health = health
        self._grace = grace
        self._stopping = asyncio.Event()
        self._intake: Intake | None = None
        self._refusals = 0
        self._refusal_logged = -_REFUSALS_LOGGED_EVERY

    def stop(self) -> None:
        self._stopping.set()

    async def run(self, *, handle_signals: bool = True, **workflow: Any) -> None:
        """Serve until stopped; raises `Stopped` when Telegram refuses the webhook or the
        port cannot be opened."""
        loop = asyncio.get_running_loop()
        if handle_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_signal, sig)
        intake = Intake(self._dp, self._bot, self._inbox, grace=self._grace, workflow=workflow)
        runner = web.AppRunner(self._application(), access_log=None, shutdown_timeout=1.0)
        flusher: asyncio.Task[None] | None = None
        try:
            await self._dp.emit_startup(**intake.lifecycle_data())
            await intake.resume()
            self._intake = intake
            await runner.setup()
            async with self._health.watching():
                host, port, path = self._listen.host, self._listen.port, self._listen.path
                await open_site(runner, host, port, "WEBHOOK_HOST, WEBHOOK_PORT")
                log.info("webhook server listening on %s:%d%s", host, port, path)
                await self._set_webhook()
                flusher = asyncio.create_task(self._flush(intake))
                await self._stopping.wait()
        finally:
            self._intake = None  # from here on a request still in the server gets 503
            if handle_signals:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(sig)
            await runner.cleanup()  # close the listener, let accepted requests finish
            if flusher is not None:
                flusher.cancel()
                await asyncio.gather(flusher, return_exceptions=True)
            await intake.drain()
            await self._dp.emit_shutdown(**intake.lifecycle_data())

    def _application(self) -> web.Application:
        app = web.Application()
        app.router.add_post(self._listen.path, self.receive)
        self._health.add_routes(app)
        return app

    async def _set_webhook(self) -> None:
        try:
            await self._bot.set_webhook(
                url=self._listen.url,
                secret_token=self._listen.secret,
                allowed_updates=self._dp.resolve_used_update_types(),
                drop_pending_updates=False,
            )
        except TelegramBadRequest as exc:
            raise Stopped(
                f"Telegram refused WEBHOOK_URL {self._listen.url}: {exc.message}", 1
            ) from None
        log.info("webhook set: Telegram delivers updates to %s", self._listen.url)

    async def receive(self, request: web.Request) -> web.Response:
        """One update from Telegram: stored, answered 200 at once, handled in the background."""
        given = request.headers.get(SECRET_HEADER)
        if given is None or not hmac.compare_digest(given.encode("utf-8", "replace"), self._secret):
            self._refused(
                request, "without a secret token" if given is None else "with a wrong secret token"
            )
            return web.json_response({"ok": False, "description": "Unauthorized"}, status=401)
        intake = self._intake
        if intake is None:
            return web.json_response({"ok": False, "description": "stopping"}, status=503)
        try:
            raw = await request.json()
        except ValueError:
            log.warning("webhook: a request whose body is not JSON refused")
            return web.json_response({"ok": False, "description": "not JSON"}, status=400)
        await intake.take([raw])  # a repeat or an update that cannot be parsed: dropped
        return web.json_response({"ok": True})

    def _refused(self, request: web.Request, why: str) -> None:
        """One log line per 10 s at most, with the count since the last one."""
        self._refusals += 1
        now = time.monotonic()
        if now - self._refusal_logged < _REFUSALS_LOGGED_EVERY:
            return
        log.warning(
            "webhook: %d request(s) refused with 401 since the last such line (the last %s, "
            "from %s)",
            self._refusals,
            why,
            request.remote,
        )
        self._refusals, self._refusal_logged = 0, now

    async def _flush(self, intake: Intake) -> None:
        """Mark handled updates in the inbox, a batch at a time."""
        while True:
            await asyncio.sleep(_FLUSH_EVERY)
            await intake.housekeeping()

    def _on_signal(self, sig: signal.Signals) -> None:
        log.info("%s received: closing the webhook server, finishing the updates in hand", sig.name)
        self.stop()
