"""When the bot itself fails on a message: a clear apology, nothing entered is lost, no leak."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.app import BotApp
from chat.replies import Reply
from emulator.server import TelegramEmulator
from handlers.conversation import handle
from handlers.turn import Turn
from storage.models import InboxUpdate
from tests.ward import Ward

SECRET_TIP = "Nghi vấn buôn bán ma tuý tại số 5 ngõ 7"


async def test_a_crash_in_the_conversation_apologises_and_keeps_the_draft(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, caplog: pytest.LogCaptureFixture
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")

    async def broken(turn: Turn) -> list[Reply]:
        raise RuntimeError(f"failed while reading {turn.incoming.text}")

    bot.pipeline.conversation = broken
    caplog.set_level(logging.DEBUG)
    [apology] = await lan.send(SECRET_TIP)
    assert "bot gặp sự cố" in apology.text_plain
    assert "vẫn được giữ" in apology.text_plain
    assert SECRET_TIP not in caplog.text

    async with bot.db.read() as session:
        failed = (
            await session.scalars(select(InboxUpdate).where(InboxUpdate.error.is_not(None)))
        ).all()
    assert len(failed) == 1 and failed[0].handled_at is not None

    bot.pipeline.conversation = handle
    [ask_who] = await lan.press("Hôm nay")
    assert "Bước 3/4" in ask_who.text_plain


async def test_a_message_the_bot_cannot_read_gets_a_hint(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    [hint] = await lan.share_location(21.0245, 105.8412)
    assert "chưa hiểu loại tin nhắn này" in hint.text_plain
    await lan.press("📝 Việc tốt")
    [hint] = await lan.share_location(21.0245, 105.8412)
    assert "Bước này cần gõ chữ" in hint.text_plain
