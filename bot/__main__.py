"""Command line: run the bot, the console chat, or manage the content.

python -m bot                     run (Telegram with BOT_TOKEN, else the console on a terminal)
python -m bot console             the local console chat, no network
python -m bot webhook             serve Telegram's webhook (also `run` with WEBHOOK_URL set)
python -m bot load-content [FILE] validate FILE (default: the content file) and load it
python -m bot check-content       check the content's figures against the source text
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.logs import Redactor, setup_output, token_forms, url_credential_forms
from db.storage import StorageError, instance_lock

log = logging.getLogger("bot")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("console", help="chat with the bot in this terminal")
    sub.add_parser("webhook", help="receive updates on a webhook (WEBHOOK_URL, WEBHOOK_SECRET)")
    load = sub.add_parser("load-content", help="validate and load the content file")
    load.add_argument("file", nargs="?", type=Path, help="content file (default: CONTENT_PATH)")
    sub.add_parser("check-content", help="check figures against the source text")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"moscow-regions-bot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # From here on every output (print, logging, tracebacks, warnings) is redacted.
    token = settings.bot_token.get_secret_value() if settings.bot_token else None
    hook = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    secrets = [*token_forms(token), *url_credential_forms(settings.telegram_api_url), hook]
    if settings.redis_url:  # its password, if any
        secrets += url_credential_forms(settings.redis_url.get_secret_value())
    setup_output(settings.log_level, Redactor(secrets))
    command = args.command or "run"
    webhook = command == "webhook" or (command == "run" and settings.webhook_url is not None)
    if webhook and (problem := settings.webhook_problem()):
        print(f"moscow-regions-bot: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if command == "check-content":
            return check_content(settings)
        if command == "load-content":
            return asyncio.run(load_content(settings, args.file))
        console = command == "console" or (settings.bot_token is None and not webhook)
        if console and command == "run" and not (sys.stdin.isatty() and sys.stdout.isatty()):
            print(
                "moscow-regions-bot: BOT_TOKEN is not set. Put it in .env or the "
                "environment to talk to Telegram, or run `python -m bot console` "
                "for the local chat.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        with instance_lock(settings.database_path):  # one bot per database
            if console:
                from bot.console import run_console

                asyncio.run(run_console(settings))
            elif webhook:
                from bot.polling import run_webhook

                asyncio.run(run_webhook(settings))
            else:
                from bot.polling import run_polling

                asyncio.run(run_polling(settings))
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:
        message, code = _known_failure(exc, settings)
        if message is None:
            raise
        print(f"moscow-regions-bot: {message}", file=sys.stderr)
        return code


def _known_failure(exc: Exception, settings: Settings) -> tuple[str | None, int]:
    """One line and an exit code for failures an operator can fix; None for real bugs."""
    from db.loader import ContentError

    if isinstance(exc, StorageError):
        return str(exc), EXIT_FAILED
    if isinstance(exc, ContentError):
        return str(exc), EXIT_FAILED
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.i18n import CatalogsNotCompiled

    if isinstance(exc, CatalogsNotCompiled):
        return str(exc), EXIT_FAILED
    from db.shared import RedisUnavailable

    if isinstance(exc, RedisUnavailable):
        return str(exc), EXIT_FAILED
    from bot.runtime.intake import Stopped

    if isinstance(exc, Stopped):
        return str(exc), exc.exit_code
    if isinstance(exc, TelegramUnauthorizedError):
        return "the Bot API rejected BOT_TOKEN (Unauthorized): check the token", EXIT_USAGE
    if isinstance(exc, TelegramNetworkError):
        where = settings.telegram_api_url
        return f"cannot reach the Bot API at {where}: {exc.message}", EXIT_FAILED
    return None, EXIT_FAILED


def check_content(settings: Settings) -> int:
    from db.check import check_files
    from db.loader import ContentError, read_content_file

    if not settings.source_path.is_file():
        print(
            f"check-content: skipped: the source text is not at {settings.source_path} "
            "(set SOURCE_PATH to check figures against it)"
        )
        return EXIT_OK
    try:
        loaded = read_content_file(settings.content_path)
        report = check_files(loaded.content, settings.source_path)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(
            f"cannot read the source text {settings.source_path}: {exc.strerror}", file=sys.stderr
        )
        return EXIT_FAILED
    for problem in report.problems:
        print(problem, file=sys.stderr)
    verdict = "OK" if report.ok else f"FAILED ({len(report.problems)} problems)"
    print(
        f"check-content: {verdict}: {report.facts_checked} facts, "
        f"{report.figures_checked} figures and {report.years_checked} years checked "
        f"against {settings.source_path.name}"
    )
    return EXIT_OK if report.ok else EXIT_FAILED


async def load_content(settings: Settings, file: Path | None) -> int:
    """Load FILE whenever it differs from the stored content; without FILE, load
    CONTENT_PATH only if it changed since it was last loaded (see `sync_with_file`)."""
    explicit = file is not None
    path = file or settings.content_path
    from bot.app import content_service
    from db.database import Database

    db = await Database.open(settings.database_path)
    try:
        service = content_service(db)
        changed = await service.sync_with_file(path, on_purpose=explicit)
        facts = len(service.catalog.content.facts) if changed else None
    finally:
        await db.close()
    if changed:
        print(f"load-content: loaded {facts} facts from {path} into {settings.database_path}")
    else:
        print(f"load-content: {settings.database_path} already holds {path}, nothing to do")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
