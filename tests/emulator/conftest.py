"""Fixtures: a fresh emulator and a real aiogram Bot pointed at it, per test."""

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot

from emulator import TelegramEmulator

TOKEN = "123:ABC"


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emu:
        yield emu


@pytest.fixture
async def bot(emulator: TelegramEmulator) -> AsyncIterator[Bot]:
    client = Bot(token=TOKEN, session=emulator.session())
    yield client
    await client.session.close()
