"""Command line: run the bot, the console chat, or manage the content.

python -m bot                     run (Telegram with BOT_TOKEN, else the console on a terminal)
python -m bot console             the local console chat, no network
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
from bot.logs import setup_logging

log = logging.getLogger("bot")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("console", help="chat with the bot in this terminal")
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
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    setup_logging(settings.log_level, secrets=[token])
    command = args.command or "run"
    try:
        if command == "check-content":
            return check_content(settings)
        if command == "load-content":
            return asyncio.run(load_content(settings, args.file or settings.content_path))
        if command == "console" or (command == "run" and settings.bot_token is None):
            if command == "run" and not (sys.stdin.isatty() and sys.stdout.isatty()):
                print(
                    "moscow-regions-bot: BOT_TOKEN is not set. Put it in .env or the "
                    "environment to talk to Telegram, or run `python -m bot console` "
                    "for the local chat.",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            from bot.console import run_console

            asyncio.run(run_console(settings))
            return EXIT_OK
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

    if isinstance(exc, ContentError):
        return str(exc), EXIT_FAILED
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.i18n import CatalogsNotCompiled

    if isinstance(exc, CatalogsNotCompiled):
        return str(exc), EXIT_FAILED
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


async def load_content(settings: Settings, path: Path) -> int:
    from bot.services.content import ContentService
    from db.repository import ContentRepository
    from db.schema import connect

    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    conn = await connect(str(settings.database_path))
    try:
        service = ContentService(ContentRepository(conn))
        changed = await service.sync_with_file(path)
        facts = len(service.catalog.content.facts) if changed else None
    finally:
        await conn.close()
    if changed:
        print(f"load-content: loaded {facts} facts from {path} into {settings.database_path}")
    else:
        print(f"load-content: {settings.database_path} already holds {path}, nothing to do")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
