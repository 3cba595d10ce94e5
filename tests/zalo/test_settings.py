"""The Zalo settings: one line naming the variable when something is wrong."""

from __future__ import annotations

import pytest

from bot.app import BotApp
from config.settings import SettingsError, load_settings


def test_messengers_are_read_once_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_MESSENGERS", "Zalo, telegram,zalo")
    assert load_settings().messengers == ("zalo", "telegram")
    assert load_settings(messengers="telegram").messengers == ("telegram",)
    monkeypatch.delenv("ANTT_MESSENGERS")
    assert load_settings().messengers == ("telegram",)
    with pytest.raises(SettingsError) as error:
        load_settings(messengers="zalo,viber")
    assert str(error.value) == (
        "ANTT_MESSENGERS is invalid (unknown messenger 'viber'): expected telegram, zalo, "
        "or both: telegram,zalo"
    )


def test_zalo_token_and_webhook_secret_are_checked() -> None:
    with pytest.raises(SettingsError, match=r"^ANTT_ZALO_TOKEN is invalid"):
        load_settings(zalo_token="khong-co-dau-hai-cham")
    with pytest.raises(SettingsError, match=r"^ANTT_ZALO_WEBHOOK_SECRET is invalid"):
        load_settings(zalo_webhook_secret="ngan")
    with pytest.raises(SettingsError, match=r"^ANTT_ZALO_WEBHOOK_URL is invalid"):
        load_settings(zalo_webhook_url="http://bot.example.vn/zalo")


def test_a_bot_on_zalo_without_its_token_says_so_in_one_line(database_url: str) -> None:
    settings = load_settings(messengers="zalo", database_url=database_url, zalo_token=None)
    with pytest.raises(SettingsError) as error:
        BotApp(settings)
    assert str(error.value).startswith("ANTT_ZALO_TOKEN is not set")
    webhook = load_settings(
        messengers="zalo",
        database_url=database_url,
        zalo_token="1234567890:abcdef",
        zalo_intake="webhook",
    )
    with pytest.raises(SettingsError, match=r"^ANTT_ZALO_WEBHOOK_URL is not set"):
        BotApp(webhook)
