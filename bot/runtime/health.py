"""Health endpoints for an orchestrator or a load balancer: fast, JSON, no secrets.

- `GET /healthz`: 200 `{"status": "ok"}` while the process serves.
- `GET /readyz`: 200 when the content is loaded, the database takes a write transaction and
  the Bot API answered `getMe` at the last check (made in the background every
  `every` seconds, so a request never waits on Telegram); else 503 naming the check that
  failed.

The webhook server adds the routes to its own application; long polling serves them on a
port of their own (`Health.serve`, HEALTH_PORT).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiohttp import web

from bot.runtime.intake import Stopped
from db.database import Database

log = logging.getLogger(__name__)

OK = "ok"
_DB_WAIT = 1.0  # a readiness request waits this long for the database, then says "busy"


class Health:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        content_loaded: Callable[[], bool],
        *,
        every: float = 30.0,
    ) -> None:
        self._bot = bot
        self._db = db
        self._content_loaded = content_loaded
        self._every = every
        self._api = "not checked yet"
        self._db_check: asyncio.Task[str] | None = None

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/readyz", self.readyz)

    async def healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": OK})

    async def readyz(self, request: web.Request) -> web.Response:
        checks = {
            "content": OK if self._content_loaded() else "not loaded",
            "database": await self._database(),
            "bot_api": self._api,
        }
        ready = all(value == OK for value in checks.values())
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        return web.json_response(body, status=200 if ready else 503)

    async def check_api(self) -> None:
        """One `getMe`; its outcome is what /readyz reports until the next check."""
        try:
            async with asyncio.timeout(10):
                await self._bot.get_me()
        except TelegramAPIError as exc:
            self._api = f"getMe failed: {type(exc).__name__}"
        except TimeoutError:
            self._api = "getMe failed: no answer in 10 s"
        else:
            self._api = OK
        if self._api != OK:
            log.warning("readiness: the Bot API check failed (%s)", self._api)

    @contextlib.asynccontextmanager
    async def watching(self) -> AsyncIterator[None]:
        """Check the Bot API now, then every `every` seconds in the background."""
        await self.check_api()
        watcher = asyncio.create_task(self._watch_api())
        try:
            yield
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
            if self._db_check is not None and not self._db_check.done():
                with contextlib.suppress(Exception):
                    await self._db_check

    @contextlib.asynccontextmanager
    async def serve(self, host: str, port: int, settings: str) -> AsyncIterator[None]:
        """The two endpoints on `host:port` of their own (`settings` names where they come
        from, for the operator's line when the port cannot be opened)."""
        app = web.Application()
        self.add_routes(app)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await open_site(runner, host, port, settings)
            async with self.watching():
                yield
        finally:
            await runner.cleanup()

    async def _watch_api(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            await self.check_api()

    async def _database(self) -> str:
        # One check at a time, never cancelled half-way (a cancelled BEGIN could leave the
        # shared connection inside a transaction); a slow one is reported as busy.
        if self._db_check is None or self._db_check.done():
            self._db_check = asyncio.create_task(self._write_probe())
        probe = self._db_check
        done, _ = await asyncio.wait({probe}, timeout=_DB_WAIT)
        return probe.result() if done else "busy: no write transaction within 1 s"

    async def _write_probe(self) -> str:
        try:
            async with self._db.write():
                pass  # BEGIN IMMEDIATE … COMMIT of nothing: the file takes a writer
        except Exception as exc:
            return f"not writable: {type(exc).__name__}"
        return OK


async def open_site(runner: web.AppRunner, host: str, port: int, settings: str) -> None:
    """Listen on `host:port`; a port that cannot be opened is one line naming `settings`."""
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        raise Stopped(
            f"cannot listen on {host}:{port} ({settings}): {exc.strerror or exc}", 1
        ) from None
