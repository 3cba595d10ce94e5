"""What people do with the scheduler's messages in their chat: tap the reminder's button to log
the good deed, mark the yearly report sent (officers of that ward only), write again after a
block."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.server import TelegramEmulator
from storage.models import Member, Unit, YearlySubmission
from storage.units import add_unit
from tests.conftest import HANOI
from tests.scheduling.town import settled
from tests.test_ward_summary import officer_of
from tests.waiting import eventually
from tests.ward import Ward, name_oneself

REMINDER_DAY = dt.datetime(2026, 11, 27, 8, 0, tzinfo=HANOI)


async def test_the_reminder_names_the_team_and_its_button_opens_the_good_deed_form(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    clock.moment = REMINDER_DAY
    assert bot.scheduler is not None
    await bot.scheduler.run_pass()
    await settled(bot, REMINDER_DAY)
    reminder = lan.last
    assert reminder.text_plain == (
        "📝 Tổ bảo vệ ANTT số 12 chưa có việc tốt nào trong tháng 11/2026. Kế hoạch yêu cầu "
        "mỗi tổ ít nhất 1 việc tốt mỗi tháng; còn 4 ngày."
    )
    [first_step] = await lan.press("📝 Báo cáo việc tốt", reminder)
    assert "Bước 1/" in first_step.text_plain
    await lan.send("Giúp cụ bà qua đường.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận việc tốt" in done.text_plain
    # Asking again the same day sends nothing new.
    await bot.scheduler.run_pass()
    await settled(bot, REMINDER_DAY)
    assert lan.last.message_id == done.message_id


async def test_only_the_wards_officer_marks_the_yearly_report_sent(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    officer = await officer_of(emulator, ward)

    refused = "Chỉ cán bộ Công an phường đánh dấu được báo cáo năm của phường mình."
    await lan.press_data(f"y:{ward.ward_id}:2026", expect=0)
    await eventually(lambda: lan.last_toast == refused, "a member is refused")
    await officer.press_data(f"y:{ward.team_id}:2026", expect=0)  # a team's id, not the ward's
    await eventually(lambda: officer.last_toast == refused, "another unit's id is refused")
    await officer.press_data("y:abc:2026", expect=0)
    await eventually(lambda: officer.last_toast == "Nút này không hợp lệ.", "a forged button")

    [marked] = await officer.press_data(f"y:{ward.ward_id}:2026")
    assert marked.text_plain == (
        "✅ Đã ghi nhận: báo cáo năm 2026 của Phường Yên Hòa đã gửi. Bot sẽ không nhắc nữa."
    )
    await officer.press_data(f"y:{ward.ward_id}:2026", expect=0)
    already = "Báo cáo năm 2026 đã được đánh dấu là đã gửi."
    await eventually(lambda: officer.last_toast == already, "a second press changes nothing")
    async with bot.db.read() as session:
        submissions = (await session.scalars(select(YearlySubmission))).all()
    assert [(s.ward_id, s.year) for s in submissions] == [(ward.ward_id, 2026)]


async def test_a_member_who_blocked_the_bot_and_writes_again_is_reachable_again(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    async with bot.db.write() as session:
        member = await session.scalar(select(Member).where(Member.telegram_user_id == 1001))
        assert member is not None
        member.blocked_at = clock.now()
    await lan.send("/menu")
    async with bot.db.read() as session:
        member = await session.scalar(select(Member).where(Member.telegram_user_id == 1001))
        assert member is not None and member.blocked_at is None


async def test_a_team_with_a_linked_group_is_reminded_in_the_group_only(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    tam = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(tam, "leader")
    await ward.person(lan, "member")
    group = tam.in_group(-100123, "Tổ 12")
    await group.send("/lienket")
    before = {phone: len(phone.messages) for phone in (tam, lan)}

    clock.moment = REMINDER_DAY
    assert bot.scheduler is not None
    await bot.scheduler.run_pass()
    await settled(bot, REMINDER_DAY)
    assert group.last.text_plain.startswith("📝 Tổ bảo vệ ANTT số 12 chưa có việc tốt nào")
    assert group.last.inline_keyboard == []  # a button in a group would be pressed by anyone
    assert {phone: len(phone.messages) for phone in (tam, lan)} == before


async def test_the_leader_hears_at_once_that_the_bot_was_removed_from_the_team_group(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    tam = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(tam, "leader")
    await ward.person(lan, "member")
    group = tam.in_group(-100123, "Tổ 12")
    await group.send("/lienket")
    lan.in_group(-100123, "Tổ 12")

    emulator.remove_bot_from_group(-100123, by_user_id=1001)  # Lan removes the bot
    await eventually(
        lambda: tam.messages != [] and tam.last.text_plain.startswith("⚠️"), "Tâm is told"
    )
    assert "không còn gửi được tin vào nhóm của Tổ bảo vệ ANTT số 12" in tam.last.text_plain
    async with bot.db.read() as session:
        team = await session.get(Unit, ward.team_id)
        assert team is not None and team.group_chat_id is None

    # The reminder goes to each member, with its button; the group gets nothing.
    in_group = len(group.messages)
    clock.moment = REMINDER_DAY
    assert bot.scheduler is not None
    await bot.scheduler.run_pass()
    await settled(bot, REMINDER_DAY)
    assert lan.last.text_plain.startswith("📝 Tổ bảo vệ ANTT số 12 chưa có việc tốt nào")
    assert lan.last.inline_keyboard != []
    assert len(group.messages) == in_group


async def test_a_group_that_removed_the_bot_loses_nothing_its_members_are_reminded_privately(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    tam = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(tam, "leader")
    await ward.person(lan, "member")
    group = tam.in_group(-100123, "Tổ 12")
    await group.send("/lienket")
    in_group = len(group.messages)
    # Someone removed the bot from the group while the bot was away for days: it never hears of
    # it (Telegram keeps updates 24 hours) until the group refuses the next reminder.
    emulator.remove_bot_from_group(-100123, by_user_id=1001, tell_bot=False)

    clock.moment = REMINDER_DAY
    assert bot.scheduler is not None
    await bot.scheduler.run_pass()
    await settled(bot, REMINDER_DAY)
    assert len(group.messages) == in_group
    reminder = "📝 Tổ bảo vệ ANTT số 12 chưa có việc tốt nào trong tháng 11/2026"
    assert lan.last.text_plain.startswith(reminder)
    texts = [message.text_plain for message in tam.messages[-2:]]
    assert any(text.startswith(reminder) for text in texts)
    [told] = [text for text in texts if text.startswith("⚠️")]
    assert "không còn gửi được tin vào nhóm của Tổ bảo vệ ANTT số 12" in told
    assert "/lienket" in told
    async with bot.db.read() as session:
        team = await session.get(Unit, ward.team_id)
        assert team is not None and team.group_chat_id is None

    # The next reminder goes to the members directly, with its button.
    later = dt.datetime(2026, 12, 20, 8, 0, tzinfo=HANOI)
    clock.moment = later
    await bot.scheduler.run_pass()
    await settled(bot, later)
    assert lan.last.text_plain.startswith("📝 Tổ bảo vệ ANTT số 12 chưa có việc tốt nào")
    assert "12/2026" in lan.last.text_plain
    assert lan.last.inline_keyboard != []


@pytest.mark.parametrize(
    ("role", "where"),
    [
        ("member", "team"),
        ("deputy", "team"),
        ("leader", "team"),
        ("leadership", "ward"),
        ("province", "province"),
        ("admin", "ward"),
        ("officer", "other ward"),
        ("officer", "province"),
        ("officer", "ward"),
    ],
)
async def test_who_may_mark_the_yearly_report_sent(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, role: str, where: str
) -> None:
    async with bot.db.write() as session:
        province = await add_unit(session, "Thành phố Hà Nội", "province")
        other = await add_unit(session, "Phường Trung Hòa", "commune", province)
        home = await session.get(Unit, ward.ward_id)
        assert home is not None
        home.parent_id = province.id
    units = {"team": ward.team_id, "ward": ward.ward_id, "other ward": other.id}
    units["province"] = province.id
    phone = emulator.phone(user_id=3000, first_name="Người bấm")
    await ward.person(phone, role, units[where])
    allowed = role == "officer" and where == "ward"
    await phone.press_data(f"y:{ward.ward_id}:2026", expect=1 if allowed else 0)
    if allowed:
        assert phone.last.text_plain.startswith("✅ Đã ghi nhận: báo cáo năm 2026")
    else:
        refused = "Chỉ cán bộ Công an phường đánh dấu được báo cáo năm của phường mình."
        await eventually(lambda: phone.last_toast == refused, f"{role} at {where} is refused")
    async with bot.db.read() as session:
        marked = (await session.scalars(select(YearlySubmission))).all()
    assert len(marked) == (1 if allowed else 0)


async def test_a_join_request_at_night_reaches_the_leader_in_the_morning(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    leader = emulator.phone(user_id=1000, first_name="Tâm")
    await ward.person(officer, "officer", ward.ward_id)
    await ward.person(leader, "leader")
    await officer.send("/quanly")
    await officer.press("✅ Tự động duyệt: Bật (bấm để tắt)")

    clock.moment = dt.datetime(2026, 11, 22, 22, 30, tzinfo=HANOI)
    binh = emulator.phone(user_id=1002, first_name="Bình")
    await binh.send(f"/start {await ward.invite()}")
    await binh.share_contact("0911222333", expect=2)
    await name_oneself(binh)
    await binh.press("Đồng ý")
    await bot.sender.drain()
    assert leader.messages == []  # not at 22:30

    morning = dt.datetime(2026, 11, 23, 7, 0, tzinfo=HANOI)
    clock.moment = morning
    await settled(bot, morning)
    [notice] = leader.messages
    assert "Bình" in notice.text_plain and "Tổ bảo vệ ANTT số 12" in notice.text_plain
