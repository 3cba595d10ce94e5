"""How a live call-out ends besides the officer's «✅ Kết thúc»: the clock closes one nobody
closed, after the ward's minutes, with what was known."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.models import BotMessage
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.call_outs import Dispatch, dispatch
from storage.models import CallOut, Member
from storage.ward_settings import auto_close_minutes, realert_minutes
from tests.test_button_data import press_and_wait
from tests.test_call_outs import (
    NIGHT,
    alerts,
    dispatch_two_teams,
    member_ids,
    officer_and_three_members,
)
from tests.test_call_outs import (
    people as people_called,
)
from tests.waiting import eventually
from tests.ward import Ward


async def the_call_out(ward: Ward) -> CallOut:
    async with ward.db.read() as session:
        [call_out] = (await session.scalars(select(CallOut))).all()
    return call_out


async def tick_team_12(officer: Phone, teams: BotMessage) -> BotMessage:
    """On the dispatch's list of teams, the officer ticks Tổ 12 alone and presses "Xong": the
    confirmation to send."""
    await officer.press("⬜ Tổ bảo vệ ANTT số 12", teams, expect=0)
    await eventually(
        lambda: "✅ Tổ bảo vệ ANTT số 12" in officer.message(teams.message_id).button_labels,
        "Tổ 12 ticked",
    )
    [confirm] = await officer.press("Xong", teams)
    return confirm


async def comes_at_once(member: Phone) -> None:
    """The member answers the alert "🏃 Tôi đến ngay" and is offered "📍 Đã có mặt"."""
    await member.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: "📍 Đã có mặt" in member.last.button_labels, "on the way")


async def is_there_12_minutes_later(member: Phone, clock: FixedClock) -> None:
    """Twelve minutes after the 23:10 dispatch the member taps "📍 Đã có mặt"."""
    clock.moment = NIGHT + dt.timedelta(minutes=12)
    await member.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:22" in member.last.text_plain, "there")


async def closes_without_photos_or_people_helped(officer: Phone, status: int) -> None:
    """The officer ends the call-out: an outcome typed, no photos, nobody helped."""
    await officer.press("✅ Kết thúc", officer.message(status))
    await officer.send("Đã giải tán đám đông")
    await officer.press("➡️ Tiếp")
    await officer.press("Không có")


async def test_a_call_out_nobody_closes_is_closed_after_two_hours_with_what_was_known(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, tam, binh = night.hung, night.lan, night.tam, night.binh
    assert bot.scheduler is not None
    clock.moment = NIGHT
    await dispatch_two_teams(hung)
    await eventually(lambda: all(alerts(p) for p in (lan, tam, binh)), "every member alerted")
    await comes_at_once(lan)
    await tam.press("❌ Không thể", expect=0)
    await eventually(lambda: "Ốm" in tam.last.button_labels, "the reasons")
    await tam.press("Ốm", expect=0)
    await eventually(lambda: "không thể đến (Ốm)" in tam.last.text_plain, "Tâm noted")
    await is_there_12_minutes_later(lan, clock)

    # Hùng forgets to close it. At 01:09 it is still open; at 01:10, two hours on, it closes.
    clock.moment = NIGHT + dt.timedelta(minutes=119)
    await bot.scheduler.run_pass()
    assert (await the_call_out(ward)).status == "open"
    clock.moment = NIGHT + dt.timedelta(minutes=120)
    await bot.scheduler.run_pass()
    call_out = await the_call_out(ward)
    assert (call_out.status, call_out.closed_automatically) == ("closed", True)

    bot.sender.wake()
    await eventually(lambda: "⏰" in hung.last.text_plain, "Hùng told")
    assert (
        "Cuộc huy động lúc 23:10 22/11 (An ninh trật tự, Ngõ 12 Trần Duy Hưng) đã tự động kết"
        " thúc sau 120 phút" in hung.last.text_plain
    )
    assert "Đã lưu 1 báo cáo huy động" in hung.last.text_plain
    assert "(có mặt 1/3 người được gọi)" in hung.last.text_plain

    # The record, as the officer's close would have written it, marked as the clock's.
    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    ids = await member_ids(ward)
    assert report.payload["participants"] == [ids["Lan"]]
    assert report.payload["response_minutes"] == 12
    assert report.payload["on_time"] is True
    assert report.payload["closed_automatically"] is True
    assert "Tự động kết thúc sau 120 phút" in report.payload["outcome"]

    # A second pass closes nothing again and tells Hùng nothing again.
    told = len(hung.messages)
    await bot.scheduler.run_pass()
    bot.sender.wake()
    await bot.sender.drain()
    assert len(hung.messages) == told
    assert len([r for r in await ward.reports() if r.kind == "call_out"]) == 1

    # Bình's late press is refused: it is over.
    await binh.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: binh.last_toast == "Cuộc huy động này đã kết thúc.", "refused")

    # The month's summary counts it: everyone called, Lan on time.
    await hung.send("/baocao")
    _making, digest, *_files = await hung.press("Tháng này", expect=5, timeout=20)
    assert "Có mặt kịp thời khi huy động: 1/3 lượt người được huy động" in digest.text_plain
    assert "⏱ 1 lần huy động qua bot: có mặt 1/3 người được gọi" in digest.text_plain


async def test_the_officer_sets_the_wards_call_out_minutes_from_quanly_within_bounds(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan = night.hung, night.lan
    [menu] = await hung.send("/quanly")
    [screen] = await hung.press("⚙️ Cài đặt huy động", menu)
    assert "nhắc lại sau 3 phút" in screen.text_plain
    assert "tự động kết thúc sau 120 phút" in screen.text_plain

    [ask] = await hung.press("🔔 Đổi số phút nhắc lại", screen)
    assert "Hiện là 3 phút. Gõ một số từ 1 đến 60" in ask.text_plain
    [refused] = await hung.send("90")
    assert "Chưa lưu: xin gõ một số phút từ 1 đến 60" in refused.text_plain
    [refused] = await hung.send("năm phút")
    assert "Chưa lưu" in refused.text_plain
    async with ward.db.read() as session:
        assert await realert_minutes(session, ward.ward_id) == 3
    [saved] = await hung.send("5 phút")
    assert "✅ Đã lưu: người chưa trả lời được nhắc lại sau 5 phút." in saved.text_plain
    assert "nhắc lại sau 5 phút" in saved.text_plain.split("\n\n", 1)[1]

    [ask] = await hung.press("⏰ Đổi số phút tự động kết thúc", saved)
    assert "Gõ một số từ 30 đến 1.440" in ask.text_plain
    [refused] = await hung.send("10")
    assert "Chưa lưu: xin gõ một số phút từ 30 đến 1.440" in refused.text_plain
    [saved] = await hung.send("45")
    assert "✅ Đã lưu: cuộc huy động tự động kết thúc sau 45 phút." in saved.text_plain
    async with ward.db.read() as session:
        assert await realert_minutes(session, ward.ward_id) == 5
        assert await auto_close_minutes(session, ward.ward_id) == 45

    # Lan, a member, cannot reach the screen even with the button's data.
    await press_and_wait(emulator, lan, f"c:sc:{ward.ward_id}:realert")
    assert lan.last_toast == "Nút này không hợp lệ."

    # The ward's 45 minutes are what the clock goes by.
    assert bot.scheduler is not None
    clock.moment = NIGHT
    await dispatch_two_teams(hung)
    clock.moment = NIGHT + dt.timedelta(minutes=44)
    await bot.scheduler.run_pass()
    assert (await the_call_out(ward)).status == "open"
    clock.moment = NIGHT + dt.timedelta(minutes=45)
    await bot.scheduler.run_pass()
    assert (await the_call_out(ward)).closed_automatically


async def dispatch_team_12(hung: Phone) -> int:
    """Hùng calls Tổ 12 alone out to Ngõ 12 Trần Duy Hưng; the status message's id."""
    [menu] = await hung.send("/quanly")
    await hung.press("🚨 Huy động", menu)
    await hung.press("An ninh trật tự")
    await hung.send("Ngõ 12 Trần Duy Hưng")
    [teams] = await hung.press("Bỏ qua")
    confirm = await tick_team_12(hung, teams)
    assert "(2 người)" in confirm.text_plain
    await hung.press("🚨 Huy động ngay", confirm, expect=0)
    await eventually(
        lambda: "Chưa trả lời" in hung.message(confirm.message_id).text_plain, "the status"
    )
    return confirm.message_id


async def test_the_officer_adds_to_7_to_an_open_call_out_and_binh_is_alerted_like_the_others(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, tam, binh = night.hung, night.lan, night.tam, night.binh
    clock.moment = NIGHT
    status = await dispatch_team_12(hung)
    await eventually(lambda: bool(alerts(lan)) and bool(alerts(tam)), "Tổ 12 alerted")
    assert not alerts(binh)
    assert "Tổ bảo vệ ANTT số 7" not in hung.message(status).text_plain

    clock.moment = NIGHT + dt.timedelta(minutes=4)
    [teams] = await hung.press("➕ Thêm tổ", hung.message(status))
    assert teams.button_labels == ["Tổ bảo vệ ANTT số 7"]  # Tổ 12 is called already
    await hung.press("Tổ bảo vệ ANTT số 7", teams, expect=0)
    added = "Đã thêm Tổ bảo vệ ANTT số 7: đã báo 1 người"
    await eventually(lambda: added in hung.message(teams.message_id).text_plain, "Tổ 7 added")
    await eventually(lambda: bool(alerts(binh)), "Bình alerted")
    assert "Cán bộ Hùng gọi lúc 23:10" in alerts(binh)[0]
    assert "🏃 Tôi đến ngay" in binh.last.button_labels
    await eventually(
        lambda: "Tổ bảo vệ ANTT số 7 · gọi 1 người" in hung.message(status).text_plain,
        "the status shows Tổ 7",
    )

    # The same press again (a double tap that got through) adds nobody twice.
    call_out = await the_call_out(ward)
    await press_and_wait(emulator, hung, f"c:tt:{call_out.id}:{ward.other_team_id}")
    assert hung.last_toast == "Tổ này đã được gọi rồi."

    await binh.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: "📍 Đã có mặt" in binh.last.button_labels, "Bình coming")
    clock.moment = NIGHT + dt.timedelta(minutes=15)
    await binh.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:25 (15 phút)" in binh.last.text_plain, "Bình there")
    await eventually(
        lambda: "✅ Có mặt: Bình (15′)" in hung.message(status).text_plain, "the status"
    )
    called = await people_called(ward)
    assert sorted(called) == ["Bình", "Lan", "Tâm"]
    assert len(alerts(binh)) == 1


async def test_the_officer_closes_with_what_happened_two_photos_and_three_people_helped(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan = night.hung, night.lan
    clock.moment = NIGHT
    status = await dispatch_two_teams(hung, "Cứu nạn (CNCH)")
    await eventually(lambda: bool(alerts(lan)), "Lan alerted")
    await comes_at_once(lan)
    clock.moment = NIGHT + dt.timedelta(minutes=9)
    await lan.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:19" in lan.last.text_plain, "Lan there")

    [ask] = await hung.press("✅ Kết thúc", hung.message(status))
    assert "Kết quả" in ask.text_plain
    # A photo where the text was asked: kept, and the text asked again, plainly.
    [again] = await hung.send_photo()
    first_photo = hung.last_file_id
    assert "Đã giữ 1 ảnh. Xin gõ kết quả xử lý vụ việc bằng chữ" in again.text_plain
    [photos] = await hung.send("Đưa 3 người mắc kẹt trong thang máy ra ngoài an toàn")
    assert "Đã có 1 ảnh" in photos.text_plain
    [more] = await hung.send_photo()
    second_photo = hung.last_file_id
    assert "Đã nhận 2 ảnh" in more.text_plain
    [helped] = await hung.press("➡️ Tiếp", more)
    assert "Số người được giúp" in helped.text_plain
    [not_a_number] = await hung.send("ba người")
    assert "bằng chữ số" in not_a_number.text_plain
    [closed] = await hung.send("3")
    assert "Đã lưu 1 báo cáo huy động (có mặt 1/3 người được gọi)" in closed.text_plain
    await eventually(
        lambda: "👥 Đã giúp 3 người · 📷 2 ảnh" in hung.message(status).text_plain,
        "the status message shows how it ended",
    )

    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    assert report.payload["outcome"] == "Đưa 3 người mắc kẹt trong thang máy ra ngoài an toàn"
    assert report.payload["people_helped"] == 3
    assert report.payload["incident_kind"] == "cnch"
    assert [a.file_id for a in report.attachments] == [first_photo, second_photo]
    call_out = await the_call_out(ward)
    assert (call_out.people_helped, call_out.closed_automatically) == (3, False)


async def test_lan_adds_a_note_and_a_photo_to_her_own_record_the_morning_after(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, tam, binh = night.hung, night.lan, night.tam, night.binh
    clock.moment = NIGHT
    status = await dispatch_two_teams(hung)
    await eventually(lambda: bool(alerts(lan)) and bool(alerts(tam)), "alerted")
    await comes_at_once(lan)
    await tam.press("❌ Không thể", expect=0)
    await eventually(lambda: "Ốm" in tam.last.button_labels, "the reasons")
    await is_there_12_minutes_later(lan, clock)
    await closes_without_photos_or_people_helped(hung, status)

    # At night nothing more comes; in the morning Lan and Tâm, who answered, are asked.
    await bot.sender.drain()
    assert "đã kết thúc" not in lan.last.text_plain
    clock.moment = NIGHT + dt.timedelta(hours=9)
    bot.sender.wake()
    await eventually(lambda: "📝 Thêm ghi chú, ảnh" in lan.last.button_labels, "Lan asked")
    await eventually(lambda: "📝 Thêm ghi chú, ảnh" in tam.last.button_labels, "Tâm asked")
    assert "Cuộc huy động lúc 23:10 đã kết thúc" in lan.last.text_plain
    assert not any("📝 Thêm ghi chú, ảnh" in m.button_labels for m in binh.messages)

    [ask] = await lan.press("📝 Thêm ghi chú, ảnh")
    assert "cho phần của đồng chí trong cuộc huy động 23:10 22/11" in ask.text_plain
    [kept] = await lan.send("Tôi đưa hai cháu nhỏ ra khỏi đám đông trước")
    assert "Đã lưu vào phần của đồng chí (có 0/5 ảnh)" in kept.text_plain
    [kept] = await lan.send_photo()
    photo = lan.last_file_id
    assert "(có 1/5 ảnh)" in kept.text_plain
    [done] = await lan.press("Xong", kept)
    assert "Đã lưu phần của đồng chí" in done.text_plain

    # Later, from "Báo cáo của tôi": the record Lan's arrival wrote, and one more line.
    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    await lan.send("/baocaocuatoi")
    *_photos, details = await lan.press(f"#{report.id} ·", expect=2)
    [ask] = await lan.press("📝 Thêm ghi chú, ảnh", details)
    assert "cho phần của đồng chí" in ask.text_plain
    await lan.send("Công an phường đến lúc 23:30")
    await lan.press("Xong")

    called = await people_called(ward)
    assert called["Lan"].note == (
        "Tôi đưa hai cháu nhỏ ra khỏi đám đông trước\nCông an phường đến lúc 23:30"
    )
    assert called["Lan"].photos == [photo]
    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    ids = await member_ids(ward)
    [lans] = [p for p in report.payload["people"] if p["member"] == ids["Lan"]]
    assert lans["note"] == called["Lan"].note
    assert photo in [a.file_id for a in report.attachments]
    assert called["Tâm"].note is None


async def test_a_call_out_that_came_by_phone_is_reported_afterwards_and_told_apart(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, binh = night.hung, night.lan, night.binh
    clock.moment = NIGHT
    status = await dispatch_two_teams(hung)
    await eventually(lambda: bool(alerts(lan)) and bool(alerts(binh)), "alerted")
    await binh.press("❌ Không thể", expect=0)  # still at the fire Tổ 7 was phoned about
    await eventually(lambda: "Đang đi làm xa" in binh.last.button_labels, "the reasons")
    await binh.press("Lý do khác", expect=0)
    await eventually(lambda: "không thể đến" in binh.last.text_plain, "Bình noted")
    await comes_at_once(lan)
    await is_there_12_minutes_later(lan, clock)
    await closes_without_photos_or_people_helped(hung, status)

    # Earlier that evening Tổ 7 was called by phone: Bình types it afterwards.
    await binh.send("/help")
    await binh.press("🚨 Huy động")
    await binh.press("Cháy (PCCC)")
    await binh.press("1 giờ trước")
    await binh.press("Sau 10 phút")
    await binh.send("Cùng lực lượng PCCC dập tắt đám cháy nhà kho.")
    await binh.press("Xong")
    [done] = await binh.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận lần huy động" in done.text_plain
    reports = [r for r in await ward.reports() if r.kind == "call_out"]
    [typed] = [r for r in reports if not r.payload.get("live")]
    assert typed.payload["reported_afterwards"] is True
    [live] = [r for r in reports if r.payload.get("live")]
    assert "reported_afterwards" not in live.payload

    await hung.send("/baocao")
    _making, digest, *_files = await hung.press("Tháng này", expect=5, timeout=20)
    assert "🚨 1 huy động trực tiếp trên bot, 1 báo cáo lại" in digest.text_plain


async def test_the_officer_picks_one_of_the_wards_last_five_places(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan = night.hung, night.lan
    places = [
        "Chợ Nghĩa Tân",  # the oldest: not among the last five
        "Ngõ 12 Trần Duy Hưng",
        "Chung cư N05 Hoàng Đạo Thúy",
        "Trường THCS Yên Hòa",
        "ngõ 12 trần duy hưng",  # the same place again: shown once
        "Công viên Cầu Giấy",
        "Ngõ 165 Dương Quảng Hàm",
    ]
    async with ward.db.write() as session:
        officer = await session.get(Member, night.officer_id)
        assert officer is not None
        for number, place in enumerate(places):
            chosen = Dispatch("antt", place, None, None, None, (ward.team_id,))
            at = NIGHT - dt.timedelta(days=len(places) - number)
            await dispatch(session, ward.ward_id, officer, chosen, [], at)

    clock.moment = NIGHT
    [menu] = await hung.send("/quanly")
    await hung.press("🚨 Huy động", menu)
    [where] = await hung.press("An ninh trật tự")
    assert "Bấm một nơi gần đây" in where.text_plain
    assert where.button_labels == [
        "🕘 Ngõ 165 Dương Quảng Hàm",
        "🕘 Công viên Cầu Giấy",
        "🕘 ngõ 12 trần duy hưng",
        "🕘 Trường THCS Yên Hòa",
        "🕘 Chung cư N05 Hoàng Đạo Thúy",
        "Huỷ",
    ]
    [note] = await hung.press("🕘 Công viên Cầu Giấy", where)
    assert "Ghi chú ngắn" in note.text_plain
    [teams] = await hung.press("Bỏ qua")
    confirm = await tick_team_12(hung, teams)
    assert "đến Công viên Cầu Giấy" in confirm.text_plain
    await hung.press("🚨 Huy động ngay", confirm, expect=0)
    await eventually(lambda: bool(alerts(lan)), "Lan alerted")
    assert "Công viên Cầu Giấy" in alerts(lan)[0]


async def test_lan_shares_her_live_location_on_the_way_and_it_is_recorded_with_her_arrival(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan = night.hung, night.lan
    clock.moment = NIGHT
    status = await dispatch_two_teams(hung)
    await eventually(lambda: bool(alerts(lan)), "Lan alerted")
    await comes_at_once(lan)

    clock.moment = NIGHT + dt.timedelta(minutes=5)
    [noted] = await lan.share_location(21.0245, 105.8412, live_period=900)
    assert "Đã nhận vị trí trực tiếp của đồng chí" in noted.text_plain
    assert noted.button_labels == ["📍 Đã có mặt"]
    clock.moment = NIGHT + dt.timedelta(minutes=12)
    await lan.press("📍 Đã có mặt", noted, expect=0)
    await eventually(lambda: "có mặt lúc 23:22" in lan.last.text_plain, "Lan there")
    await eventually(
        lambda: "✅ Có mặt: Lan (12′, 📍)" in hung.message(status).text_plain, "the status"
    )
    called = await people_called(ward)
    assert (called["Lan"].latitude, called["Lan"].longitude) == (21.0245, 105.8412)
    assert called["Lan"].location_live is True

    await closes_without_photos_or_people_helped(hung, status)
    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    ids = await member_ids(ward)
    [lans] = [p for p in report.payload["people"] if p["member"] == ids["Lan"]]
    assert (lans["location"], lans["location_live"]) == ([21.0245, 105.8412], True)
