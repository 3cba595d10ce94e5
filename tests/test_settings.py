"""Start-up settings: a missing or malformed value stops with one line naming the variable."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from cli.app import app
from config.quiet_hours import QuietHours
from config.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("ANTT_BOT_TOKEN", "ANTT_DATABASE_URL", "ANTT_TIMEZONE", "ANTT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_defaults_need_nothing() -> None:
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.timezone == ZoneInfo("Asia/Ho_Chi_Minh")
    assert settings.language == "vi"
    assert settings.bot_token is None
    assert settings.reminder_days == (20, 27)
    assert settings.reminder_time == settings.digest_time == dt.time(8)
    assert settings.quiet_hours == QuietHours(dt.time(21), dt.time(7))
    assert settings.deadline_reminders == ((1, 11), (5, 11), (8, 11), (9, 11))


def test_the_schedule_is_read_into_times_days_and_spans_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As typed in the environment; what uses the settings never reads the text again."""
    for variable, value in {
        "ANTT_REMINDER_DAYS": " 27, 15,27 ",
        "ANTT_REMINDER_TIME": "7:30",
        "ANTT_DIGEST_TIME": "06:05",
        "ANTT_QUIET_HOURS": "22:00-06:30",
        "ANTT_DEADLINE_REMINDERS": "05/11, 09/11",
        "ANTT_TIMEZONE": "Asia/Bangkok",
    }.items():
        monkeypatch.setenv(variable, value)
    settings = load_settings()
    assert settings.reminder_days == (15, 27)  # in order, each once
    assert settings.reminder_time == dt.time(7, 30)
    assert settings.digest_time == dt.time(6, 5)
    assert settings.quiet_hours == QuietHours(dt.time(22), dt.time(6, 30))
    assert settings.deadline_reminders == ((5, 11), (9, 11))
    assert settings.timezone == settings.zone == ZoneInfo("Asia/Bangkok")


def test_values_given_in_python_are_taken_as_they_are_or_as_text() -> None:
    assert load_settings(reminder_days="20,27").reminder_days == (20, 27)
    assert load_settings(reminder_days=(27, 20)).reminder_days == (20, 27)
    assert load_settings(reminder_time=dt.time(7)).reminder_time == dt.time(7)
    with pytest.raises(SettingsError, match=r"^ANTT_REMINDER_DAYS is invalid \(each day"):
        load_settings(reminder_days=(29,))


EXPECT_SCHEDULE = {
    "ANTT_REMINDER_DAYS": "expected days of the month for the good-deed reminder, such as 20,27",
    "ANTT_REMINDER_TIME": "expected a local time HH:MM, such as 08:00",
    "ANTT_QUIET_HOURS": "expected a local span HH:MM-HH:MM when nothing but call-outs is sent, "
    "such as 21:00-07:00",
    "ANTT_DEADLINE_REMINDERS": "expected days before the yearly deadline as DD/MM, such as "
    "01/11,05/11,08/11,09/11",
}


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("ANTT_REMINDER_DAYS", "20,31", "each day must be 1 to 28"),
        ("ANTT_REMINDER_DAYS", "hai mươi", "each day must be 1 to 28"),
        ("ANTT_REMINDER_DAYS", " , ", "each day must be 1 to 28"),
        ("ANTT_REMINDER_TIME", "8h", "'8h' is not HH:MM"),
        ("ANTT_REMINDER_TIME", "25:00", "hour must be in 0..23"),
        ("ANTT_QUIET_HOURS", "21:00", "not HH:MM-HH:MM"),
        ("ANTT_QUIET_HOURS", "21-07", "'21' is not HH:MM"),
        ("ANTT_DEADLINE_REMINDERS", "31/11", "day is out of range for month"),
        ("ANTT_DEADLINE_REMINDERS", "", "no day given"),
        ("ANTT_DEADLINE_REMINDERS", "01-11", "'01-11' is not DD/MM"),
    ],
)
def test_a_malformed_schedule_is_the_same_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == f"{variable} is invalid ({reason}): {EXPECT_SCHEDULE[variable]}"


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
