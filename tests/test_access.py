"""Tips (and reintegration records) stay with their author and the ward police: the rule book
checked for every role, and through the bot with forged buttons."""

from __future__ import annotations

import datetime as dt

import pytest

from emulator.server import TelegramEmulator
from handlers.access import may_change_report, may_read_report
from storage.database import Database
from storage.models import Member, Report, utcnow
from storage.units import add_unit
from tests.ward import Ward

NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
async def db(database_url: str) -> Database:
    database = Database(database_url)
    await database.migrate()
    return database


async def people_and_reports(db: Database) -> tuple[dict[str, Member], dict[str, Report]]:
    """Phường Yên Hòa (Tổ 12, Tổ 7) and Phường Trung Hòa (Tổ 1); Lan of Tổ 12 wrote a tip and
    a good deed."""
    async with db.write() as session:
        yen_hoa = await add_unit(session, "Phường Yên Hòa", "commune")
        trung_hoa = await add_unit(session, "Phường Trung Hòa", "commune")
        team_12 = await add_unit(session, "Tổ 12", "team", yen_hoa)
        team_7 = await add_unit(session, "Tổ 7", "team", yen_hoa)
        team_1 = await add_unit(session, "Tổ 1", "team", trung_hoa)
        where = {
            "author": (team_12, "member"),
            "teammate": (team_12, "member"),
            "leader": (team_12, "leader"),
            "deputy": (team_12, "deputy"),
            "other team's member": (team_7, "member"),
            "other team's leader": (team_7, "leader"),
            "ward officer": (yen_hoa, "officer"),
            "other ward's officer": (trung_hoa, "officer"),
            "other ward's member": (team_1, "member"),
        }
        people = {
            name: Member(full_name=name, role=role, unit_id=unit.id, consent_at=utcnow())
            for name, (unit, role) in where.items()
        }
        session.add_all(people.values())
        await session.flush()
        author = people["author"]
        reports = {
            kind: Report(
                kind=kind,
                team_id=team_12.id,
                author_id=author.id,
                occurred_on=dt.date(2026, 11, 22),
                payload={"content": "bí mật"},
                created_at=NOW,
            )
            for kind in ("tip", "good_deed")
        }
        session.add_all(reports.values())
    return people, reports


TIP_READERS = {"author", "ward officer"}
GOOD_DEED_READERS = {"author", "teammate", "leader", "deputy", "ward officer"}


async def test_who_may_read_a_tip_and_a_good_deed(db: Database) -> None:
    people, reports = await people_and_reports(db)
    async with db.read() as session:
        for name, person in people.items():
            tip = await may_read_report(session, person, reports["tip"], police_only=True)
            deed = await may_read_report(session, person, reports["good_deed"], police_only=False)
            assert tip == (name in TIP_READERS), f"{name} reading the tip"
            assert deed == (name in GOOD_DEED_READERS), f"{name} reading the good deed"
    await db.dispose()


async def test_only_the_author_may_change_and_only_for_a_day(db: Database) -> None:
    people, reports = await people_and_reports(db)
    window = dt.timedelta(hours=24)
    tip = reports["tip"]
    for name, person in people.items():
        assert may_change_report(person, tip, NOW, window) == (name == "author"), name
    author = people["author"]
    assert may_change_report(author, tip, NOW + dt.timedelta(hours=23, minutes=59), window)
    assert not may_change_report(author, tip, NOW + dt.timedelta(hours=24, minutes=1), window)
    await db.dispose()


async def test_a_teammate_cannot_open_a_tip_with_a_forged_button(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    binh = emulator.phone(user_id=1002, first_name="Bình")
    await ward.join(lan)
    await ward.join(binh, "0911111111")
    await lan.press("ℹ️ Nguồn tin")
    await lan.send("Có người lạ hay lui tới căn nhà bỏ hoang số 9.")
    await lan.send("Ngõ 9")
    await lan.press("Hôm nay")
    await lan.press("✅ Gửi báo cáo")
    [tip] = await ward.reports()

    for forged in (f"r:o:{tip.id}", f"r:e:{tip.id}", f"r:d:{tip.id}", f"r:dy:{tip.id}"):
        [refused] = await binh.press_data(forged)
        assert "Không tìm thấy báo cáo này" in refused.text_plain
        assert "căn nhà bỏ hoang" not in refused.text_plain
    [listing] = await binh.send("/baocaocuatoi")
    assert "chưa có báo cáo nào" in listing.text_plain
    [still] = await ward.reports()
    assert still.status == "active"
