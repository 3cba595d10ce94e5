"""Personal data and team groups: forgetting a member leaves no personal field and the counts
intact; wrong invite codes are slowed down; a team's group is linked by its leader or the
ward police only."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from cli.members import forget_member_command
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.access_log import access_entries
from storage.members import rename_member
from storage.models import (
    Base,
    Member,
    Report,
    Unit,
)
from tests.ward import Ward


async def everything_stored(ward: Ward) -> str:
    """Every row of every table, as text."""
    rows: list[str] = []
    async with ward.db.read() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                rows.append(json.dumps([str(value) for value in row], ensure_ascii=False))
    return "\n".join(rows)


async def test_forget_member_leaves_no_personal_field_and_keeps_the_counts(
    emulator: TelegramEmulator, ward: Ward, settings: Settings
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Thị Lan", last_name="Nguyễn")
    await ward.join(lan, "0912345678")
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    async with ward.db.write() as session:  # the officer corrected her name: the old one is kept
        [member] = (await session.scalars(select(Member))).all()
        await rename_member(session, member, "Nguyễn Thị Lan Anh", None, ward.clock.now())
    stored = await everything_stored(ward)
    assert "0912345678" in stored and "1001" in stored
    assert "Nguyễn Thị Lan Anh" in stored and '"Nguyễn Thị Lan"' in stored

    said = await forget_member_command(settings, "0912345678")
    assert "forgotten" in said

    stored = await everything_stored(ward)
    for personal in ("0912345678", "84912345678", "Thị Lan", "Nguyễn", '"1001"'):
        assert personal not in stored, personal
    async with ward.db.read() as session:
        members = (
            await session.execute(
                select(func.count(Member.id)).where(Member.unit_id == ward.team_id)
            )
        ).scalar()
        reports = (await session.execute(select(func.count(Report.id)))).scalar()
        [entry] = await access_entries(session)
    assert (members, reports) == (1, 1)
    assert entry.action == "forget-member"
    [answer] = await lan.send("/menu")
    assert "cần mã mời" in answer.text_plain


async def test_repeated_wrong_codes_are_slowed_down(emulator: TelegramEmulator, ward: Ward) -> None:
    guesser = emulator.phone(user_id=1009, first_name="Khách")
    for attempt in range(5):
        [answer] = await guesser.send(f"/start doan-bua-{attempt}")
        assert "không đúng" in answer.text_plain
    real = await ward.invite()
    [answer] = await guesser.send(f"/start {real}")
    assert "nhập sai mã mời nhiều lần. Xin đợi 15 phút" in answer.text_plain
    ward.clock.moment += dt.timedelta(minutes=16)
    [answer] = await guesser.send(f"/start {real}")
    assert "xin gửi số điện thoại" in answer.text_plain


async def test_the_leader_links_the_team_group_and_a_member_cannot(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    leader = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(leader, "leader")
    await ward.person(lan, "member")
    group = -100123

    [refused] = await lan.in_group(group, "Tổ 12").send("/lienket")
    assert "Chỉ tổ trưởng hoặc cán bộ Công an phường" in refused.text_plain
    await lan.in_group(group, "Tổ 12").send("Chào cả tổ", expect=0)
    [linked] = await leader.in_group(group, "Tổ 12").send("/lienket@antt_demo_bot")
    assert "đã được liên kết với Tổ bảo vệ ANTT số 12" in linked.text_plain
    async with ward.db.read() as session:
        team = await session.get(Unit, ward.team_id)
    assert team is not None and team.group_chat_id == group


async def test_the_officer_links_a_group_by_choosing_the_team(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    in_group = officer.in_group(-100777, "Tổ 7")
    [choose] = await in_group.send("/lienket")
    assert choose.button_labels == ["Tổ bảo vệ ANTT số 7", "Tổ bảo vệ ANTT số 12"]
    [linked] = await in_group.press("Tổ bảo vệ ANTT số 7")
    assert "liên kết với Tổ bảo vệ ANTT số 7" in linked.text_plain

    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(lan, "member")
    await lan.in_group(-100777, "Tổ 7").press_data(f"g:{ward.team_id}", expect=0)
    async with ward.db.read() as session:
        team_7 = await session.get(Unit, ward.other_team_id)
        team_12 = await session.get(Unit, ward.team_id)
    assert team_7 is not None and team_7.group_chat_id == -100777
    assert team_12 is not None and team_12.group_chat_id is None

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 7 · 0/?")
    [done] = await officer.press("🔌 Bỏ liên kết nhóm Telegram")
    assert "Đã bỏ liên kết" in done.text_plain


async def test_an_officer_opening_a_tip_is_logged_without_its_contents(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.join(lan)
    await ward.person(officer, "officer", ward.ward_id)
    await lan.press("ℹ️ Nguồn tin")
    await lan.send("Có người lạ hay lui tới căn nhà bỏ hoang số 9.")
    await lan.send("Ngõ 9")
    await lan.press("Hôm nay")
    await lan.press("✅ Gửi báo cáo")
    [tip] = await ward.reports()
    await lan.press_data(f"r:o:{tip.id}")  # the author's own reading is not logged
    [opened] = await officer.press_data(f"r:o:{tip.id}")
    assert "căn nhà bỏ hoang" in opened.text_plain
    async with ward.db.read() as session:
        [entry] = await access_entries(session)
    assert (entry.action, entry.subject, entry.unit_id) == (
        "open-tip",
        f"report:{tip.id}",
        ward.team_id,
    )
