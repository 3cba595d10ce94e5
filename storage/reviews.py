"""The ward police's review of a report (a tip valuable or not, a model acknowledged and by
whom): kept in the report's payload, each decision in the audit trail with who made it and
when, and the team's half-month counted again in the same transaction, so summaries count it
at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Report, ReportChange
from storage.work_counts import recount

REVIEW = "review"  # the audit trail's action for a decision of the police


async def record_review(
    session: AsyncSession,
    report: Report,
    reviewer_id: int,
    decision: dict[str, Any],
    now: dt.datetime,
) -> bool:
    """Write `decision` (payload keys; None takes a key away) into the report; the audit trail
    keeps what those keys said before, what they say now, who decided and when. False, and
    nothing written, when the report already says exactly that."""
    before = {key: report.payload.get(key) for key in decision}
    if before == decision:
        return False
    merged = {**report.payload, **decision}
    report.payload = {key: value for key, value in merged.items() if value is not None}
    session.add(
        ReportChange(
            report_id=report.id,
            member_id=reviewer_id,
            action=REVIEW,
            before=before,
            after=dict(decision),
            at=now,
        )
    )
    await session.flush()
    await recount(session, [(report.team_id, report.occurred_on)])
    return True


async def reports_of_teams(
    session: AsyncSession, team_ids: Iterable[int], kind: str
) -> list[Report]:
    """The active reports of `kind` of these teams, the newest sent first."""
    teams = sorted(set(team_ids))
    if not teams:
        return []
    query = (
        select(Report)
        .where(Report.team_id.in_(teams), Report.kind == kind, Report.status == "active")
        .order_by(Report.created_at.desc(), Report.id.desc())
    )
    return list((await session.scalars(query)).all())


async def reviews_of(session: AsyncSession, report_id: int) -> list[ReportChange]:
    """Every decision of the police about a report, oldest first."""
    query = (
        select(ReportChange)
        .where(ReportChange.report_id == report_id, ReportChange.action == REVIEW)
        .order_by(ReportChange.id)
    )
    return list((await session.scalars(query)).all())
