"""Settings read from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import SplitResult, urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT_ROOT / "db" / "content.toml"
DEFAULT_SOURCE = PROJECT_ROOT.parent / "shared" / "source" / "000_bd556a256ab43572.txt"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
_TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_MAX_PORT = 65535


def _split_url(value: str) -> SplitResult:
    """The parts of a URL setting; ValueError (one readable reason) when it is not one."""
    if _has_invisible(value):
        raise ValueError("must not contain spaces or other invisible characters")
    try:
        return urlsplit(value)
    except ValueError:
        raise ValueError("is not a valid URL") from None


def _has_invisible(value: str) -> bool:
    return any(ch.isspace() or not ch.isprintable() for ch in value)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        hide_input_in_errors=True,  # a rejected BOT_TOKEN must not be echoed
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_path: Path = PROJECT_ROOT / "var" / "bot.sqlite3"
    content_path: Path = DEFAULT_CONTENT
    source_path: Path = DEFAULT_SOURCE
    admin_ids: list[int] = Field(default_factory=list)
    log_level: LogLevel = "INFO"
    content_check_seconds: float = Field(default=30.0, gt=0)
    # Per person: this many messages or taps at once, then `throttle_per_second`; 0 = off.
    throttle_burst: int = Field(default=10, ge=0, le=1000)
    throttle_per_second: float = Field(default=1.0, gt=0, le=100)
    # Updates handled at once (different chats; one chat's updates run in order).
    updates_concurrency: int = Field(default=32, ge=1, le=1000)
    # On SIGTERM: how long the updates in hand may take to finish (the rest stay in the inbox).
    stop_grace_seconds: float = Field(default=6.0, gt=0, le=60)
    # Webhook mode (`python -m bot webhook`, or `run` with WEBHOOK_URL set): the public https
    # URL Telegram calls, the secret it sends back in X-Telegram-Bot-Api-Secret-Token, where
    # the server listens, and the path it serves (default: WEBHOOK_URL's path).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"  # noqa: S104 - a server in a container listens on all
    webhook_port: int = Field(default=8080, ge=1, le=_MAX_PORT)
    webhook_path: str | None = None
    # How often /readyz's Bot API check (getMe) runs in the background.
    health_check_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Long polling: serve /healthz and /readyz on this port (on WEBHOOK_HOST); None = not.
    health_port: int | None = Field(default=None, ge=1, le=_MAX_PORT)
    # Several instances: Redis shared by all of them (redis://[:password@]host:port/db,
    # rediss:// or unix://) for chat state, throttling, repeated updates and the unanswered
    # log; None keeps everything in memory and SQLite (one instance). A secret: never shown.
    redis_url: SecretStr | None = None

    # The messages below never quote the value: the token and the URL's password are secrets.
    @field_validator("bot_token", mode="after")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        raw = value.get_secret_value().strip() if value is not None else ""
        if not raw:
            return None
        if _has_invisible(raw):
            raise ValueError("must not contain spaces or other invisible characters")
        if not _TOKEN.fullmatch(raw):
            raise ValueError(
                "expected the form <digits>:<letters, digits, _ or -> given by @BotFather"
            )
        return SecretStr(raw)

    @field_validator("telegram_api_url", mode="after")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        value = value.strip()
        parts = _split_url(value)
        if parts.scheme not in ("http", "https"):
            raise ValueError("must start with http:// or https://")
        if not parts.hostname:
            raise ValueError("must name a host, as in https://api.telegram.org")
        try:
            port = 0 if parts.netloc.endswith(":") else parts.port
        except ValueError:
            port = 0
        if port is not None and not 1 <= port <= _MAX_PORT:
            raise ValueError(f"the port must be a number from 1 to {_MAX_PORT}")
        if parts.query or parts.fragment or "?" in value or "#" in value:
            raise ValueError("must not have a query (?...) or a fragment (#...)")
        return value.rstrip("/")

    @field_validator("webhook_url", mode="after")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        parts = _split_url(value)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("must be an https:// URL, as in https://bot.example.org/telegram")
        if parts.fragment or "#" in value:
            raise ValueError("must not have a fragment (#...)")
        return value

    @field_validator("webhook_secret", mode="after")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        raw = value.get_secret_value() if value is not None else ""
        if not raw:
            return None
        if not _WEBHOOK_SECRET.fullmatch(raw):
            raise ValueError("must be 1 to 256 characters, each a letter A-Z, a-z, a digit, _ or -")
        return value

    @field_validator("webhook_path", mode="after")
    @classmethod
    def _webhook_path_shape(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        if not value.startswith("/") or _has_invisible(value) or "?" in value or "#" in value:
            raise ValueError("must be a path starting with /, as in /telegram")
        return value

    @property
    def webhook_route(self) -> str:
        """The path the webhook server answers: WEBHOOK_PATH, else WEBHOOK_URL's path."""
        if self.webhook_path:
            return self.webhook_path
        return urlsplit(self.webhook_url or "").path or "/"

    def webhook_problem(self) -> str | None:
        """What webhook mode lacks, in one line; None when it can run."""
        missing = [
            name
            for name, value in (
                ("BOT_TOKEN", self.bot_token),
                ("WEBHOOK_URL", self.webhook_url),
                ("WEBHOOK_SECRET", self.webhook_secret),
            )
            if value is None
        ]
        if not missing:
            return None
        return f"webhook mode needs {' and '.join(missing)} (see .env.example)"

    @field_validator("redis_url", mode="after")
    @classmethod
    def _redis_url_shape(cls, value: SecretStr | None) -> SecretStr | None:
        raw = value.get_secret_value().strip() if value is not None else ""
        if not raw:
            return None
        parts = _split_url(raw)
        if parts.scheme not in ("redis", "rediss", "unix"):
            raise ValueError("must start with redis://, rediss:// or unix://")
        if parts.scheme != "unix" and not parts.hostname:
            raise ValueError("must name a host, as in redis://127.0.0.1:6379/0")
        return SecretStr(raw)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "settings"
            problems.append(f"{field.upper()}: {error['msg']}")
        raise ConfigError("invalid setting " + "; ".join(problems)) from None
    except SourceError as exc:
        raise ConfigError(f"invalid setting: {exc}") from None
