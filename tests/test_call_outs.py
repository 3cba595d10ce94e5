"""Live call-outs: the ward officer calls two teams out at night from the bot, the members
answer with one tap, the officer watches one status message and closes the call-out; each
team that got there gets ONE call-out record (as the typed form's), carrying the arrival times
as measured and everyone of the team who came, so a team's call-outs are counted once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.models import BotMessage
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.call_outs import Dispatch, dispatch
from storage.models import TEAM_HALF_MONTHS, CallOut, CallOutPerson, Member, OutboxMessage
from storage.units import add_unit
from storage.ward_settings import (
    auto_approves,
    realert_minutes,
    set_auto_approve,
    set_realert_minutes,
)
from tests.conftest import HANOI
from tests.test_button_data import press_and_wait
from tests.waiting import eventually
from tests.ward import Ward

NIGHT = dt.datetime(2026, 11, 22, 23, 10, tzinfo=HANOI)
NOVEMBER_SECOND_HALF = dt.date(2026, 11, 15)
FORGED = "Nút này không hợp lệ."


@dataclass(frozen=True)
class Ward12And7:
    """Hùng, the ward officer; Lan and Tâm of Tổ 12, Bình of Tổ 7."""

    hung: Phone
    officer_id: int
    lan: Phone
    tam: Phone
    binh: Phone

    @property
    def members(self) -> list[Phone]:
        return [self.lan, self.tam, self.binh]


async def officer_and_three_members(emulator: TelegramEmulator, ward: Ward) -> Ward12And7:
    hung = emulator.phone(user_id=2001, first_name="Hùng")
    officer_id = await ward.person(hung, "officer", ward.ward_id)
    members = []
    for user_id, name, team in (
        (1001, "Lan", ward.team_id),
        (1002, "Tâm", ward.team_id),
        (1003, "Bình", ward.other_team_id),
    ):
        phone = emulator.phone(user_id=user_id, first_name=name)
        await ward.person(phone, "member", team)
        members.append(phone)
    lan, tam, binh = members
    return Ward12And7(hung, officer_id, lan, tam, binh)


def alerts(phone: Phone) -> list[str]:
    return [m.text_plain for m in phone.messages if "HUY ĐỘNG" in m.text_plain]


async def people(ward: Ward) -> dict[str, CallOutPerson]:
    async with ward.db.read() as session:
        rows = (await session.scalars(select(CallOutPerson))).all()
        names = {m.id: m.full_name for m in (await session.scalars(select(Member))).all()}
    return {names[row.member_id]: row for row in rows}


async def member_ids(ward: Ward) -> dict[str, int]:
    return {member.full_name: member.id for member in await ward.members()}


async def team_counts(ward: Ward, team_id: int) -> tuple[int, int]:
    """The team's stored call-outs and fire call-outs in the second half of November."""
    table = TEAM_HALF_MONTHS
    query = select(table.c.call_outs, table.c.fire_call_outs).where(
        table.c.team_id == team_id, table.c.starts_on == NOVEMBER_SECOND_HALF
    )
    async with ward.db.read() as session:
        row = (await session.execute(query)).first()
    return (0, 0) if row is None else (row.call_outs, row.fire_call_outs)


async def dispatch_two_teams(hung: Phone, kind_label: str = "An ninh trật tự") -> int:
    """Hùng calls Tổ 12 and Tổ 7 out to Ngõ 12 Trần Duy Hưng; the status message's id."""
    confirm = await choose_two_teams(hung, kind_label)
    await hung.press("🚨 Huy động ngay", confirm, expect=0)
    await eventually(
        lambda: "Chưa trả lời" in hung.message(confirm.message_id).text_plain, "the status"
    )
    return confirm.message_id


async def choose_two_teams(hung: Phone, kind_label: str = "An ninh trật tự") -> BotMessage:
    """Hùng chooses Tổ 12 and Tổ 7 and Ngõ 12 Trần Duy Hưng; the confirm screen, not pressed."""
    [menu] = await hung.send("/quanly")
    [kind] = await hung.press("🚨 Huy động", menu)
    assert "Việc gì?" in kind.text_plain
    [place] = await hung.press(kind_label)
    assert "Ở đâu?" in place.text_plain
    [note] = await hung.send("Ngõ 12 Trần Duy Hưng")
    assert "Ghi chú ngắn" in note.text_plain
    [teams] = await hung.press("Bỏ qua")
    await hung.press("⬜ Tổ bảo vệ ANTT số 12", teams, expect=0)
    await eventually(
        lambda: "✅ Tổ bảo vệ ANTT số 12" in hung.message(teams.message_id).button_labels,
        "Tổ 12 ticked",
    )
    await hung.press("⬜ Tổ bảo vệ ANTT số 7", teams, expect=0)
    await eventually(
        lambda: "✅ Tổ bảo vệ ANTT số 7" in hung.message(teams.message_id).button_labels,
        "Tổ 7 ticked",
    )
    [confirm] = await hung.press("Xong", teams)
    assert (
        "Huy động Tổ bảo vệ ANTT số 12, Tổ bảo vệ ANTT số 7 (3 người) đến Ngõ 12 Trần Duy Hưng"
        in confirm.text_plain
    )
    return confirm


async def test_an_officer_calls_two_teams_out_at_night_and_the_records_show_the_arrival(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, tam, binh = night.hung, night.lan, night.tam, night.binh
    clock.moment = NIGHT  # quiet hours: nothing else goes out now, a call-out does

    status = await dispatch_two_teams(hung)
    await eventually(lambda: all(alerts(p) for p in (lan, tam, binh)), "every member alerted")
    assert "Ngõ 12 Trần Duy Hưng" in alerts(lan)[0]
    assert "Cán bộ Hùng gọi lúc 23:10" in alerts(lan)[0]

    await lan.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: "đồng chí đang đến (23:10)" in lan.last.text_plain, "Lan noted")
    await tam.press("❌ Không thể", expect=0)
    await eventually(lambda: "Ốm" in tam.last.button_labels, "the reasons")
    await tam.press("Ốm", expect=0)
    await eventually(lambda: "không thể đến (Ốm)" in tam.last.text_plain, "Tâm noted")

    clock.moment = NIGHT + dt.timedelta(minutes=12)
    await lan.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:22 (12 phút)" in lan.last.text_plain, "Lan there")

    def shows(*lines: str) -> bool:
        text = hung.message(status).text_plain
        return all(line in text for line in lines)

    await eventually(
        lambda: shows("✅ Có mặt: Lan (12′)", "❌ Không thể: Tâm (Ốm)", "Chưa trả lời: Bình"),
        "the status message kept up to date",
    )

    # Bình says nothing: alerted again (twice); Lan and Tâm, who answered, are not.
    bot.sender.wake()
    await eventually(lambda: len(alerts(binh)) == 3, "Bình alerted again, twice")
    assert "Nhắc lại (lần 2)" in alerts(binh)[1]
    assert len(alerts(lan)) == len(alerts(tam)) == 1

    [ask] = await hung.press("✅ Kết thúc", status)
    assert "Kết quả" in ask.text_plain
    [photos] = await hung.send("Đã giải tán đám đông, không ai bị thương")
    [helped] = await hung.press("➡️ Tiếp", photos)  # no photos
    [closed] = await hung.press("Không có", helped)  # nobody helped
    assert "Đã lưu 1 báo cáo huy động (có mặt 1/3 người được gọi)" in closed.text_plain
    assert "Đã kết thúc lúc 23:22" in hung.message(status).text_plain

    # One record, Tổ 12's (Tổ 7's Bình never came): as the typed form's, Lan ticked.
    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    ids = await member_ids(ward)
    assert report.author_id == ids["Lan"]
    assert report.team_id == ward.team_id
    assert report.payload["incident_kind"] == "antt"
    assert report.payload["mobilised_at"] == "2026-11-22T23:10"
    assert report.payload["arrived_at"] == "2026-11-22T23:22"
    assert report.payload["response_minutes"] == 12
    assert report.payload["on_time"] is True
    assert report.payload["participants"] == [ids["Lan"]]
    assert report.payload["outcome"] == "Đã giải tán đám đông, không ai bị thương"
    assert report.payload["live"] is True
    assert report.payload["people"] == [
        {
            "member": ids["Lan"],
            "answer": "coming",
            "arrived_at": "2026-11-22T23:22",
            "reason": None,
        },
        {"member": ids["Tâm"], "answer": "declined", "arrived_at": None, "reason": "sick"},
    ]
    called = await people(ward)
    assert (called["Tâm"].answer, called["Tâm"].reason) == ("declined", "sick")
    assert called["Bình"].answer == "none"
    assert called["Lan"].arrived_at == (NIGHT + dt.timedelta(minutes=12)).astimezone(dt.UTC)

    # After the close, a press on the alert changes nothing.
    await binh.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: binh.last_toast == "Cuộc huy động này đã kết thúc.", "refused")
    assert (await people(ward))["Bình"].answer == "none"

    # The month's summary counts everyone called: Lan on time, Tâm declined, Bình silent.
    await hung.send("/baocao")
    _making, digest, *_files = await hung.press("Tháng này", expect=5, timeout=20)
    assert "Có mặt kịp thời khi huy động: 1/3 lượt người được huy động" in digest.text_plain
    assert (
        "⏱ 1 lần huy động qua bot: có mặt 1/3 người được gọi (từ chối 1, không trả lời 1)"
        " · thời gian có mặt: trung vị 12 phút, 90% trong 12 phút"
    ) in digest.text_plain


async def test_two_members_of_one_team_who_come_make_one_call_out_of_that_team(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, tam, binh = night.hung, night.lan, night.tam, night.binh
    clock.moment = NIGHT
    counted_before = await team_counts(ward, ward.team_id)

    status = await dispatch_two_teams(hung, "Cháy (PCCC)")
    await eventually(lambda: all(alerts(p) for p in (lan, tam, binh)), "every member alerted")
    await lan.press("🏃 Tôi đến ngay", expect=0)
    await eventually(lambda: "đồng chí đang đến" in lan.last.text_plain, "Lan noted")
    await tam.press("⏱ Đến muộn", expect=0)
    await eventually(lambda: "📍 Đã có mặt" in tam.last.button_labels, "Tâm noted")
    await binh.press("🏃 Tôi đến ngay", expect=0)  # Tổ 7: says so, but never gets there
    await eventually(lambda: "📍 Đã có mặt" in binh.last.button_labels, "Bình noted")

    clock.moment = NIGHT + dt.timedelta(minutes=12)
    await lan.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:22" in lan.last.text_plain, "Lan there")
    clock.moment = NIGHT + dt.timedelta(minutes=20)
    await tam.press("📍 Đã có mặt", expect=0)
    await eventually(lambda: "có mặt lúc 23:30 (20 phút)" in tam.last.text_plain, "Tâm there")

    await hung.press("✅ Kết thúc", status)
    await hung.send("Đã dập tắt đám cháy")
    await hung.press("➡️ Tiếp")
    [closed] = await hung.send("0")
    assert "Đã lưu 1 báo cáo huy động (có mặt 2/3 người được gọi)" in closed.text_plain

    [report] = [r for r in await ward.reports() if r.kind == "call_out"]
    ids = await member_ids(ward)
    assert (report.team_id, report.author_id) == (ward.team_id, ids["Lan"])
    assert report.payload["incident_kind"] == "pccc"
    assert report.payload["participants"] == [ids["Lan"], ids["Tâm"]]
    assert report.payload["arrived_at"] == "2026-11-22T23:22"  # the team's first arrival
    assert report.payload["response_minutes"] == 12
    assert report.payload["on_time"] is True
    assert [(p["member"], p["answer"], p["arrived_at"]) for p in report.payload["people"]] == [
        (ids["Lan"], "coming", "2026-11-22T23:22"),
        (ids["Tâm"], "late", "2026-11-22T23:30"),
    ]
    # Tổ 12 went out once, to one fire: counted once, not once per member who came; Tổ 7,
    # nobody of which got there, has no call-out.
    call_outs, fires = counted_before
    assert await team_counts(ward, ward.team_id) == (call_outs + 1, fires + 1)
    assert await team_counts(ward, ward.other_team_id) == (0, 0)


async def test_a_press_on_another_wards_call_out_is_refused(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(lan, "member")
    async with ward.db.write() as session:
        other = await add_unit(session, "Phường Trung Hòa", "commune")
        team = await add_unit(session, "Tổ bảo vệ ANTT số 1", "team", other)
        officer = Member(full_name="Cán bộ Nam", role="officer", unit_id=other.id)
        them = Member(full_name="Trần Hà", role="member", unit_id=team.id, telegram_user_id=9)
        session.add_all([officer, them])
        await session.flush()
        chosen = Dispatch("antt", "Chợ Trung Hòa", None, None, None, (team.id,))
        call_out, _ = await dispatch(session, other.id, officer, chosen, [them], NIGHT)
    for data in (f"c:a:{call_out.id}:coming", f"c:h:{call_out.id}", f"c:x:{call_out.id}"):
        await press_and_wait(emulator, lan, data)
        assert lan.last_toast == FORGED, data
    async with ward.db.read() as session:
        stored = await session.get(CallOut, call_out.id)
        rows = (await session.scalars(select(CallOutPerson))).all()
        sent = (await session.scalars(select(OutboxMessage))).all()
    assert stored is not None and stored.status == "open"
    assert [row.answer for row in rows] == ["none"]
    assert not [m for m in sent if m.key.startswith("callout")]


async def test_a_team_leader_calls_their_own_team_out_in_four_taps_and_one_text(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    minh = emulator.phone(user_id=1005, first_name="Minh")
    await ward.person(minh, "leader")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(lan, "member")
    other = emulator.phone(user_id=1003, first_name="Bình")
    await ward.person(other, "member", ward.other_team_id)

    [kind] = await minh.send("/huydong")
    assert "Tổ bảo vệ ANTT số 7" not in str(kind.button_labels)
    await minh.press("Cháy (PCCC)")
    await minh.share_location(21.0245, 105.8412)
    [teams] = await minh.press("Bỏ qua")
    assert teams.button_labels[0] == "✅ Tổ bảo vệ ANTT số 12"  # their only team, ticked
    [confirm] = await minh.press("Xong")
    await minh.press("🚨 Huy động ngay", confirm, expect=0)
    await eventually(lambda: bool(alerts(lan)), "Lan alerted")
    assert "maps.google.com/?q=21.024500,105.841200" in alerts(lan)[0]
    assert minh.taps == 4
    assert not alerts(other) and not alerts(minh)  # another team; the leader who called
    async with ward.db.read() as session:
        [call_out] = (await session.scalars(select(CallOut))).all()
    assert call_out.ward_id == ward.ward_id  # the team's ward, whoever called


async def test_a_ward_that_set_five_minutes_alerts_the_silent_again_after_five_not_three(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, binh = night.hung, night.lan, night.binh
    async with ward.db.write() as session:
        officer = await session.get(Member, night.officer_id)
        await set_realert_minutes(session, ward.ward_id, 5, officer, clock.now())
    clock.moment = NIGHT

    await dispatch_two_teams(hung)
    await eventually(lambda: bool(alerts(lan)) and bool(alerts(binh)), "both alerted")

    clock.moment = NIGHT + dt.timedelta(minutes=3)  # the default's time: nothing yet
    await bot.sender.drain()
    assert len(alerts(binh)) == len(alerts(lan)) == 1
    clock.moment = NIGHT + dt.timedelta(minutes=5)
    await bot.sender.drain()
    await eventually(lambda: len(alerts(binh)) == 2, "alerted again after the ward's 5 minutes")
    assert "Nhắc lại (lần 2)" in alerts(binh)[1]
    clock.moment = NIGHT + dt.timedelta(minutes=9)
    await bot.sender.drain()
    assert len(alerts(binh)) == 2  # the third at 10 minutes, not 6
    clock.moment = NIGHT + dt.timedelta(minutes=10)
    await bot.sender.drain()
    await eventually(lambda: len(alerts(binh)) == 3, "the third alert at 10 minutes")


async def test_a_wards_re_alert_minutes_are_three_unless_it_chose_one_to_sixty(
    bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    async with ward.db.write() as session:
        assert await realert_minutes(session, ward.ward_id) == 3
        await set_auto_approve(session, ward.ward_id, False, None, clock.now())
        assert await realert_minutes(session, ward.ward_id) == 3
        for refused in (0, 61):
            with pytest.raises(ValueError):
                await set_realert_minutes(session, ward.ward_id, refused, None, clock.now())
        await set_realert_minutes(session, ward.ward_id, 10, None, clock.now())
    async with ward.db.read() as session:
        assert await realert_minutes(session, ward.ward_id) == 10
        assert not await auto_approves(session, ward.ward_id)
