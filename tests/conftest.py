"""Fixtures: a fresh database (SQLite, or PostgreSQL when ANTT_TEST_DATABASE_URL is set), the
Telegram emulator on 127.0.0.1, and the real bot (aiogram client) running against both."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import BotApp
from bot.logs import RedactingFormatter
from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from tests.ward import Ward

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TOKEN = "123456:TEST-secret-token-value"
# A Sunday morning in Hà Nội: 22/11/2026, 09:00.
MORNING = dt.datetime(2026, 11, 22, 9, 0, tzinfo=HANOI)


@pytest.fixture(autouse=True)
def logging_left_as_it_was() -> Iterator[None]:
    """A command a test runs (`antt-bot run` under CliRunner) sets up the process's logging on
    the stream it captured, which closes with it: a later test's log records would fail to be
    written there and print their tracebacks into whatever that test captures. Taken away."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if isinstance(handler.formatter, RedactingFormatter):
            root.removeHandler(handler)
    root.setLevel(level)


async def reset_postgres(url: str) -> None:
    """An empty public schema, so every test starts from migrations."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    """SQLite in a fresh file, or the PostgreSQL named by ANTT_TEST_DATABASE_URL, emptied."""
    url = os.environ.get("ANTT_TEST_DATABASE_URL")
    if url:
        await reset_postgres(url)
        return url
    return f"sqlite+aiosqlite:///{tmp_path / 'antt.sqlite3'}"


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as server:
        yield server


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture(params=["aiogram", "ptb"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every conversation test runs on both Telegram backends."""
    return str(request.param)


@pytest.fixture
def settings(database_url: str, emulator: TelegramEmulator, backend: str) -> Settings:
    return Settings(
        telegram_backend=backend,
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        poll_timeout_seconds=1,
    )


@pytest.fixture
async def bot(settings: Settings, clock: FixedClock) -> AsyncIterator[BotApp]:
    """The bot, started against the emulator; stopped after the test."""
    app = BotApp(settings, clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


@pytest.fixture
async def ward(bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    """Phường Yên Hòa with Tổ bảo vệ ANTT số 12, set up as an officer would by the admin CLI."""
    async with Ward.create(bot.db, clock) as created:
        yield created
