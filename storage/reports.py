"""Reports members logged, and the counts the conversation shows back to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import Attachment, Report, ReportChange
from storage.work_counts import recount


async def add_report(
    session: AsyncSession,
    *,
    kind: str,
    team_id: int,
    author_id: int,
    occurred_on: dt.date,
    payload: dict[str, Any],
    photos: list[str],
    source_update_id: int | None,
    now: dt.datetime,
) -> Report:
    """Store a confirmed report with its photos, sent at `now`."""
    report = Report(
        created_at=now,
        kind=kind,
        team_id=team_id,
        author_id=author_id,
        occurred_on=occurred_on,
        payload=payload,
        source_update_id=source_update_id,
        attachments=[Attachment(kind="photo", file_id=file_id) for file_id in photos],
    )
    session.add(report)
    await session.flush()
    await recount(session, [(team_id, occurred_on)])
    return report


async def count_team_reports(
    session: AsyncSession, team_id: int, kind: str, first_day: dt.date, last_day: dt.date
) -> int:
    """How many active reports of a kind a team has between two days, inclusive."""
    query = select(func.count(Report.id)).where(
        Report.team_id == team_id,
        Report.kind == kind,
        Report.status == "active",
        Report.occurred_on.between(first_day, last_day),
    )
    return int((await session.scalar(query)) or 0)


async def reports_of_team(session: AsyncSession, team_id: int) -> list[Report]:
    """Every active report of a team, oldest first."""
    query = (
        select(Report)
        .where(Report.team_id == team_id, Report.status == "active")
        .order_by(Report.id)
        .options(selectinload(Report.attachments))
    )
    return list((await session.scalars(query)).all())


async def report_by_id(session: AsyncSession, report_id: int) -> Report | None:
    """One report with its photos, whatever its status."""
    query = select(Report).where(Report.id == report_id).options(selectinload(Report.attachments))
    return (await session.scalars(query)).first()


async def reports_of_author_between(
    session: AsyncSession, author_id: int, first_day: dt.date, last_day: dt.date
) -> list[Report]:
    """A member's active reports that happened between two days, newest first."""
    query = (
        select(Report)
        .where(
            Report.author_id == author_id,
            Report.status == "active",
            Report.occurred_on.between(first_day, last_day),
        )
        .order_by(Report.occurred_on.desc(), Report.id.desc())
        .options(selectinload(Report.attachments))
    )
    return list((await session.scalars(query)).all())


def _snapshot(report: Report) -> dict[str, Any]:
    return {
        "payload": report.payload,
        "occurred_on": report.occurred_on.isoformat(),
        "photos": [attachment.file_id for attachment in report.attachments],
    }


async def change_report(
    session: AsyncSession,
    report: Report,
    member_id: int,
    *,
    occurred_on: dt.date,
    payload: dict[str, Any],
    photos: list[str],
    now: dt.datetime,
) -> None:
    """Replace a report's content, keeping what it said before in the audit trail."""
    before = _snapshot(report)
    moved_from = report.occurred_on
    report.payload = payload
    report.occurred_on = occurred_on
    report.attachments = [Attachment(kind="photo", file_id=file_id) for file_id in photos]
    report.updated_at = now
    session.add(
        ReportChange(
            report_id=report.id,
            member_id=member_id,
            action="edit",
            before=before,
            after=_snapshot(report),
            at=now,
        )
    )
    await session.flush()
    # Its day may have moved to another half-month: both are counted again.
    await recount(session, [(report.team_id, moved_from), (report.team_id, occurred_on)])


async def delete_report(
    session: AsyncSession, report: Report, member_id: int, now: dt.datetime
) -> None:
    """Take a report out of every count and view; the audit trail keeps its content."""
    session.add(
        ReportChange(
            report_id=report.id,
            member_id=member_id,
            action="delete",
            before=_snapshot(report),
            after=None,
            at=now,
        )
    )
    report.status = "deleted"
    report.updated_at = now
    await session.flush()
    await recount(session, [(report.team_id, report.occurred_on)])


async def changes_of(session: AsyncSession, report_id: int) -> list[ReportChange]:
    """A report's audit trail, oldest first."""
    query = (
        select(ReportChange).where(ReportChange.report_id == report_id).order_by(ReportChange.id)
    )
    return list((await session.scalars(query)).all())


async def teams_with_reports(
    session: AsyncSession, team_ids: set[int], kind: str, first: dt.date, last: dt.date
) -> set[int]:
    """Which of these teams have an active report of `kind` dated between `first` and `last`."""
    if not team_ids:
        return set()
    rows = await session.scalars(
        select(Report.team_id)
        .where(
            Report.team_id.in_(team_ids),
            Report.kind == kind,
            Report.status == "active",
            Report.occurred_on >= first,
            Report.occurred_on <= last,
        )
        .distinct()
    )
    return set(rows.all())
