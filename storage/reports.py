"""Reports members logged, and the counts the conversation shows back to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import Attachment, Report


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
) -> Report:
    """Store a confirmed report with its photos."""
    report = Report(
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


async def recent_reports_of(session: AsyncSession, author_id: int, limit: int) -> list[Report]:
    """A member's newest reports, with their photos."""
    query = (
        select(Report)
        .where(Report.author_id == author_id, Report.status == "active")
        .order_by(Report.id.desc())
        .limit(limit)
        .options(selectinload(Report.attachments))
    )
    return list((await session.scalars(query)).all())


async def reports_of_team(session: AsyncSession, team_id: int) -> list[Report]:
    """Every active report of a team, oldest first."""
    query = (
        select(Report)
        .where(Report.team_id == team_id, Report.status == "active")
        .order_by(Report.id)
        .options(selectinload(Report.attachments))
    )
    return list((await session.scalars(query)).all())
