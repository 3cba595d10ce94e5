"""Joining on Zalo, through the real bot and the Zalo emulator: the invite code typed as the
officer read it, the phone typed, the name typed, consent by the number of «Đồng ý»; a roster
person's one-time code reaches the ward officer and the team leader on Zalo, and typing it
claims the registration."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from emulator.zalo.phone import ZaloPhone
from storage.models import utcnow
from storage.roster import apply_roster
from summaries.roster import EXAMPLE, read_roster, roster_workbook
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.people import as_read_aloud, dong_da, join_on_zalo


@pytest.fixture
async def ward(zalo_bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    async with dong_da(zalo_bot.db, clock) as created:
        yield created


def code_in(text: str, digits: int) -> str:
    found = re.search(rf"\b(\d{{{digits}}})\b", text)
    assert found is not None, text
    return found.group(1)


async def test_duc_joins_by_typing_the_code_his_phone_his_name_and_one(
    zalo: ZaloEmulator, ward: Ward
) -> None:
    code = await ward.invite()
    duc = zalo.phone(1, "Đức Trương")
    [greeting] = await duc.send(as_read_aloud(code))
    assert "trợ lý báo cáo của Tổ bảo vệ ANTT số 12, Phường Đống Đa" in greeting.text
    # Nothing on Zalo to press: the greeting asks for the number in words that fit typing.
    assert "chia sẻ" not in greeting.text.lower()
    assert greeting.text.endswith(
        "📱 Đồng chí gõ số điện thoại của mình (ví dụ 0912345678) rồi gửi."
    )

    [asked] = await duc.send("số tôi là gì nhỉ")
    assert "bấm nút" not in asked.text
    assert "số điện thoại" in asked.text

    replies = await duc.send("0912 345 678", expect=2)
    assert "Đã nhận số điện thoại 0912345678" in replies[0].text
    assert "Họ và tên" in duc.last.text
    await duc.send("Trương Văn Đức")
    assert "Họ và tên ghi trong báo cáo: Trương Văn Đức." in duc.last.text
    assert duc.choices == {"Đồng ý": 1, "Không đồng ý": 2}
    [done] = await duc.send("1")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in done.text
    assert "📝 Việc tốt" in duc.choices

    [member] = await ward.members()
    assert (member.full_name, member.zalo_user_id, member.phone) == (
        "Trương Văn Đức",
        duc.user_id,
        "0912345678",
    )
    assert member.telegram_user_id is None


async def test_a_stranger_on_zalo_is_told_to_send_the_invite_code(
    zalo: ZaloEmulator, ward: Ward
) -> None:
    ung = zalo.phone(2, "Vũ Thị Ưng")
    [answer] = await ung.send("Xin chào")
    # On Zalo there is no link that carries the code: the code itself is what to ask for.
    assert "cần mã mời" in answer.text
    assert "gửi mã" in answer.text


async def test_roster_people_get_in_with_codes_read_by_the_officer_and_the_leader_on_zalo(
    zalo: ZaloEmulator, ward: Ward, clock: FixedClock
) -> None:
    checked = read_roster("r.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22))
    async with ward.db.write() as session:
        rows = [replace(row, ward="Phường Đống Đa") for row in checked.rows]
        await apply_roster(session, rows, utcnow())
    # Đặng Quốc Ơn, the ward's police officer, is on Zalo (his number is not on the roster).
    on = await join_on_zalo(
        zalo, ward, 10, "Đặng Quốc Ơn", "0900000001", role="officer", team_id=ward.ward_id
    )

    # Nguyễn Văn An, the roster's leader of Tổ 12, opens the bot: Ơn reads him the code.
    an = zalo.phone(11, "An Nguyễn")
    await claim_roster_place(an, "0912 345 678", on, "Nguyễn Văn An")

    # Lê Văn Cường: his code reaches his team leader An on Zalo (and Ơn).
    cuong = zalo.phone(12, "Lê Văn Cường")
    await claim_roster_place(cuong, "0901.234.567", an, "Lê Văn Cường")
    await eventually(lambda: "Có người gõ số 0901234567" in on.last.text, "Ơn's copy")

    members = {m.full_name: m for m in await ward.members()}
    assert len(members) == 4  # the roster's three and Ơn, nobody twice
    assert (members["Lê Văn Cường"].zalo_user_id, members["Lê Văn Cường"].phone) == (
        cuong.user_id,
        "0901234567",
    )
    assert (members["Nguyễn Văn An"].zalo_user_id, members["Nguyễn Văn An"].role) == (
        an.user_id,
        "leader",
    )


async def claim_roster_place(
    person: ZaloPhone, typed_phone: str, reader: ZaloPhone, full_name: str
) -> None:
    """Someone on the roster writes to the Zalo bot, types their number, and types the one-time
    code `reader` receives and reads to them; then consents by «1»."""
    digits = "".join(ch for ch in typed_phone if ch.isdigit())
    [start] = await person.send("Chào bot")
    assert "mã mời" in start.text and "số điện thoại" in start.text
    await person.send(typed_phone)
    assert "bot vừa gửi mã xác nhận 6 số cho tổ trưởng và công an phường" in person.last.text
    await eventually(lambda: f"Có người gõ số {digits}" in reader.last.text, "the code arrives")
    assert full_name in reader.last.text
    code = code_in(reader.last.text, 6)

    found, consent = await person.send(f"{code[:3]} {code[3:]}", expect=2)
    assert f"Đã tìm thấy đồng chí {full_name} trong danh sách của phường" in found.text
    assert "Đồng chí đồng ý chứ?" in consent.text
    await person.send("1")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in person.last.text


async def test_a_wrong_or_withdrawn_code_typed_on_zalo_is_called_a_code(
    zalo: ZaloEmulator, ward: Ward
) -> None:
    uyen = zalo.phone(3, "Phạm Thị Uyên")
    [wrong] = await uyen.send("abcd efgh jkmn")
    assert "Mã mời" in wrong.text and "không đúng" in wrong.text
    assert "kiểm tra lại link" not in wrong.text
    code = await ward.invite()
    await ward.revoke(code)
    [withdrawn] = await uyen.send(as_read_aloud(code))
    assert "Mã mời" in withdrawn.text and "đã bị thu hồi" in withdrawn.text
    assert "gửi mã mời mới" in withdrawn.text


async def test_who_declines_on_zalo_is_told_to_send_the_code_again(
    zalo: ZaloEmulator, ward: Ward
) -> None:
    code = await ward.invite()
    son = zalo.phone(4, "Lê Hồng Sơn")
    await son.send(as_read_aloud(code))
    await son.send("0977111222", expect=2)
    await son.send("Lê Hồng Sơn")
    [declined] = await son.send("khong dong y")
    assert "Đồng chí chưa tham gia" in declined.text
    assert "gửi lại mã mời" in declined.text
    assert await ward.members() == []
