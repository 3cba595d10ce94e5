"""Start-up settings: a missing or malformed value stops with one line naming the variable."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.app import app
from config.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("ANTT_BOT_TOKEN", "ANTT_DATABASE_URL", "ANTT_TIMEZONE", "ANTT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_defaults_need_nothing() -> None:
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.language == "vi"
    assert settings.bot_token is None


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("ANTT_TIMEZONE", "Mars/Olympus", "ANTT_TIMEZONE is invalid (unknown time zone)"),
        ("ANTT_LANGUAGE", "fr", "ANTT_LANGUAGE is invalid"),
        ("ANTT_DATABASE_URL", "mysql://x", "ANTT_DATABASE_URL is invalid (unsupported driver)"),
        ("ANTT_TELEGRAM_API_URL", "ftp://x", "ANTT_TELEGRAM_API_URL is invalid"),
        ("ANTT_BOT_TOKEN", "not-a-token", "ANTT_BOT_TOKEN is invalid (malformed token)"),
    ],
)
def test_a_malformed_value_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith(expected)
    assert "\n" not in message
    assert "expected" in message


def test_a_malformed_token_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_BOT_TOKEN", "secret-without-colon-XYZ")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert "XYZ" not in str(raised.value)


def test_the_token_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_BOT_TOKEN", "123456:ABCDEF-secret")
    settings = load_settings()
    assert "ABCDEF" not in repr(settings)
    assert settings.require_token() == "123456:ABCDEF-secret"


def test_run_without_a_token_says_what_to_do() -> None:
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2
    assert "ANTT_BOT_TOKEN is not set" in result.output
    assert "make demo" in result.output
