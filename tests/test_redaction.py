"""The redactor: every form of the token and of the API URL's credentials becomes `***`."""

from __future__ import annotations

import base64
import io
import logging
import sys

import pytest

from bot.logs import RedactFilter, RedactingStream, Redactor, redact_standard_streams

TOKEN = "123456:AAH-very_secret-42"
SECRET = "AAH-very_secret-42"
URL = "https://bot-user:p%40ss+word@proxy.example:8443/telegram"
PASSWORD = "p@ss+word"  # as the URL carries it decoded


@pytest.fixture
def redact() -> Redactor:
    return Redactor.for_settings(TOKEN, URL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"POST https://api.telegram.org/bot{TOKEN}/getMe",
            "POST https://api.telegram.org/bot***/getMe",
        ),
        ("url='http://x/bot123456%3AAAH-very_secret-42/getMe'", "url='http://x/bot***/getMe'"),
        ("url='http://x/bot123456%3aAAH-very_secret-42/getMe'", "url='http://x/bot***/getMe'"),
        (f"the secret part alone: {SECRET}.", "the secret part alone: ***."),
        (f"upper case: {SECRET.upper()}", "upper case: ***"),
        ("https://bot-user:p%40ss+word@proxy.example", "https://***@proxy.example"),
        (f"decoded: {PASSWORD}", "decoded: ***"),
        ("encoded: p%40ss%2Bword", "encoded: ***"),
        ("pair: bot-user:p@ss+word", "pair: ***"),
        ("header: Basic " + base64.b64encode(b"bot-user:p@ss+word").decode(), "header: Basic ***"),
        (
            "nothing secret: 123456, bot-user, proxy.example",
            "nothing secret: 123456, bot-user, proxy.example",
        ),
    ],
    ids=[
        "whole",
        "url-encoded",
        "url-encoded-lower",
        "secret-part",
        "any-case",
        "url-credentials",
        "password-decoded",
        "password-encoded",
        "user-and-password",
        "basic-auth",
        "untouched",
    ],
)
def test_every_form_is_redacted(redact: Redactor, text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_user_alone_in_the_url_is_the_credential() -> None:
    redact = Redactor.for_settings(None, "https://only-a-key@proxy.example")
    assert redact("at https://only-a-key@proxy.example") == "at https://***@proxy.example"


def test_nothing_to_hide_leaves_text_alone() -> None:
    redact = Redactor.for_settings(None, "https://api.telegram.org")
    assert (
        redact("https://api.telegram.org/bot1:x/getMe") == "https://api.telegram.org/bot1:x/getMe"
    )


def test_stream_redacts_a_secret_split_over_writes(redact: Redactor) -> None:
    real = io.StringIO()
    stream = RedactingStream(real, redact)
    for piece in ("url bot123", "456:AAH-very", "_secret-42/getMe", "\nnext "):
        stream.write(piece)
    assert real.getvalue() == "url bot***/getMe\n"  # the unfinished line is held back
    stream.write(TOKEN)
    stream.flush()
    assert real.getvalue() == "url bot***/getMe\nnext ***"


def test_stream_passes_terminal_questions_through(redact: Redactor) -> None:
    real = io.StringIO()
    stream = RedactingStream(real, redact)
    assert stream.isatty() is False
    assert stream.writable()
    stream.close()  # the real stream stays open: it belongs to the interpreter
    assert not real.closed


def test_standard_streams_are_redacted_once(
    redact: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    redact_standard_streams(Redactor([]))
    redact_standard_streams(redact)  # a second call swaps the redactor, it does not nest
    assert isinstance(sys.stdout, RedactingStream) and sys.stdout.stream is out
    print("token", TOKEN)
    try:
        raise ValueError(f"failed at https://x/bot{TOKEN}/getMe")
    except ValueError:
        sys.__excepthook__(*sys.exc_info())
    sys.stdout.flush()
    sys.stderr.flush()
    assert out.getvalue() == "token ***\n"
    assert err.getvalue().endswith("ValueError: failed at https://x/bot***/getMe\n")
    assert SECRET not in err.getvalue()


def test_log_filter_redacts_message_and_traceback(redact: Redactor) -> None:
    record = logging.LogRecord("aiohttp", logging.ERROR, __file__, 1, "via %s", (URL,), None)
    RedactFilter(redact).filter(record)
    assert record.getMessage() == "via https://***@proxy.example:8443/telegram"
    try:
        raise OSError(f"cannot connect to {TOKEN}")
    except OSError:
        with_exc = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )
    RedactFilter(redact).filter(with_exc)
    formatted = logging.Formatter().format(with_exc)
    assert formatted.endswith("OSError: cannot connect to ***")
