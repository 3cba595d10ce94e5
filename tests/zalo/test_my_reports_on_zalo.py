"""Editing a report on Zalo from «📋 Báo cáo của tôi», every step a typed choice: Nguyễn Thị Lan
corrects what her good deed says, and the same report is changed, with its history kept."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from storage.reports import changes_of
from tests.ward import Ward
from tests.zalo.people import dong_da, join_on_zalo, log_good_deed


@pytest.fixture
async def ward(zalo_bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    async with dong_da(zalo_bot.db, clock) as created:
        yield created


async def test_lan_corrects_her_good_deed_by_typed_choices(zalo: ZaloEmulator, ward: Ward) -> None:
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    await log_good_deed(lan, "Giúp cụ Ơn qua đường.")
    [report] = await ward.reports()

    await lan.choose("📋 Báo cáo của tôi")
    await lan.choose(f"#{report.id} · 22/11 · Việc tốt: Giúp cụ Ơn qua đường.")
    [summary] = await lan.choose("✏️ Sửa")
    assert f"Đang sửa báo cáo #{report.id}" in summary.text
    await lan.choose("✏️ Sửa")
    await lan.send("viec tot")  # the word of the list, typed without its diacritics
    await lan.send("Giúp cụ Ơn và cụ Ưng qua đường ở ngã tư.")
    [done] = await lan.choose("✅ Gửi báo cáo")
    assert f"Đã sửa báo cáo #{report.id}" in done.text

    [changed] = await ward.reports()
    assert changed.id == report.id
    assert changed.payload["what"] == "Giúp cụ Ơn và cụ Ưng qua đường ở ngã tư."
    async with ward.db.read() as session:
        [change] = await changes_of(session, report.id)
    assert change.action == "edit"
    assert change.before["payload"]["what"] == "Giúp cụ Ơn qua đường."
