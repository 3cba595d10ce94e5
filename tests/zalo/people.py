"""The people of the Zalo conversation tests: Phường Đống Đa with Tổ bảo vệ ANTT số 12, and
members joining it on Zalo as a person does, by typing (the invite code, the phone number, the
full name, the number of «Đồng ý»)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from emulator.zalo.phone import ZaloPhone
from storage.database import Database
from storage.units import add_unit
from tests.ward import Ward


@asynccontextmanager
async def dong_da(db: Database, clock: FixedClock) -> AsyncIterator[Ward]:
    """Phường Đống Đa → Tổ bảo vệ ANTT số 12 (and Tổ 7 beside it)."""
    async with db.write() as session:
        ward = await add_unit(session, "Phường Đống Đa", "commune")
        team = await add_unit(session, "Tổ bảo vệ ANTT số 12", "team", ward, planned_size=5)
        other = await add_unit(session, "Tổ bảo vệ ANTT số 7", "team", ward)
    yield Ward(db, clock, ward.id, team.id, other.id)


def as_read_aloud(code: str) -> str:
    """An invite code as a person types it after hearing it: lower case, groups of four."""
    return " ".join(code[start : start + 4] for start in range(0, len(code), 4)).lower()


async def join_on_zalo(
    zalo: ZaloEmulator,
    ward: Ward,
    number: int,
    full_name: str,
    phone_number: str,
    *,
    role: str = "member",
    team_id: int | None = None,
) -> ZaloPhone:
    """Someone opens the Zalo bot, types the invite code, their phone, their name, and «1»
    for «Đồng ý»."""
    code = await ward.invite(role=role, team_id=team_id)
    person = zalo.phone(number, full_name)
    await person.send(as_read_aloud(code))
    await person.send(phone_number)
    if "Họ và tên" in person.last.text:
        await person.send(full_name)
    await person.choose("Đồng ý")
    assert "Đồng chí đã là thành viên" in person.last.text, person.transcript(last=6)
    return person


async def log_good_deed(person: ZaloPhone, what: str) -> None:
    """A good deed of today, typed on Zalo from the menu: no colleagues, no photo."""
    await person.send("/menu")
    await person.choose("📝 Việc tốt")
    await person.send(what)
    await person.send("hôm nay")
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    [done] = await person.choose("✅ Gửi báo cáo")
    assert done.text.startswith("Đã ghi nhận"), person.transcript(last=4)
