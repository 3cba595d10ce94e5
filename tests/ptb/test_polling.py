"""PtbPolling: a batch is in the inbox before its offset is confirmed, and stored only once."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import select
from telegram import Bot
from telegram.error import InvalidToken

from bot.ptb_backend.client import make_bot, open_bot
from bot.ptb_backend.polling import PtbPolling
from bot.telegram_updates import incoming_of as to_incoming
from emulator import TelegramEmulator
from storage.database import Database
from storage.inbox import Stored
from storage.models import InboxUpdate
from tests.conftest import TOKEN
from tests.ptb.conftest import Recorder
from tests.waiting import eventually

LONG_POLL = 5


async def _inbox(db: Database) -> list[InboxUpdate]:
    async with db.read() as session:
        return list(await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id)))


async def test_a_batch_is_stored_then_confirmed_by_the_next_call(
    emulator: TelegramEmulator, ptb_bot: Bot, db: Database, recorder: Recorder
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    polling = PtbPolling(ptb_bot, db, recorder, timeout=LONG_POLL)
    sending = asyncio.create_task(lan.send("/start ma-moi", expect=0))
    assert await polling.poll_once() == 1
    await sending

    [row] = await _inbox(db)
    assert (row.channel, row.update_id, row.chat_ref) == ("telegram", 1, "1001")
    incoming = to_incoming(row.id, row.payload)
    assert incoming is not None
    assert (incoming.command, incoming.command_args) == ("start", "ma-moi")
    assert recorder.stored == [Stored(row.id, "1001")]
    # Stored, but Telegram still holds it until the next getUpdates confirms it.
    assert emulator.pending_update_ids() == [1]
    assert emulator.confirmed_offset == 0

    sending = asyncio.create_task(lan.share_location(21.0285, 105.8542, expect=0))
    assert await polling.poll_once() == 1
    await sending
    assert emulator.confirmed_offset == 1
    assert emulator.pending_update_ids() == [2]
    assert [row.update_id for row in await _inbox(db)] == [1, 2]


async def test_nothing_is_confirmed_when_storing_fails(
    emulator: TelegramEmulator,
    ptb_bot: Bot,
    db: Database,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def disk_full(*args: object) -> None:
        raise OSError("disk full")

    lan = emulator.phone(user_id=1001, first_name="Lan")
    polling = PtbPolling(ptb_bot, db, recorder, timeout=LONG_POLL)
    with monkeypatch.context() as patch:
        patch.setattr("bot.polling.take_batch", disk_full)
        sending = asyncio.create_task(lan.send("Xin chào", expect=0))
        with pytest.raises(OSError, match="disk full"):
            await polling.poll_once()
        await sending
    assert polling.offset is None

    # The same update comes again and is stored this time.
    assert await polling.poll_once() == 1
    assert [row.update_id for row in await _inbox(db)] == [1]
    assert emulator.pending_update_ids() == [1]
    polling.timeout = 0
    assert await polling.poll_once() == 0
    assert emulator.pending_update_ids() == []


async def test_a_redelivered_update_is_not_stored_twice(
    emulator: TelegramEmulator, ptb_bot: Bot, db: Database, recorder: Recorder
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    polling = PtbPolling(ptb_bot, db, recorder, timeout=LONG_POLL)
    sending = asyncio.create_task(lan.send("/baocaocuatoi", expect=0))
    await polling.poll_once()
    await sending
    polling.timeout = 0
    await polling.poll_once()
    assert emulator.pending_update_ids() == []

    emulator.redeliver(1)
    assert await polling.poll_once() == 1
    assert len(await _inbox(db)) == 1
    assert len(recorder.stored) == 1
    await polling.poll_once()
    assert emulator.pending_update_ids() == []


async def test_run_waits_out_server_errors_and_flood_waits(
    emulator: TelegramEmulator,
    ptb_bot: Bot,
    db: Database,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    emulator.faults.add("getUpdates", status=500)
    emulator.faults.rate_limit("getUpdates", 1)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    running = asyncio.create_task(PtbPolling(ptb_bot, db, recorder, timeout=1).run())
    try:
        await lan.send("Xin chào", expect=0)
        await eventually(lambda: bool(recorder.stored), "the update is stored")
    finally:
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
    assert "getUpdates failed (NetworkError); retrying in 1 s" in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


async def test_run_stops_when_the_token_is_revoked(
    db: Database, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with TelegramEmulator(token=TOKEN) as emulator:
        bot = make_bot(TOKEN, emulator.base_url)
        await open_bot(bot)
        emulator.token = "42:another-bot"
        with pytest.raises(InvalidToken):
            await PtbPolling(bot, db, recorder, timeout=1).run()
        await bot.shutdown()
    assert "the Bot API refused the token" in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
