"""The scheduler's good-deed reminder reaches a member on Zalo (the bot on both messengers, the
scheduler in the bot), and typing «1» under it starts the good-deed report."""

from __future__ import annotations

import datetime as dt

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from tests.conftest import HANOI
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.people import join_on_zalo

REMINDER_DAY = dt.datetime(2026, 11, 27, 8, 0, tzinfo=HANOI)


async def test_the_good_deed_reminder_reaches_lan_on_zalo_and_one_starts_the_report(
    zalo: ZaloEmulator, both_bot: BotApp, dong_da_ward: Ward, clock: FixedClock
) -> None:
    lan = await join_on_zalo(zalo, dong_da_ward, 1, "Nguyễn Thị Lan", "0910000001")
    before = len(lan.messages)
    clock.moment = REMINDER_DAY  # Tổ 12 has no good deed this month: the reminder
    assert both_bot.scheduler is not None
    await both_bot.scheduler.run_pass()
    await eventually(lambda: len(lan.messages) > before, "the reminder reaches Lan on Zalo")
    reminder = lan.last.text
    assert "Tổ bảo vệ ANTT số 12 chưa có việc tốt nào trong tháng 11/2026" in reminder
    assert lan.choices == {"📝 Báo cáo việc tốt": 1}

    [asked] = await lan.send("1")
    assert "Bước 1/" in asked.text, lan.transcript(last=4)
    await lan.send("Giúp cụ Ơn ở ngõ 5 qua đường")
    await lan.send("hôm nay")
    await lan.choose("Xong")
    await lan.choose("Bỏ qua")
    await lan.choose("✅ Gửi báo cáo")
    [report] = await dong_da_ward.reports()
    assert (report.kind, report.payload["day"]) == ("good_deed", "2026-11-27")
