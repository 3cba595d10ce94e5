"""Joining on Zalo, through the real bot and the Zalo emulator: the invite code typed as the
officer read it, the phone typed, the name typed, consent by the number of «Đồng ý»; a roster
person's one-time code reaches the ward officer on Zalo, and typing it claims the registration."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
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


async def test_a_roster_person_gets_in_with_the_code_the_officer_reads_on_zalo(
    zalo: ZaloEmulator, ward: Ward, clock: FixedClock
) -> None:
    checked = read_roster("r.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22))
    async with ward.db.write() as session:
        rows = [replace(row, ward="Phường Đống Đa") for row in checked.rows]
        await apply_roster(session, rows, utcnow())
    # Đặng Quốc Ơn, the ward's police officer, is on Zalo (his number is not on the roster).
    an = await join_on_zalo(
        zalo, ward, 10, "Đặng Quốc Ơn", "0900000001", role="officer", team_id=ward.ward_id
    )

    cuong = zalo.phone(11, "Lê Văn Cường")
    await cuong.send("Chào bot")
    await cuong.send("0901.234.567")
    assert "bot vừa gửi mã xác nhận 6 số cho tổ trưởng và công an phường" in cuong.last.text
    await eventually(lambda: "Có người gõ số 0901234567" in an.last.text, "Ơn gets the code")
    assert "Lê Văn Cường" in an.last.text
    code = code_in(an.last.text, 6)

    found, consent = await cuong.send(f"{code[:3]} {code[3:]}", expect=2)
    assert "Đã tìm thấy đồng chí Lê Văn Cường trong danh sách của phường" in found.text
    assert "Đồng chí đồng ý chứ?" in consent.text
    await cuong.choose("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in cuong.last.text
    [member] = [m for m in await ward.members() if m.phone == "0901234567"]
    assert (member.full_name, member.zalo_user_id) == ("Lê Văn Cường", cuong.user_id)
    assert len(await ward.members()) == 4  # the roster's three and Ơn, nobody twice
