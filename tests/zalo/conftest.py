"""Fixtures for Zalo: the Zalo emulator on 127.0.0.1 and the real bot on Zalo alone, polling
it (one pipeline, as `ANTT_MESSENGERS=zalo` runs it)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.zalo import ZaloEmulator
from emulator.zalo.server import TEST_TOKEN
from tests.ward import Ward


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
