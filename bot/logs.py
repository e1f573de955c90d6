"""Output set-up: the bot token and the API URL's credentials never reach any output.

One `Redactor` knows every form a secret can take (the whole token, its secret part, the
token URL-encoded, the user and password of TELEGRAM_API_URL, decoded, encoded and as a
Basic auth header). `setup_output` puts it in front of sys.stdout and sys.stderr, so
`print`, uncaught tracebacks (sys.excepthook, threads, asyncio's exception handler log
through logging), warnings and logging are all redacted on the way out; `RedactFilter`
applies the same redactor to log records for any other handler.
"""

from __future__ import annotations

import base64
import io
import logging
import re
import sys
import threading
from collections.abc import Iterable
from typing import TextIO, cast
from urllib.parse import quote, unquote, urlsplit

MASK = "***"
_MAX_PENDING = 1 << 16  # a line longer than this is written out in pieces


class Redactor:
    """Replaces each of the given secrets (longest first, any letter case) with `***`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        unique = sorted({s for s in secrets if s}, key=len, reverse=True)
        alternatives = "|".join(re.escape(s) for s in unique)
        self._pattern = re.compile(alternatives, re.IGNORECASE) if unique else None

    @classmethod
    def for_settings(cls, token: str | None, api_url: str) -> Redactor:
        return cls([*token_forms(token), *url_credential_forms(api_url)])

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MASK, text) if self._pattern else text


def _encoded(value: str) -> list[str]:
    """The value as written, decoded and percent-encoded (URLs carry any of them)."""
    plain = unquote(value)
    return [value, plain, quote(plain, safe="")]


def token_forms(token: str | None) -> list[str]:
    """The whole token, URL-encoded (`%3A`), and its secret part after the colon."""
    if not token:
        return []
    _, _, secret = token.partition(":")
    return [*_encoded(token), secret]


def url_credential_forms(url: str) -> list[str]:
    """The password of `scheme://user:password@host` (or the user when alone) in every form,
    the pair, and the pair as a Basic auth header carries it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    userinfo, at, _ = parts.netloc.rpartition("@")
    if not at:
        return []
    user, colon, password = userinfo.partition(":")
    if not colon:
        return _encoded(user)
    pair = f"{unquote(user)}:{unquote(password)}"
    basic = base64.b64encode(pair.encode()).decode()
    return [*_encoded(password), *_encoded(userinfo), pair, basic]


class RedactingStream(io.TextIOBase):
    """A text stream that redacts whole lines before passing them to the real stream.

    Text is held until a newline (or `flush`), so a secret split over several `write` calls
    of one line is still found.
    """

    def __init__(self, stream: TextIO, redact: Redactor) -> None:
        super().__init__()
        self.stream = stream
        self.redact = redact
        self._pending = ""
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        with self._lock:
            self._pending += text
            head, newline, tail = self._pending.rpartition("\n")
            if newline:
                self._pending = tail
                self.stream.write(self.redact(head + newline))
            if len(self._pending) > _MAX_PENDING:
                self._pending, rest = "", self._pending
                self.stream.write(self.redact(rest))
        return len(text)

    def flush(self) -> None:
        with self._lock:
            if self.stream.closed:
                return
            if self._pending:
                self._pending, rest = "", self._pending
                self.stream.write(self.redact(rest))
            self.stream.flush()

    def close(self) -> None:
        self.flush()  # the real stream belongs to the interpreter: never close it

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.stream.errors


def redact_standard_streams(redact: Redactor) -> None:
    """Put `redact` in front of sys.stdout and sys.stderr (again: only swap the redactor)."""
    for name in ("stdout", "stderr"):
        current = getattr(sys, name)
        if isinstance(current, RedactingStream):
            current.redact = redact
        elif current is not None:
            setattr(sys, name, cast(TextIO, RedactingStream(current, redact)))


class RedactFilter(logging.Filter):
    """Redacts each record's message and traceback with the given redactor (or secrets)."""

    def __init__(self, redact: Redactor | Iterable[str]) -> None:
        super().__init__()
        self._redact = redact if isinstance(redact, Redactor) else Redactor(redact)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text, record.exc_info = self._redact(text), None
        return True


def setup_output(level: str, redact: Redactor) -> None:
    """Redact the standard streams, then log to (the redacted) standard error."""
    redact_standard_streams(redact)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(redact))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiogram logs every handled update at INFO; keep that out of the normal log.
    logging.getLogger("aiogram.event").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("aiogram.middlewares").setLevel(max(logging.WARNING, root.level))
