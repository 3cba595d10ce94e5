"""A report corrected from the last day of a phase to the first day of the next counts in the
phase it now says, and only there."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from storage.database import Database
from storage.models import Member, utcnow
from storage.reports import add_report, change_report, report_by_id
from storage.units import add_unit
from summaries.packages import campaign_named, parse_period
from summaries.record_sets import load_record_set

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_report_edited_across_a_phase_boundary(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate()
    campaign = campaign_named("hai-an-2024")
    first, second = (parse_period(f"phase:Đợt {n}", campaign) for n in (1, 2))
    assert (first.end, second.start) == (dt.date(2025, 2, 3), dt.date(2025, 2, 4))
    now = utcnow()
    async with db.write() as session:
        ward = await add_unit(session, "Phường Đằng Lâm", "commune")
        team = await add_unit(session, "Tổ 3", "team", ward)
        member = Member(full_name="Hoa", role="member", unit_id=team.id, consent_at=now)
        session.add(member)
        await session.flush()
        report = await add_report(
            session,
            kind="good_deed",
            team_id=team.id,
            author_id=member.id,
            occurred_on=first.end,
            payload={"what": "Dọn vệ sinh"},
            photos=[],
            source_update_id=None,
            now=now,
        )
    async with db.read() as session:
        in_first = await load_record_set(session, ward.id, first.start, first.end, ZONE)
        in_second = await load_record_set(session, ward.id, second.start, second.end, ZONE)
    assert [r.id for r in in_first.reports] == [report.id]
    assert in_second.reports == ()

    async with db.write() as session:
        stored = await report_by_id(session, report.id)
        assert stored is not None
        await change_report(
            session,
            stored,
            member.id,
            occurred_on=second.start,
            payload={"what": "Dọn vệ sinh"},
            photos=[],
            now=now,
        )
    async with db.read() as session:
        in_first = await load_record_set(session, ward.id, first.start, first.end, ZONE)
        in_second = await load_record_set(session, ward.id, second.start, second.end, ZONE)
    assert in_first.reports == ()
    assert [r.id for r in in_second.reports] == [report.id]
    await db.dispose()
