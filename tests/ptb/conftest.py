"""Fixtures: a PTB client and an aiogram client on the emulator, a migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiogram
import pytest
from telegram import Bot

from bot.ptb_backend.client import make_bot, open_bot
from emulator import TelegramEmulator
from storage.database import Database
from storage.inbox import Stored
from tests.conftest import TOKEN


class Recorder:
    """A dispatcher that only remembers what it was handed."""

    def __init__(self) -> None:
        self.stored: list[Stored] = []

    def dispatch(self, stored: list[Stored]) -> None:
        self.stored.extend(stored)


@pytest.fixture
async def ptb_bot(emulator: TelegramEmulator) -> AsyncIterator[Bot]:
    bot = make_bot(TOKEN, emulator.base_url)
    await open_bot(bot)
    yield bot
    await bot.shutdown()


@pytest.fixture
async def aiogram_bot(emulator: TelegramEmulator) -> AsyncIterator[aiogram.Bot]:
    client = aiogram.Bot(token=TOKEN, session=emulator.session())
    yield client
    await client.session.close()


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
