"""Settings: defaults, the secret token, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings

TOKEN = "123456:AAH-very-secret"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_PATH", "ADMIN_IDS", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here


def test_defaults() -> None:
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_path.name == "bot.sqlite3"
    assert settings.database_path.parent.name == "var"
    assert settings.admin_ids == []
    assert settings.log_level == "INFO"


def test_values_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("ADMIN_IDS", "[1, 2]")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    assert settings.admin_ids == [1, 2]
    assert settings.log_level == "DEBUG"


def test_values_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nADMIN_IDS=[5]\n")
    settings = load_settings()
    assert settings.bot_token is not None and settings.admin_ids == [5]


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("ADMIN_IDS", "not-json", "admin_ids"),
        ("ADMIN_IDS", '["x"]', "ADMIN_IDS"),
        ("BOT_TOKEN", "garbage", "BOT_TOKEN"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL"),
    ],
)
def test_malformed_settings_give_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, field: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert "\n" not in message
    assert field in message
    assert value not in message or name != "BOT_TOKEN"


def test_empty_token_means_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "  ")
    assert Settings().bot_token is None
