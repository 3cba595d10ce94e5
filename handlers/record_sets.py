"""The stored units, members and reports of one unit's subtree, as the pure `reports/` package
reads them. The bridge between storage and the summaries (neither imports the other)."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import String, Text, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from reports.records import MemberRecord, PoliceFigures, RecordSet, ReportRecord, UnitRecord
from reports.unit_tree import UnitTree
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
    tree = UnitTree(await _units(session))
    below = tree.ids_below(unit_id)
    members = await _members(session, below, zone)
    police = await _police(session, below, campaign, first_day, last_day)
    reports = await _reports(session, below, first_day, last_day, zone)
    return RecordSet(tree.units, members, reports, police)


async def ward_record_sets(
    session: AsyncSession,
    unit_id: int,
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
    campaign: str | None = None,
) -> AsyncIterator[tuple[UnitRecord, RecordSet]]:
    """Each commune/ward under `unit_id` (in name order) with its records, loaded one ward at
    a time: a province's roll-up holds one ward's reports, not the province's. The members,
    reports and police figures are those `load_record_set` gives for the ward; the units are
    the ward's, those below it and those above it. Units, members and figures are read once."""
    tree = UnitTree(await _units(session))
    below = tree.ids_below(unit_id)
    members: dict[int, list[MemberRecord]] = {}
    for member in await _members(session, below, zone):
        members.setdefault(member.unit_id, []).append(member)
    police: dict[int, list[PoliceFigures]] = {}
    for entry in await _police(session, below, campaign, first_day, last_day):
        police.setdefault(entry.ward_id, []).append(entry)
    for ward in tree.under(unit_id, "commune"):
        ward_below = tree.ids_below(ward.id)
        yield (
            ward,
            RecordSet(
                units=tree.family(ward.id),
                members=tuple(
                    sorted(
                        (member for unit in ward_below for member in members.get(unit, ())),
                        key=lambda member: member.id,
                    )
                ),
                reports=await _reports(session, ward_below, first_day, last_day, zone),
                police=tuple(
                    entry for ward_id in sorted(ward_below) for entry in police.get(ward_id, ())
                ),
            ),
        )


async def unit_record(session: AsyncSession, unit_id: int) -> UnitRecord:
    """One unit as the summaries read it (NoResultFound when there is none)."""
    row = (
        await session.execute(
            select(Unit.id, Unit.kind, Unit.name, Unit.parent_id, Unit.planned_size).where(
                Unit.id == unit_id
            )
        )
    ).one()
    return UnitRecord(*row)


async def _units(session: AsyncSession) -> tuple[UnitRecord, ...]:
    rows = await session.execute(
        select(Unit.id, Unit.kind, Unit.name, Unit.parent_id, Unit.planned_size).order_by(Unit.id)
    )
    return tuple(UnitRecord(*row) for row in rows)


async def _members(
    session: AsyncSession, below: set[int], zone: ZoneInfo
) -> tuple[MemberRecord, ...]:
    rows = await session.execute(
        select(
            Member.id,
            Member.unit_id,
            Member.full_name,
            Member.role,
            Member.joined_at,
            Member.left_at,
        )
        .where(Member.unit_id.in_(below))
        .order_by(Member.id)
    )
    return tuple(
        MemberRecord(
            id=member_id,
            unit_id=unit_id,
            full_name=full_name,
            role=role,
            joined_on=joined_at.astimezone(zone).date(),
            left_on=left_at.astimezone(zone).date() if left_at else None,
        )
        for member_id, unit_id, full_name, role, joined_at, left_at in rows
    )


async def _police(
    session: AsyncSession,
    below: set[int],
    campaign: str | None,
    first_day: dt.date,
    last_day: dt.date,
) -> tuple[PoliceFigures, ...]:
    """Every ward's figures under the unit: a province's roll-up reads each ward's own."""
    if campaign is None:
        return ()
    entries = await figures_between(session, below, campaign, first_day, last_day)
    stretches: dict[tuple[int, dt.date, dt.date], dict[str, int | bool]] = {}
    for entry in entries:
        stretch = stretches.setdefault((entry.ward_id, entry.first_day, entry.last_day), {})
        stretch[entry.figure] = entry.value["value"]
    return tuple(
        PoliceFigures(ward_id, start, end, values)
        for (ward_id, start, end), values in sorted(stretches.items())
    )


async def _reports(
    session: AsyncSession,
    below: set[int],
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
) -> tuple[ReportRecord, ...]:
    """The active reports of the teams below, as plain columns: building ORM objects for a
    province's year (600,000 reports) cost several times the query."""
    # Photos counted per report, not by grouping the whole attachments table.
    photos = (
        select(func.count(Attachment.id))
        .where(Attachment.report_id == Report.id)
        .correlate(Report)
        .scalar_subquery()
    )
    query = (
        select(
            Report.id,
            Report.kind,
            Report.team_id,
            Report.author_id,
            # As the driver gives them (text on SQLite), read below by C parsers: SQLAlchemy's
            # own date and JSON processing took a third of a year's load.
            type_coerce(Report.occurred_on, String),
            type_coerce(Report.created_at, String),
            type_coerce(Report.payload, Text),
            photos,
        )
        .where(
            Report.team_id.in_(below),
            Report.status == "active",
            Report.occurred_on.between(first_day, last_day),
        )
        .order_by(Report.id)
    )
    connection = await session.connection()  # Core rows: the ORM's row handling is not needed
    with _collector_paused():
        rows = (await connection.execute(query)).all()
        return tuple(
            ReportRecord(
                id=row[0],
                kind=row[1],
                team_id=row[2],
                author_id=row[3],
                occurred_on=_day(row[4]),
                created_at=_utc(row[5]).astimezone(zone),
                payload=_payload(row[6]),
                photo_count=int(row[7]),
            )
            for row in rows
        )


def _day(value: dt.date | str) -> dt.date:
    """A stored date: PostgreSQL's driver gives a date, SQLite's an ISO text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _payload(value: dict[str, object] | str) -> dict[str, object]:
    """A report's answers: PostgreSQL's driver decodes them already, SQLite gives JSON text."""
    return value if isinstance(value, dict) else cast(dict[str, object], json.loads(value))


def _utc(value: dt.datetime | str) -> dt.datetime:
    """A stored UTC moment (kept without a zone) as an aware datetime."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment.replace(tzinfo=dt.UTC)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many new objects are made: none of them is garbage
    yet, and the collector would walk them again and again (most of a load's time, measured).
    Nothing is lost: collection resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
