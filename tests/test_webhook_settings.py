"""The webhook's settings: a missing or malformed value stops the start with one line."""

from __future__ import annotations

import pytest
from sqlalchemy.pool import QueuePool
from typer.testing import CliRunner

from bot.app import BotApp
from cli.app import app
from config.settings import SettingsError, load_settings
from storage.database import MAX_OVERFLOW, POOL_SIZE

VARIABLES = (
    "ANTT_BOT_TOKEN",
    "ANTT_INTAKE",
    "ANTT_WEBHOOK_URL",
    "ANTT_WEBHOOK_SECRET",
    "ANTT_DATABASE_URL",
    "ANTT_DATABASE_POOL_SIZE",
    "ANTT_DATABASE_MAX_OVERFLOW",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_polling_is_the_default() -> None:
    settings = load_settings()
    assert settings.intake == "polling"
    assert settings.webhook_url is None


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("ANTT_WEBHOOK_URL", "http://bot.example.vn/hook", "Telegram posts to https:// URLs only"),
        ("ANTT_WEBHOOK_URL", "https://bot.example.vn/hook?x=1", "not a plain URL"),
        ("ANTT_WEBHOOK_SECRET", "mật khẩu", "1 to 256 characters"),
        ("ANTT_WEBHOOK_SECRET", "x" * 257, "1 to 256 characters"),
        ("ANTT_WEBHOOK_MAX_CONNECTIONS", "101", "less than or equal to 100"),
        ("ANTT_INTAKE", "carrier-pigeon", "ANTT_INTAKE is invalid"),
        ("ANTT_DATABASE_POOL_SIZE", "0", "greater than or equal to 1"),
        ("ANTT_DATABASE_MAX_OVERFLOW", "nhiều", "PostgreSQL connections one process may open"),
    ],
)
def test_a_malformed_webhook_value_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value).startswith(f"{variable} is invalid")
    assert expected in str(raised.value)
    assert value not in str(raised.value) or variable != "ANTT_WEBHOOK_SECRET"


def test_each_process_opens_the_postgresql_connections_it_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A province running four bot processes and the scheduler on one PostgreSQL sizes each
    one's connections to fit the server's max_connections."""
    monkeypatch.setenv("ANTT_BOT_TOKEN", "123456:ABC-DEF")
    monkeypatch.setenv("ANTT_DATABASE_URL", "postgresql+asyncpg://antt@db.example.vn:5432/antt")
    default = BotApp(load_settings()).db.engine.pool
    assert isinstance(default, QueuePool)
    assert (default.size(), default._max_overflow) == (POOL_SIZE, MAX_OVERFLOW)

    monkeypatch.setenv("ANTT_DATABASE_POOL_SIZE", "10")
    monkeypatch.setenv("ANTT_DATABASE_MAX_OVERFLOW", "2")
    sized = BotApp(load_settings()).db.engine.pool
    assert isinstance(sized, QueuePool)
    assert (sized.size(), sized._max_overflow) == (10, 2)


def test_a_local_http_webhook_is_allowed_for_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_WEBHOOK_URL", "http://127.0.0.1:8443/telegram")
    assert load_settings().webhook_url == "http://127.0.0.1:8443/telegram"


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({}, "ANTT_WEBHOOK_URL is not set"),
        ({"ANTT_WEBHOOK_URL": "https://bot.example.vn/hook"}, "ANTT_WEBHOOK_SECRET is not set"),
    ],
)
def test_run_webhook_without_its_settings_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], missing: str
) -> None:
    monkeypatch.setenv("ANTT_BOT_TOKEN", "123456:ABC-DEF")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["run", "--webhook"])
    assert result.exit_code == 2
    assert missing in result.output
