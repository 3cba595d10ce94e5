"""The whole bot on the PTB backend: pipeline, PtbChannel and PtbPolling against the emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress

import pytest
from telegram import Bot

from bot.app import DRAIN_SECONDS
from bot.pipeline import Pipeline
from bot.ptb_backend.channel import PtbChannel
from bot.ptb_backend.polling import PtbPolling
from chat.clock import FixedClock
from chat.texts import texts_for
from config.settings import Settings
from emulator import TelegramEmulator
from handlers.conversation import handle
from handlers.forms.spec import load_forms
from storage.database import Database
from summaries.packages import campaign_named
from tests.ward import Ward


@pytest.fixture
async def pipeline(ptb_bot: Bot, db: Database, clock: FixedClock) -> AsyncIterator[Pipeline]:
    """What BotApp runs, with the PTB backend in place of aiogram's."""
    running = Pipeline(
        db,
        PtbChannel(ptb_bot),
        handle,
        texts_for("vi"),
        load_forms(),
        clock,
        campaign_named("ha-noi-357"),
        Settings().zone,
    )
    await running.recover()
    polling = asyncio.create_task(PtbPolling(ptb_bot, db, running, timeout=1).run())
    yield running
    polling.cancel()
    with suppress(asyncio.CancelledError):
        await polling
    with suppress(TimeoutError):
        await asyncio.wait_for(running.lanes.idle(), DRAIN_SECONDS)
    await running.lanes.abort()
    await running.flush()


@pytest.fixture
async def ward(pipeline: Pipeline, db: Database, clock: FixedClock) -> AsyncIterator[Ward]:
    async with Ward.create(db, clock) as created:
        yield created


async def test_a_member_joins_and_starts_a_report(emulator: TelegramEmulator, ward: Ward) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)  # a command, the phone keyboard, a shared contact, a button
    [member] = await ward.members()
    assert (member.telegram_user_id, member.unit_id) == (1001, ward.team_id)
    await lan.press("📝 Việc tốt")
    [ask_day] = await lan.send("Giúp cụ bà ở ngõ 12 qua đường.")
    assert ask_day.button_labels[:1] == ["Hôm nay"]
    [next_step] = await lan.press("Hôm nay")
    # The pressed message is edited from its own HTML, as the PTB converter read it back.
    assert "→ Hôm nay" in ask_day.text_plain
    assert ask_day.button_labels == []
    assert next_step.button_labels
    assert emulator.internal_errors == []
