"""The rule book for reports: who may read, change or delete which report. Handlers ask here."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, Report, Unit
from storage.units import ancestors

POLICE_ROLES = frozenset({"officer"})
# Ward leadership (lãnh đạo UBND) reads the ward's summaries, not single reports.
SUMMARY_ROLES = frozenset({"officer", "leadership"})
TEAM_LEAD_ROLES = frozenset({"leader", "deputy"})


async def may_read_report(
    session: AsyncSession, viewer: Member, report: Report, *, police_only: bool
) -> bool:
    """The author always; the police of the report's ward; the team itself unless the kind is
    for the police only (tips, reintegration)."""
    if report.author_id == viewer.id:
        return True
    if viewer.role in POLICE_ROLES:
        team = await session.get(Unit, report.team_id)
        above = await ancestors(session, team) if team is not None else []
        return viewer.unit_id in {report.team_id, *(unit.id for unit in above)}
    if police_only:
        return False
    return viewer.unit_id == report.team_id


def may_summarise(viewer: Member, unit: Unit) -> bool:
    """Ward summaries are for the police and the leadership of that ward."""
    return viewer.role in SUMMARY_ROLES and viewer.unit_id == unit.id


def may_enter_police_figures(viewer: Member, unit: Unit) -> bool:
    """Only the ward's police enter the figures only they know."""
    return viewer.role in POLICE_ROLES and viewer.unit_id == unit.id


def may_see_team_summary(viewer: Member, team: Unit) -> bool:
    """A team's leader and deputy see their own team's month."""
    return viewer.role in TEAM_LEAD_ROLES and viewer.unit_id == team.id


def may_change_report(
    viewer: Member, report: Report, now: dt.datetime, window: dt.timedelta
) -> bool:
    """Only the author, only while the report is active and younger than the edit window."""
    return (
        report.author_id == viewer.id
        and report.status == "active"
        and now - report.created_at <= window
    )


def may_mark_yearly_report(viewer: Member, ward: Unit) -> bool:
    """Only the ward's police say the ward's yearly report has been sent."""
    return viewer.role in POLICE_ROLES and viewer.unit_id == ward.id
