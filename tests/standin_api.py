"""A local stand-in for the Telegram Bot API, served over real HTTP on 127.0.0.1.

The end-to-end tests point `python -m bot` at it with TELEGRAM_API_URL. It answers the few
methods the bot uses, hands out queued updates through long polling, records every call with
its decoded parameters, and can fail the next call of a method the way Telegram does.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

JSON = dict[str, Any]
BOT_USER: JSON = {"is_bot": True, "first_name": "Moscow regions", "username": "standin_bot"}
_TAG = re.compile(r"<[^>]+>")
_REASONS = {
    401: "Unauthorized",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running",
    502: "Bad Gateway",
}


@dataclass
class Call:
    """One request the bot made: the method, its parameters and what it got back."""

    method: str
    params: JSON
    status: int = 0  # 0 while the stand-in has not answered yet (a pending long poll)
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def answered(self) -> bool:
        return self.status != 0


@dataclass
class _Failure:
    status: int
    body: JSON


@dataclass
class FloodLimit:
    """Telegram's flood control as the stand-in plays it: more than `per_chat` new
    messages to one chat, or more than `overall` in all, within `window` seconds earns a
    429 with `retry_after`. The bot is meant to stay under it."""

    per_chat: int = 3
    overall: int = 30
    window: float = 0.9
    retry_after: int = 1
    _sent: list[tuple[float, int]] = field(default_factory=list)
    refused: int = 0

    def admit(self, chat_id: int) -> bool:
        now = time.monotonic()
        self._sent = [(at, chat) for at, chat in self._sent if now - at < self.window]
        to_chat = sum(1 for _, chat in self._sent if chat == chat_id)
        if to_chat >= self.per_chat or len(self._sent) >= self.overall:
            self.refused += 1
            return False
        self._sent.append((now, chat_id))
        return True


@dataclass
class StandinBotAPI:
    token: str
    calls: list[Call] = field(default_factory=list)
    unauthorized: int = 0
    _updates: list[JSON] = field(default_factory=list)
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100))
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _recorded: asyncio.Condition = field(default_factory=asyncio.Condition)
    _closing: bool = False
    _runner: web.AppRunner | None = None
    port: int = 0
    flood: FloodLimit | None = None  # set to play Telegram's flood control on sendMessage
    _lost: dict[str, int] = field(default_factory=dict)
    _slow: dict[str, list[float]] = field(default_factory=dict)
    webhook: JSON = field(default_factory=dict)  # what the last setWebhook asked for

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_id(self) -> int:
        return int(self.token.partition(":")[0])

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{bot_token}/{method}", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        self._closing = True
        self._new_update.set()  # release a pending long poll at once
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ test controls

    def queue_update(self, update: JSON) -> int:
        """Queue an update for getUpdates; an `update_id` is assigned when missing."""
        update.setdefault("update_id", next(self._update_ids))
        self._updates.append(update)
        self._new_update.set()
        return int(update["update_id"])

    def fail_next(
        self, method: str, status: int = 429, description: str = "", retry_after: int = 1
    ) -> None:
        """Make the next call of `method` fail; the default is a 429 flood-limit answer."""
        body: JSON = {"ok": False, "error_code": status}
        if status == 429:
            body["description"] = description or f"Too Many Requests: retry after {retry_after}"
            body["parameters"] = {"retry_after": retry_after}
        else:
            body["description"] = description or _REASONS.get(status, "Internal Server Error")
        self._failures.setdefault(method, []).append(_Failure(status, body))

    def recover(self, method: str) -> None:
        """Drop the failures still queued for `method`."""
        self._failures.pop(method, None)

    def lose_next(self, method: str, times: int = 1) -> None:
        """Carry out the next call(s) of `method`, then drop the connection unanswered: the
        request took effect, but the bot never hears so."""
        self._lost[method] = self._lost.get(method, 0) + times

    def slow_next(self, method: str, seconds: float) -> None:
        """Answer the next call of `method` only after `seconds`."""
        self._slow.setdefault(method, []).append(seconds)

    def delivered(self, chat_id: int) -> list[Call]:
        """The messages that reached the person in `chat_id` (answered or not)."""
        return [
            call
            for call in self.calls_of("sendMessage")
            if call.params.get("chat_id") in (chat_id, str(chat_id)) and call.result is not None
        ]

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(
        self,
        method: str,
        *,
        timeout: float = 10.0,  # noqa: ASYNC109 - the helper's own bound on the wait
        where: Callable[[Call], bool] | None = None,
        pending: bool = False,
    ) -> Call:
        """The first answered call of `method` matching `where`, waiting up to `timeout`.

        With `pending`, a call still waiting for its answer (a long poll) counts as well.
        """

        def find() -> Call | None:
            for call in self.calls_of(method):
                if (pending or call.answered) and (where is None or where(call)):
                    return call
            return None

        try:
            async with asyncio.timeout(timeout), self._recorded:
                await self._recorded.wait_for(lambda: find() is not None)
        except TimeoutError:
            seen = ", ".join(f"{c.method}:{c.status}" for c in self.calls) or "nothing"
            raise AssertionError(
                f"no matching {method} within {timeout} s; calls: {seen}"
            ) from None
        found = find()
        assert found is not None
        return found

    # ------------------------------------------------------------------ HTTP

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["bot_token"] != f"bot{self.token}":
            self.unauthorized += 1
            body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return web.json_response(body, status=401)
        method = request.match_info["method"]
        call = Call(method, await _decode(request))
        await self._record(call)
        failures = self._failures.get(method)
        handler = getattr(self, f"_api_{method}", None)
        if self._slow.get(method):
            await asyncio.sleep(self._slow[method].pop(0))
            if request.transport is None or request.transport.is_closing():
                await self._record(call, 499)  # 499: the bot gave up before it was done
                return web.Response(status=499)
        if failures:
            failure = failures.pop(0)
            status, body = failure.status, failure.body
        elif (
            method == "sendMessage"
            and self.flood
            and not self.flood.admit(int(call.params["chat_id"]))
        ):
            status, body = (
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {self.flood.retry_after}",
                    "parameters": {"retry_after": self.flood.retry_after},
                },
            )
        elif handler is None:
            status = 400
            body = {"ok": False, "error_code": 400, "description": "Bad Request: method not found"}
        else:
            call.result = await handler(call.params)
            status, body = 200, {"ok": True, "result": call.result}
        if status == 200 and self._lost.get(method):
            self._lost[method] -= 1
            await self._record(call, 599)  # 599: carried out, the answer never sent
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        await self._record(call, status)
        return web.json_response(body, status=status)

    async def _record(self, call: Call, status: int = 0) -> None:
        async with self._recorded:
            if status:
                call.status = status
            else:
                self.calls.append(call)
            self._recorded.notify_all()

    # ------------------------------------------------------------------ Bot API methods

    async def _api_getMe(self, params: JSON) -> JSON:
        return {"id": self.bot_id, **BOT_USER}

    async def _api_getUpdates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset", 0))
        limit = int(params.get("limit", 100))
        deadline = time.monotonic() + float(params.get("timeout", 0))
        # Telegram forgets the updates below the offset: they are confirmed.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        while not self._updates and not self._closing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._new_update.clear()
            try:
                async with asyncio.timeout(remaining):
                    await self._new_update.wait()
            except TimeoutError:
                break
        return self._updates[:limit]

    async def _api_sendMessage(self, params: JSON) -> JSON:
        return self._message(params, next(self._message_ids))

    async def _api_editMessageText(self, params: JSON) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        message = self._message(params, int(params["message_id"]))
        message["edit_date"] = int(time.time())
        return message

    async def _done(self, params: JSON) -> bool:
        return True  # Telegram answers these methods with a bare `true`

    async def _api_setWebhook(self, params: JSON) -> bool:
        self.webhook = dict(params)
        return True

    async def _api_deleteWebhook(self, params: JSON) -> bool:
        self.webhook = {}
        return True

    async def _api_getWebhookInfo(self, params: JSON) -> JSON:
        return {"url": self.webhook.get("url", ""), "pending_update_count": 0}

    _api_answerCallbackQuery = _done
    _api_setMyCommands = _api_setMyDescription = _api_setMyShortDescription = _done

    def _message(self, params: JSON, message_id: int) -> JSON:
        text = str(params.get("text", ""))
        if params.get("parse_mode") == "HTML":
            text = html.unescape(_TAG.sub("", text))  # what the person sees
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": {"id": self.bot_id, **BOT_USER},
            "text": text,
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message


async def post_update(url: str, update: JSON | str, secret: str | None) -> tuple[int, str]:
    """Deliver `update` to a bot's webhook the way Telegram does (a JSON body, the secret in
    X-Telegram-Bot-Api-Secret-Token unless None); the status and body of the answer."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = update if isinstance(update, str) else json.dumps(update)
    timeout = aiohttp.ClientTimeout(total=10)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status, await response.text()


async def _decode(request: web.Request) -> JSON:
    """Parameters from a JSON body or a form; JSON-encoded fields (reply_markup…) decoded."""
    if request.content_type == "application/json":
        data: JSON = await request.json()
        return data
    params: JSON = {}
    for key, value in (await request.post()).items():
        if isinstance(value, str) and value[:1] in ("{", "["):
            try:
                params[key] = json.loads(value)
                continue
            except ValueError:
                pass
        params[key] = value
    return params
