"""Nothing lost, nothing twice: restarts, redeliveries, a kill right after an update was stored."""

from __future__ import annotations

import logging

import pytest

from bot.aiogram_backend.client import make_bot
from bot.aiogram_backend.polling import Polling
from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.inbox import Stored
from tests.conftest import TOKEN
from tests.waiting import eventually
from tests.ward import Ward


async def test_a_restart_in_the_middle_of_a_form_resumes_the_draft(
    emulator: TelegramEmulator, settings: Settings, clock: FixedClock, bot: BotApp, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    await bot.kill()

    restarted = BotApp(settings, clock=clock)
    await restarted.start()
    try:
        [ask_who] = await lan.press("Hôm nay")
        assert "Bước 3/4" in ask_who.text_plain
        await lan.press("Xong")
        await lan.press("Bỏ qua")
        [done] = await lan.press("✅ Gửi báo cáo")
        assert "Đã ghi nhận việc tốt" in done.text_plain
        [report] = await Ward(restarted.db, clock, ward.ward_id, ward.team_id, 0).reports()
        assert report.payload["what"] == "Giúp cụ bà qua đường."
    finally:
        await restarted.stop()


async def test_the_same_update_delivered_twice_makes_one_report_and_one_reply(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    await eventually(lambda: not emulator.pending_update_ids(), "the bot confirms every update")
    send_press = emulator.confirmed_offset
    await lan.send("/baocaocuatoi")
    await eventually(lambda: not emulator.pending_update_ids(), "the bot confirms every update")
    listing_request = emulator.confirmed_offset
    messages_before = len(lan.messages)

    emulator.redeliver(send_press)
    emulator.redeliver(listing_request)
    await eventually(lambda: not emulator.pending_update_ids(), "the bot takes the redeliveries")
    await lan.send("/huy")  # handled after the duplicates, in the same chat's order
    assert len(lan.messages) == messages_before + 1
    assert "Không có việc gì đang làm dở" in lan.messages[-1].text_plain
    assert len(await ward.reports()) == 1


class StoreOnly:
    """A dispatcher that never handles: the process dies right after the inbox write."""

    def __init__(self) -> None:
        self.stored: list[Stored] = []

    def dispatch(self, stored: list[Stored]) -> None:
        self.stored.extend(stored)


async def test_an_update_stored_before_a_crash_is_handled_after_restart(
    emulator: TelegramEmulator, settings: Settings, clock: FixedClock, bot: BotApp, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await bot.kill()
    messages_before = len(lan.messages)

    db = Database(settings.database_url)
    client = make_bot(TOKEN, settings.telegram_api_url)
    dying = StoreOnly()
    polling = Polling(client, db, dying, timeout=1)
    await lan.send("/baocaocuatoi", expect=0)
    while not dying.stored:
        await polling.poll_once()
    await polling.poll_once()  # confirms the offset: Telegram forgets the update
    await client.session.close()
    await db.dispose()
    assert emulator.pending_update_ids() == []
    assert len(lan.messages) == messages_before

    restarted = BotApp(settings, clock=clock)
    await restarted.start()
    try:
        await eventually(lambda: len(lan.messages) > messages_before, "the stored update's reply")
        assert "chưa có báo cáo nào" in lan.messages[messages_before].text_plain
    finally:
        await restarted.stop()


async def test_the_token_never_reaches_a_log_line(
    emulator: TelegramEmulator, ward: Ward, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("📝 Việc tốt")
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
