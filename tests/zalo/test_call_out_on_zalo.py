"""A call-out at night reaches a member on Zalo: the officer Hùng, on Telegram, calls Tổ bảo vệ
ANTT số 12 out; Nguyễn Thị Lan, on Zalo, gets the alert though it is quiet hours, types the
number of «🏃 Tôi đến ngay», and the officer's status message counts her."""

from __future__ import annotations

import datetime as dt

from chat.clock import FixedClock
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from tests.conftest import HANOI
from tests.officer import officer_of
from tests.test_call_outs_closing import tick_team_12
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.people import join_on_zalo

NIGHT = dt.datetime(2026, 11, 22, 23, 10, tzinfo=HANOI)


async def test_lan_on_zalo_answers_a_night_call_out_by_typing_its_number(
    emulator: TelegramEmulator, zalo: ZaloEmulator, dong_da_ward: Ward, clock: FixedClock
) -> None:
    ward = dong_da_ward
    hung = await officer_of(emulator, ward, "Hùng")
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    clock.moment = NIGHT  # quiet hours: nothing else goes out now, a call-out does

    [menu] = await hung.send("/quanly")
    await hung.press("🚨 Huy động", menu)
    await hung.press("An ninh trật tự")
    await hung.send("Ngõ 12 phố Đặng Tiến Đông")
    [teams] = await hung.press("Bỏ qua")
    confirm = await tick_team_12(hung, teams)
    await hung.press("🚨 Huy động ngay", confirm, expect=0)

    def status() -> str:
        return hung.message(confirm.message_id).text_plain

    await eventually(lambda: "Chưa trả lời: Nguyễn Thị Lan" in status(), "the status")
    await eventually(lambda: "🏃 Tôi đến ngay" in lan.choices, "the alert reaches Lan on Zalo")
    alert = lan.last.text
    assert "Ngõ 12 phố Đặng Tiến Đông" in alert
    assert "Cán bộ Nguyễn Hùng gọi lúc 23:10" in alert

    assert lan.choices["🏃 Tôi đến ngay"] == 1
    await lan.send("1", expect=0)
    await eventually(lambda: "đồng chí đang đến (23:10)" in lan.last.text, "Lan noted")
    # On Telegram, in Hùng's chat (not sent to a Zalo chat of that number).
    await eventually(lambda: "Chưa trả lời" not in status(), "the status counts Lan")
    assert "Nguyễn Thị Lan" in status()
