"""Settings: defaults, the secret token, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

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


# ---------------------------------------------------------------- token and API URL shapes

SPACED_TOKENS = ["123456:AAH very-secret", "123456:AAH\tvery", "123456:AAH\u00a0very", "12 3:AAH"]


@pytest.mark.parametrize("token", SPACED_TOKENS, ids=["space", "tab", "nbsp", "space-in-id"])
def test_token_with_whitespace_inside_is_refused(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("BOT_TOKEN", token)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value) == (
        "invalid setting BOT_TOKEN: Value error, "
        "must not contain spaces or other invisible characters"
    )


@pytest.mark.parametrize(
    "token",
    ["123456", "123456:", ":AAH-secret", "12a:AAH", "١٢٣:AAH", "123456:AAH+secret", "1:AAH:x"],
)
def test_token_of_another_shape_is_refused(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("BOT_TOKEN", token)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith("invalid setting BOT_TOKEN: Value error, expected the form")
    assert token not in message


def test_token_surrounding_whitespace_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", f"  {TOKEN}\n")
    settings = load_settings()
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == TOKEN


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:99999", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:0", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:http", "the port must be a number from 1 to 65535"),
        ("ftp://api.telegram.org", "must start with http:// or https://"),
        ("api.telegram.org", "must start with http:// or https://"),
        ("https://", "must name a host, as in https://api.telegram.org"),
        ("https://user:pass@:8081", "must name a host, as in https://api.telegram.org"),
        ("https://api.telegram.org/?proxy=1", "must not have a query (?...) or a fragment (#...)"),
        ("https://api.telegram.org/#top", "must not have a query (?...) or a fragment (#...)"),
        ("https://api.telegram .org", "must not contain spaces or other invisible characters"),
        ("https://api.telegram.org/\x07", "must not contain spaces or other invisible characters"),
        ("http://[::1", "is not a valid URL"),
    ],
)
def test_malformed_api_url_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: str, problem: str
) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", url)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value) == f"invalid setting TELEGRAM_API_URL: Value error, {problem}"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://api.telegram.org", "https://api.telegram.org"),
        (" http://127.0.0.1:8081/ ", "http://127.0.0.1:8081"),
        ("http://localhost:65535", "http://localhost:65535"),
        (
            "https://user:p%40ss@proxy.example:1/telegram/",
            "https://user:p%40ss@proxy.example:1/telegram",
        ),
        ("http://[::1]:8081", "http://[::1]:8081"),
    ],
)
def test_api_url_accepted(monkeypatch: pytest.MonkeyPatch, url: str, kept: str) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", url)
    assert load_settings().telegram_api_url == kept


def test_a_refused_setting_never_echoes_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", "https://user:hunter2@proxy.example:70000")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "hunter2" not in str(info.value)


def test_validation_errors_hide_the_input() -> None:
    """Even printed whole (not through `load_settings`), a refused token is not shown."""
    with pytest.raises(ValidationError) as info:
        Settings(_env_file=None, bot_token="123456:AAH very-secret")
    assert "very-secret" not in str(info.value)
