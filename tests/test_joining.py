"""A member joins their team by invite link: phone number by the contact button, the full name
as reports print it, then consent."""

from __future__ import annotations

import datetime as dt
import unicodedata

from bot.app import BotApp
from emulator.server import TelegramEmulator
from storage.models import utcnow
from storage.roster import apply_roster
from summaries.roster import EXAMPLE, read_roster, roster_workbook
from tests.ward import Ward, name_oneself


async def test_member_joins_by_invite_link(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite(uses=2)
    # Telegram shows "Lan Nguyễn Thị": the family name went into the last name.
    lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")

    [greeting] = await lan.send(f"/start {code}")
    assert "Tổ bảo vệ ANTT số 12" in greeting.text_plain
    assert "Phường Yên Hòa" in greeting.text_plain
    assert greeting.reply_keyboard[0][0].request_contact

    received, name = await lan.press("📱 Chia sẻ số điện thoại", expect=2)
    assert "0912345678" in received.text_plain
    assert received.keyboard_removed
    assert "Họ và tên của đồng chí sẽ ghi thế nào trong báo cáo" in name.text_plain
    assert name.button_labels == ["Nguyễn Thị Lan", "Lan Nguyễn Thị"]

    [consent] = await lan.press("Nguyễn Thị Lan")
    assert "Họ và tên ghi trong báo cáo: Nguyễn Thị Lan." in consent.text_plain
    assert consent.button_labels == ["Đồng ý", "Không đồng ý"]
    [welcome] = await lan.press("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in welcome.text_plain
    assert "📝 Việc tốt" in welcome.button_labels

    [member] = await ward.members()
    assert member.full_name == "Nguyễn Thị Lan"
    assert member.phone == "0912345678"
    assert member.telegram_user_id == 1001
    assert member.role == "member"
    assert member.consent_at is not None


async def test_a_full_name_typed_is_checked_and_kept_in_nfc(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan 🌸")  # nothing worth offering
    await lan.send(f"/start {code}")
    _received, question = await lan.share_contact("0912345678", expect=2)
    assert "Xin gõ đầy đủ họ và tên của đồng chí" in question.text_plain
    assert question.button_labels == []

    [again] = await lan.send("Lan")
    assert "Xin ghi cả họ và tên (ít nhất hai chữ)" in again.text_plain
    [again] = await lan.send("Nguyễn Thị Lan 2")
    assert "không có chữ số hay ký hiệu" in again.text_plain
    assert await ward.members() == []
    [consent] = await lan.send(unicodedata.normalize("NFD", "  nguyễn thị   lan "))
    assert "Họ và tên ghi trong báo cáo: Nguyễn Thị Lan." in consent.text_plain
    await lan.press("Đồng ý")
    [member] = await ward.members()
    assert member.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Lan")


async def test_a_member_on_the_roster_who_opens_the_team_invite_keeps_the_roster_name(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    checked = read_roster("r.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22))
    async with ward.db.write() as session:
        await apply_roster(session, checked.rows, utcnow())
    code = await ward.invite()
    an = emulator.phone(user_id=1001, first_name="An", last_name="Nguyễn")
    await an.send(f"/start {code}")
    found, consent = await an.share_contact("0912345678", expect=2)
    assert "Đã tìm thấy đồng chí Nguyễn Văn An trong danh sách của phường" in found.text_plain
    assert consent.button_labels == ["Đồng ý", "Không đồng ý"]  # no question about the name
    [welcome] = await an.press("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in welcome.text_plain
    [member] = [m for m in await ward.members() if m.phone == "0912345678"]
    assert (member.full_name, member.telegram_user_id, member.role) == (
        "Nguyễn Văn An",
        1001,
        "leader",
    )


async def test_invite_places_are_used_up(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite(uses=1)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    await lan.share_contact("0912345678", expect=2)
    await name_oneself(lan)
    await lan.press("Đồng ý")

    binh = emulator.phone(user_id=1002, first_name="Bình")
    [answer] = await binh.send(f"/start {code}")
    assert "đã dùng hết số lượt" in answer.text_plain
    assert len(await ward.members()) == 1


async def test_start_without_code_explains_how_to_get_an_invite(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    stranger = emulator.phone(user_id=1009, first_name="Khách")
    [answer] = await stranger.send("/start")
    assert "cần mã mời" in answer.text_plain
    [answer] = await stranger.send("Xin chào")
    assert "cần mã mời" in answer.text_plain


async def test_unknown_invite_code(emulator: TelegramEmulator, ward: Ward) -> None:
    stranger = emulator.phone(user_id=1009, first_name="Khách")
    [answer] = await stranger.send("/start khong-phai-ma-that")
    assert "không đúng" in answer.text_plain
    assert await ward.members() == []


async def test_expired_invite(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.expired_invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    [answer] = await lan.send(f"/start {code}")
    assert "đã hết hạn từ ngày 21/11/2026" in answer.text_plain


async def test_revoked_invite(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite()
    await ward.revoke(code)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    [answer] = await lan.send(f"/start {code}")
    assert "đã bị thu hồi" in answer.text_plain


async def test_invite_revoked_while_joining_is_refused_at_consent(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    await lan.share_contact("0912345678", expect=2)
    await name_oneself(lan)
    await ward.revoke(code)
    [answer] = await lan.press("Đồng ý")
    assert "đã bị thu hồi" in answer.text_plain
    assert await ward.members() == []


async def test_already_a_member_opens_another_invite(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    other_team_code = await ward.invite(team_id=ward.other_team_id)

    [answer] = await lan.send(f"/start {other_team_code}")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12 rồi" in answer.text_plain
    [member] = await ward.members()
    assert member.unit_id == ward.team_id


async def test_someone_elses_contact_or_text_is_refused(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")

    [answer] = await lan.share_contact("0987654321", own=False)
    assert "số điện thoại của chính đồng chí" in answer.text_plain
    [answer] = await lan.send("0912345678")
    assert "số điện thoại của chính đồng chí" in answer.text_plain
    assert answer.reply_keyboard[0][0].request_contact
    await lan.share_contact("0912345678", expect=2)
    await name_oneself(lan)
    await lan.press("Đồng ý")
    [member] = await ward.members()
    assert member.phone == "0912345678"


async def test_declining_consent_stores_nothing(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    await lan.share_contact("0912345678", expect=2)
    await name_oneself(lan)
    [answer] = await lan.press("Không đồng ý")
    assert "chưa tham gia" in answer.text_plain
    assert await ward.members() == []


async def test_cancel_while_joining(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    [answer] = await lan.send("/huy")
    assert "chưa tham gia" in answer.text_plain
    assert answer.keyboard_removed
    [answer] = await lan.share_contact("0912345678")
    assert "cần mã mời" in answer.text_plain


async def test_commands_menu_is_published(emulator: TelegramEmulator, bot: BotApp) -> None:
    published = emulator.calls_to("setMyCommands")
    commands = {c["command"] for call in published for c in call["commands"]}
    assert {"huy", "baocaocuatoi", "start"} <= commands
