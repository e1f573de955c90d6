"""Settings read from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT_ROOT / "db" / "content.toml"
DEFAULT_SOURCE = PROJECT_ROOT.parent / "shared" / "source" / "000_bd556a256ab43572.txt"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_path: Path = PROJECT_ROOT / "var" / "bot.sqlite3"
    content_path: Path = DEFAULT_CONTENT
    source_path: Path = DEFAULT_SOURCE
    admin_ids: list[int] = Field(default_factory=list)
    log_level: LogLevel = "INFO"
    content_check_seconds: float = Field(default=30.0, ge=0)

    @field_validator("bot_token", mode="after")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        raw = value.get_secret_value().strip()
        bot_id, sep, secret = raw.partition(":")
        if not sep or not bot_id.isdigit() or not secret:
            raise ValueError("expected the form <digits>:<secret> given by @BotFather")
        return SecretStr(raw)

    @field_validator("telegram_api_url", mode="after")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

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
