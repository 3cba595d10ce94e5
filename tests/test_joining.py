"""A member joins their team by invite link: phone number by the contact button, then consent."""

from __future__ import annotations

from bot.app import BotApp
from bot.emulator.server import TelegramEmulator
from tests.ward import Ward


async def test_member_joins_by_invite_link(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite(uses=2)
    lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn")

    [greeting] = await lan.send(f"/start {code}")
    assert "Tổ bảo vệ ANTT số 12" in greeting.text_plain
    assert "Phường Yên Hòa" in greeting.text_plain
    assert greeting.reply_keyboard[0][0].request_contact

    received, consent = await lan.press("📱 Chia sẻ số điện thoại", expect=2)
    assert "0912345678" in received.text_plain
    assert received.keyboard_removed
    assert consent.button_labels == ["Đồng ý", "Không đồng ý"]

    [welcome] = await lan.press("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in welcome.text_plain
    assert "📝 Việc tốt" in welcome.button_labels

    [member] = await ward.members()
    assert member.full_name == "Lan Nguyễn"
    assert member.phone == "0912345678"
    assert member.telegram_user_id == 1001
    assert member.role == "member"
    assert member.consent_at is not None


async def test_invite_places_are_used_up(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite(uses=1)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    await lan.share_contact("0912345678", expect=2)
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
    assert "cần đường link mời" in answer.text_plain
    [answer] = await stranger.send("Xin chào")
    assert "cần đường link mời" in answer.text_plain


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
    assert "số của chính đồng chí" in answer.text_plain
    [answer] = await lan.send("0912345678")
    assert "số của chính đồng chí" in answer.text_plain
    assert answer.reply_keyboard[0][0].request_contact
    await lan.share_contact("0912345678", expect=2)
    await lan.press("Đồng ý")
    [member] = await ward.members()
    assert member.phone == "0912345678"


async def test_declining_consent_stores_nothing(emulator: TelegramEmulator, ward: Ward) -> None:
    code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await lan.send(f"/start {code}")
    await lan.share_contact("0912345678", expect=2)
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
    assert "cần đường link mời" in answer.text_plain


async def test_commands_menu_is_published(emulator: TelegramEmulator, bot: BotApp) -> None:
    published = emulator.calls_to("setMyCommands")
    commands = {c["command"] for call in published for c in call["commands"]}
    assert {"huy", "baocaocuatoi", "start"} <= commands
