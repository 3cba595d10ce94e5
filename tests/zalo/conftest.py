"""Fixtures for Zalo: the Zalo emulator on 127.0.0.1 and the real bot on Zalo alone, polling
it (one pipeline, as `ANTT_MESSENGERS=zalo` runs it)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from emulator.zalo.server import TEST_TOKEN
from tests.ward import Ward
from tests.zalo.helpers import on_both_messengers
from tests.zalo.people import dong_da


@pytest.fixture
async def zalo() -> AsyncIterator[ZaloEmulator]:
    async with ZaloEmulator() as server:
        yield server


@pytest.fixture
def zalo_settings(database_url: str, zalo: ZaloEmulator) -> Settings:
    return Settings(
        messengers=("zalo",),
        zalo_token=SecretStr(TEST_TOKEN),
        zalo_api_url=zalo.base_url,
        database_url=database_url,
        poll_timeout_seconds=1,
    )


@pytest.fixture
async def zalo_bot(zalo_settings: Settings, clock: FixedClock) -> AsyncIterator[BotApp]:
    """The bot on Zalo alone, started against the Zalo emulator; stopped after the test."""
    app = BotApp(zalo_settings, clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


@pytest.fixture
async def zalo_ward(zalo_bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    """Phường Yên Hòa with Tổ bảo vệ ANTT số 12, beside the bot on Zalo."""
    async with Ward.create(zalo_bot.db, clock) as created:
        yield created


DOWNLOAD_SECRET = "kí-hiệu-bí-mật-để-kí-liên-kết-tải-tệp-0123456789"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def both_settings(database_url: str, emulator: TelegramEmulator, zalo: ZaloEmulator) -> Settings:
    """Both messengers at once (ANTT_MESSENGERS=telegram,zalo), with download links served by
    the bot's own HTTP server (the health port, with long polling)."""
    port = free_port()
    return on_both_messengers(
        database_url,
        emulator,
        zalo,
        health_port=port,
        public_url=f"http://127.0.0.1:{port}",
        download_secret=SecretStr(DOWNLOAD_SECRET),
    )


@pytest.fixture
async def both_bot(both_settings: Settings, clock: FixedClock) -> AsyncIterator[BotApp]:
    """The bot on Telegram and Zalo at once, against both emulators."""
    app = BotApp(both_settings, clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


@pytest.fixture
async def dong_da_ward(both_bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    """Phường Đống Đa with Tổ bảo vệ ANTT số 12, beside the bot on both messengers."""
    async with dong_da(both_bot.db, clock) as created:
        yield created
