"""The stored units, members and reports of one unit's subtree, as the pure `reports/` package
reads them. The bridge between storage and the summaries (neither imports the other)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reports.records import MemberRecord, PoliceFigures, RecordSet, ReportRecord, UnitRecord
from storage.models import Attachment, Member, Report, Unit
from storage.police_figures import figures_between


async def load_record_set(
    session: AsyncSession,
    unit_id: int,
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
    campaign: str | None = None,
) -> RecordSet:
    """Every unit (the tree is small), the members and the active reports under `unit_id`
    that happened between the two days, and the police's figures for the campaign."""
    units = list((await session.scalars(select(Unit).order_by(Unit.id))).all())
    below = _subtree(units, unit_id)
    members = (
        await session.scalars(select(Member).where(Member.unit_id.in_(below)).order_by(Member.id))
    ).all()
    # Photos counted per report, not by grouping the whole attachments table.
    photos = (
        select(func.count(Attachment.id))
        .where(Attachment.report_id == Report.id)
        .correlate(Report)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Report, photos)
        .where(
            Report.team_id.in_(below),
            Report.status == "active",
            Report.occurred_on.between(first_day, last_day),
        )
        .order_by(Report.id)
    )
    police: list[PoliceFigures] = []
    if campaign is not None:
        # Every ward's figures under the unit: a province's roll-up reads each ward's own.
        entries = await figures_between(session, below, campaign, first_day, last_day)
        stretches: dict[tuple[int, dt.date, dt.date], dict[str, int | bool]] = {}
        for entry in entries:
            stretch = stretches.setdefault((entry.ward_id, entry.first_day, entry.last_day), {})
            stretch[entry.figure] = entry.value["value"]
        police = [
            PoliceFigures(ward_id, start, end, values)
            for (ward_id, start, end), values in sorted(stretches.items())
        ]
    return RecordSet(
        police=tuple(police),
        units=tuple(UnitRecord(u.id, u.kind, u.name, u.parent_id, u.planned_size) for u in units),
        members=tuple(
            MemberRecord(
                id=m.id,
                unit_id=m.unit_id,
                full_name=m.full_name,
                role=m.role,
                joined_on=m.joined_at.astimezone(zone).date(),
                left_on=m.left_at.astimezone(zone).date() if m.left_at else None,
            )
            for m in members
        ),
        reports=tuple(
            ReportRecord(
                id=report.id,
                kind=report.kind,
                team_id=report.team_id,
                author_id=report.author_id,
                occurred_on=report.occurred_on,
                created_at=report.created_at.astimezone(zone),
                payload=report.payload,
                photo_count=int(photos),
            )
            for report, photos in rows
        ),
    )


def _subtree(units: list[Unit], root: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    found, waiting = {root}, [root]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.add(child)
            waiting.append(child)
    return found
