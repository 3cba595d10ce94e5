"""One person, either messenger: joining on Zalo (the invite code and the phone number typed), a
one-time code before a roster registration is claimed from a new account, linking a Telegram
member's Zalo account, notices to the one they chose, and forgetting every account.

The Zalo side goes through the real conversation with Zalo's events (tests/zalo_people.py);
the Telegram side through the Telegram emulator."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.forget import forget_member
from storage.models import Draft, InboxUpdate, Member, OutboxMessage, Report, utcnow
from storage.roster import apply_roster
from summaries.roster import EXAMPLE, read_roster, roster_workbook
from tests.conftest import HANOI
from tests.test_ward_summary import officer_of
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo_people import ZaloPerson, notices_to

REMINDER_DAY = dt.datetime(2026, 11, 27, 8, 0, tzinfo=HANOI)


def code_in(text: str, digits: int) -> str:
    found = re.search(rf"\b(\d{{{digits}}})\b", text)
    assert found is not None, text
    return found.group(1)


async def member_with(ward: Ward, **columns: object) -> Member:
    [member] = [
        m for m in await ward.members() if all(getattr(m, k) == v for k, v in columns.items())
    ]
    return member


async def put_roster_on(ward: Ward) -> None:
    """The ward police's roster: Nguyễn Văn An (leader), Trần Thị Bình, Lê Văn Cường (Tổ 12)."""
    checked = read_roster("r.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22))
    async with ward.db.write() as session:
        await apply_roster(session, checked.rows, utcnow())


async def an_on_telegram(emulator: TelegramEmulator, ward: Ward) -> Phone:
    """Nguyễn Văn An, the roster's team leader, on Telegram (his number by the contact button)."""
    code = await ward.invite()
    an = emulator.phone(user_id=1001, first_name="An", last_name="Nguyễn")
    await an.send(f"/start {code}")
    await an.share_contact("0912345678", expect=2)
    await an.press("Đồng ý")
    return an


async def test_a_zalo_person_joins_with_a_typed_code_and_a_typed_phone(
    bot: BotApp, ward: Ward
) -> None:
    code = await ward.invite()
    # Zalo shows "Đức Trần Văn"; the name is typed in NFD by an older phone keyboard.
    duc = ZaloPerson(bot, "zalo-7001", first_name="Đức", last_name="Trần Văn")

    await duc.send("xin chào")
    assert "mã mời" in duc.said  # not taken for a code
    await duc.send(f"  {code} ")
    assert "Tổ bảo vệ ANTT số 12" in duc.said
    await duc.type_phone("0912 345 678")
    assert "Đã nhận số điện thoại 0912 345 678" in duc.said
    await duc.send(unicodedata.normalize("NFD", "trần văn đức"))
    assert "Họ và tên ghi trong báo cáo: Trần Văn Đức." in duc.said
    await duc.choose("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in duc.said
    assert "📝 Việc tốt" in duc.labels

    [member] = await ward.members()
    assert member.full_name == unicodedata.normalize("NFC", "Trần Văn Đức")
    assert (member.zalo_user_id, member.zalo_chat_id, member.telegram_user_id) == (
        "zalo-7001",
        "zalo-7001",
        None,
    )
    assert (member.phone, member.phone_typed) == ("0912345678", True)

    # A typed number proves nothing: it claims no one later, not even with the contact button.
    await duc.send("/start")
    assert "Chọn việc cần báo cáo" in duc.said  # a member already: the menu


async def test_start_alone_on_zalo_then_the_code(bot: BotApp, ward: Ward) -> None:
    code = await ward.invite()
    uyen = ZaloPerson(bot, "zalo-7002", first_name="Uyên")
    await uyen.send("/start")
    assert "mã mời" in uyen.said
    await uyen.send(code)
    assert "Tổ bảo vệ ANTT số 12" in uyen.said
    await uyen.type_phone("0977111222")
    await uyen.send("Phạm Thị Uyên")
    await uyen.choose("Đồng ý")
    assert (await member_with(ward, zalo_user_id="zalo-7002")).full_name == "Phạm Thị Uyên"


async def test_a_roster_person_on_zalo_needs_the_one_time_code(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    await put_roster_on(ward)
    an = await an_on_telegram(emulator, ward)  # the team leader, who knows Cường
    cuong = ZaloPerson(bot, "zalo-7003", first_name="Cường", last_name="Lê Văn")

    await cuong.send("/start")
    await cuong.type_phone("0901.234.567")
    assert "bot vừa gửi mã xác nhận 6 số cho tổ trưởng và công an phường" in cuong.said
    await eventually(lambda: "Có người gõ số 0901234567" in an.last.text_plain, "An gets it")
    assert "Lê Văn Cường" in an.last.text_plain
    first_code = code_in(an.last.text_plain, 6)

    wrong = "000000" if first_code != "000000" else "111111"
    for _ in range(4):
        await cuong.send(wrong)
        assert "Mã chưa đúng" in cuong.said
    await cuong.send(wrong)
    assert "mã đã bị khoá" in cuong.said
    await cuong.send(first_code)  # too late: locked
    assert "Họ và tên" not in cuong.said and "Đồng ý" not in cuong.labels
    assert (await member_with(ward, phone="0901234567")).zalo_user_id is None

    await cuong.send("/start")
    await cuong.type_phone("0901234567")
    assert "Xin đợi 15 phút" in cuong.said  # five wrong codes: a wait before a new one
    clock.moment += dt.timedelta(minutes=16)
    await cuong.type_phone("0901234567")
    assert "bot vừa gửi mã xác nhận 6 số" in cuong.said
    await eventually(
        lambda: code_in(an.last.text_plain, 6) != first_code, "a new code for An to read"
    )
    await cuong.send(" ".join(code_in(an.last.text_plain, 6)[i : i + 3] for i in (0, 3)))
    assert "Đã tìm thấy đồng chí Lê Văn Cường trong danh sách của phường" in cuong.said
    assert cuong.labels == ["Đồng ý", "Không đồng ý"]
    await cuong.choose("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in cuong.said
    member = await member_with(ward, phone="0901234567")
    assert (member.full_name, member.zalo_user_id, member.role) == (
        "Lê Văn Cường",
        "zalo-7003",
        "member",
    )
    assert len(await ward.members()) == 3  # the roster's three, nobody twice


async def test_a_roster_member_on_telegram_gets_the_code_on_telegram(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    await put_roster_on(ward)
    an = await an_on_telegram(emulator, ward)
    an_zalo = ZaloPerson(bot, "zalo-7004", first_name="An", last_name="Nguyễn Văn")
    await an_zalo.send("/start")
    await an_zalo.type_phone("0912345678")
    assert "tới tài khoản kia của đồng chí" in an_zalo.said
    await eventually(lambda: "Mã xác nhận" in an.last.text_plain, "An's own code on Telegram")
    await an_zalo.send(code_in(an.last.text_plain, 6))
    await an_zalo.choose("Đồng ý")
    member = await member_with(ward, phone="0912345678")
    assert (member.telegram_user_id, member.zalo_user_id) == (1001, "zalo-7004")
    assert len(await ward.members()) == 3


async def test_a_telegram_member_links_zalo_and_takes_notices_there(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    hoa = emulator.phone(user_id=1005, first_name="Hoa", last_name="Đặng Thị")
    await ward.join(hoa, "0988000111")
    await good_deed_on_telegram(hoa, "Giúp cụ Ơn qua đường.")

    await hoa.press("☰ Khác")
    [screen] = await hoa.press("🔗 Liên kết Zalo/Telegram")
    assert "Đồng chí đang dùng bot qua: Telegram" in screen.text_plain
    assert screen.button_labels == ["🔗 Lấy mã liên kết"]
    [shown] = await hoa.press("🔗 Lấy mã liên kết")
    code = code_in(shown.text_plain, 8)

    hoa_zalo = ZaloPerson(bot, "zalo-7005", first_name="Hoa", last_name="Đặng Thị")
    await hoa_zalo.send("12345678" if code != "12345678" else "87654321")
    assert "Mã này không đúng hoặc đã hết hạn" in hoa_zalo.said
    await hoa_zalo.send(code)
    assert "Đã liên kết. Đây là tài khoản của đồng chí Đặng Thị Hoa" in hoa_zalo.said
    assert "Thông báo gửi qua: Telegram" in hoa_zalo.said
    await eventually(
        lambda: "Tài khoản Zalo vừa được liên kết" in hoa.last.text_plain, "Telegram is told"
    )
    await hoa_zalo.send(code)  # used once: she is a member there now, the text a new report
    assert "Đồng chí muốn báo cáo việc gì?" in hoa_zalo.said
    await hoa_zalo.send("/huy")

    # Her report from Zalo is hers, beside the one from Telegram.
    await good_deed_on_zalo(hoa_zalo, "Dọn rác ở ngõ Ư Thành.")
    [member] = await ward.members()
    assert {r.author_id for r in await ward.reports()} == {member.id}
    await hoa_zalo.choose("📋 Báo cáo của tôi")
    assert "Báo cáo tháng 11/2026 của đồng chí: 2." in hoa_zalo.said
    labels = " ".join(hoa_zalo.labels)
    assert "Dọn rác" in labels and "Giúp cụ Ơn" in labels


async def test_notices_go_to_the_zalo_chat_once_chosen(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, clock: FixedClock
) -> None:
    hoa = emulator.phone(user_id=1005, first_name="Hoa", last_name="Đặng Thị")
    await ward.join(hoa, "0988000111")
    hoa_zalo = await linked_on_zalo(bot, hoa, "zalo-7005")
    await hoa_zalo.choose("☰ Khác")
    await hoa_zalo.choose("🔗 Liên kết Zalo/Telegram")
    assert "Đồng chí đang dùng bot qua: Telegram, Zalo" in hoa_zalo.said
    assert "Thông báo (nhắc việc, huy động, kết quả duyệt) gửi qua: Telegram" in hoa_zalo.said
    await hoa_zalo.choose("📨 Nhận thông báo ở ứng dụng này")
    assert "Từ nay thông báo gửi qua Zalo" in hoa_zalo.said

    clock.moment = REMINDER_DAY  # Tổ 12 has no good deed this month: the reminder
    assert bot.scheduler is not None
    await bot.scheduler.run_pass()
    [reminder] = await notices_to(bot, "zalo", "zalo-7005")
    assert "Tổ bảo vệ ANTT số 12 chưa có việc tốt nào trong tháng 11/2026" in reminder
    assert not [t for t in await notices_to(bot, "telegram", "1005") if "việc tốt" in t]

    # Back to Telegram: the next notice goes there.
    await hoa.press("☰ Khác")
    await hoa.press("🔗 Liên kết Zalo/Telegram")
    [done] = await hoa.press("📨 Nhận thông báo ở ứng dụng này")
    assert "Từ nay thông báo gửi qua Telegram" in done.text_plain


async def linked_on_zalo(bot: BotApp, phone: Phone, zalo_ref: str) -> ZaloPerson:
    """The Telegram member takes a link code and types it on Zalo."""
    await phone.press("☰ Khác")
    await phone.press("🔗 Liên kết Zalo/Telegram")
    [shown] = await phone.press("🔗 Lấy mã liên kết")
    person = ZaloPerson(bot, zalo_ref, first_name=phone.user.display_name)
    await person.send(code_in(shown.text_plain, 8))
    assert "Đã liên kết" in person.said
    return person


async def good_deed_on_telegram(phone: Phone, what: str) -> None:
    await phone.press("📝 Việc tốt")
    await phone.send(what)
    await phone.press("Hôm nay")
    await phone.press("Xong")
    await phone.press("Bỏ qua")
    await phone.press("✅ Gửi báo cáo")


async def good_deed_on_zalo(person: ZaloPerson, what: str) -> None:
    await person.send("/menu")
    await person.choose("📝 Việc tốt")
    await person.send(what)
    await person.choose("Hôm nay")
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    await person.choose("✅ Gửi báo cáo")
    assert "Đã ghi nhận việc tốt" in person.said


async def test_forgetting_a_member_forgets_both_accounts(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    hoa = emulator.phone(user_id=1005, first_name="Hoa", last_name="Đặng Thị")
    await ward.join(hoa, "0988000111")
    hoa_zalo = await linked_on_zalo(bot, hoa, "zalo-7005")
    await hoa_zalo.send("/menu")
    await hoa_zalo.choose("📝 Việc tốt")  # a draft on Zalo

    async with bot.db.write() as session:
        member = await session.scalar(select(Member).where(Member.zalo_user_id == "zalo-7005"))
        assert member is not None and member.telegram_user_id == 1005
        session.add(
            OutboxMessage(
                key="test:zalo-notice", channel="zalo", chat_ref="zalo-7005", payload={"t": 1}
            )
        )
        session.add(
            InboxUpdate(
                channel="zalo", update_id=1, chat_ref="zalo-7005", payload={"text": "Đặng Thị Hoa"}
            )
        )
        await session.flush()
        await forget_member(session, member, utcnow())

    async with bot.db.read() as session:
        forgotten = await session.get(Member, member.id)
        assert forgotten is not None
        assert (forgotten.telegram_user_id, forgotten.zalo_user_id, forgotten.zalo_chat_id) == (
            None,
            None,
            None,
        )
        assert await session.scalar(select(Draft).where(Draft.user_ref == "zalo-7005")) is None
        for row in await session.scalars(select(OutboxMessage)):
            assert row.chat_ref not in ("zalo-7005", "1005")
        for inbox in await session.scalars(select(InboxUpdate)):
            assert inbox.chat_ref not in ("zalo-7005", "1005")
        assert await session.scalar(select(Report)) is None
    # Both accounts are strangers again.
    await hoa_zalo.send("/menu")
    assert "mã mời" in hoa_zalo.said


async def test_a_mixed_ward_counts_each_member_once(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    """Lan on Telegram only and Hoa on both (Tổ 12), Đức on Zalo only (Tổ 7): the month's
    summary counts three members, each once, and Hoa's two good deeds as hers."""
    lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(lan)
    await good_deed_on_telegram(lan, "Giúp cụ Ơn qua đường.")

    hoa = emulator.phone(user_id=1005, first_name="Hoa", last_name="Đặng Thị")
    await ward.join(hoa, "0988000111")
    hoa_zalo = await linked_on_zalo(bot, hoa, "zalo-7005")
    await good_deed_on_telegram(hoa, "Sửa đèn ngõ Đình.")
    await good_deed_on_zalo(hoa_zalo, "Dọn rác ở ngõ Ư Thành.")

    code = await ward.invite(team_id=ward.other_team_id)
    duc = ZaloPerson(bot, "zalo-7001", first_name="Đức", last_name="Trần Văn")
    await duc.send(code)
    await duc.type_phone("0912000777")
    await duc.send(unicodedata.normalize("NFD", "Trần Văn Đức"))
    await duc.choose("Đồng ý")
    await good_deed_on_zalo(duc, "Nhắc bà con khoá cửa.")

    officer = await officer_of(emulator, ward)
    await officer.send("/baocao")
    _making, digest, *_files = await officer.press("Tháng này", expect=5, timeout=20)
    assert "Phường Yên Hòa · 2 tổ, 3 thành viên" in digest.text_plain
    assert "Việc tốt: 2/2 tổ đạt (100%)" in digest.text_plain

    members = {m.full_name: m for m in await ward.members() if m.role == "member"}
    assert sorted(members) == ["Nguyễn Thị Lan", "Trần Văn Đức", "Đặng Thị Hoa"]
    authors = [r.author_id for r in await ward.reports()]
    assert authors.count(members["Đặng Thị Hoa"].id) == 2
    assert authors.count(members["Trần Văn Đức"].id) == 1


async def test_a_zalo_join_request_is_approved_and_the_decision_goes_to_zalo(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    await officer.send("/quanly")
    await officer.press("✅ Tự động duyệt: Bật (bấm để tắt)")

    thu = ZaloPerson(bot, "zalo-7006", first_name="Thư", last_name="Vũ Thị")
    await thu.send(await ward.invite())
    await thu.type_phone("0911222333")
    await thu.choose("Vũ Thị Thư")
    await thu.choose("Đồng ý")
    assert "Đã gửi yêu cầu tham gia Tổ bảo vệ ANTT số 12" in thu.said
    await thu.send("Xin chào")
    assert "đang chờ duyệt" in thu.said
    await eventually(lambda: "xin tham gia" in officer.last.text_plain, "the officer is told")

    await officer.send("/quanly")
    [requests] = await officer.press("📨 Yêu cầu tham gia (1)")
    assert "Vũ Thị Thư · 0911222333" in requests.text_plain
    await officer.press("✅ Duyệt 1", expect=2)
    member = await member_with(ward, zalo_user_id="zalo-7006")
    assert (member.full_name, member.phone_typed, member.telegram_user_id) == (
        "Vũ Thị Thư",
        True,
        None,
    )
    [decision] = await notices_to(bot, "zalo", "zalo-7006")
    assert "đã được duyệt vào Tổ bảo vệ ANTT số 12" in decision
    await thu.send("/menu")
    assert "📝 Việc tốt" in thu.labels
