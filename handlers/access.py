"""The rule book: who may read or change what, at which unit. Every handler asks here; none
carries a check of its own.

A role reaches either its OWN unit only, or its unit and everything BELOW it in the tree. A
request about a unit elsewhere (a sibling team, the parent ward, another ward) is refused."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, Report, Unit
from storage.units import ancestors


class Action(enum.StrEnum):
    """Everything the rule book decides, beyond single reports."""

    SUMMARY = "summary"  # /baocao: a ward's digest and files, or a province's roll-up
    TEAM_SUMMARY = "team-summary"  # a team's month so far
    POLICE_FIGURES = "police-figures"  # /solieu: figures only the police know
    MANAGE_UNITS = "manage-units"  # create and rename teams and residential groups, planned size
    SEE_MEMBERS = "see-members"  # a team's members and what is waiting
    MANAGE_MEMBERS = "manage-members"  # move or remove a member
    INVITE_MEMBERS = "invite-members"  # invites for the role "member"
    INVITE_LEADERS = "invite-leaders"  # invites for leaders and deputies
    REVOKE_INVITES = "revoke-invites"
    DECIDE_JOINS = "decide-joins"  # approve or reject join requests
    WARD_SETTINGS = "ward-settings"  # auto-approve and the like
    LINK_GROUP = "link-group"  # link a team's Telegram group
    EXPORT_ROSTER = "export-roster"  # the roster as a file (phone numbers, dates of birth)
    YEARLY_REPORT = "yearly-report"  # say the ward's yearly report is sent (reminders stop)
    # Mark a tip of the ward valuable or not, a model acknowledged and by whom (asked about
    # the report's ward: only that ward's own police)
    REVIEW_REPORTS = "review-reports"
    # Call a team (or the whole ward) out now: alerts day and night, answers, arrival times
    DISPATCH = "dispatch"


class Reach(enum.Enum):
    """How far a grant goes from the person's own unit."""

    OWN = "own"
    BELOW = "below"


OWN, BELOW = Reach.OWN, Reach.BELOW
TEAM_ROLES = ("member", "deputy", "leader")

_TEAM_LEAD: dict[Action, Reach] = {
    Action.TEAM_SUMMARY: OWN,
    Action.SEE_MEMBERS: OWN,
    Action.INVITE_MEMBERS: OWN,
    Action.REVOKE_INVITES: OWN,
    Action.DECIDE_JOINS: OWN,
}
_SETUP: dict[Action, Reach] = {
    Action.MANAGE_UNITS: BELOW,
    Action.SEE_MEMBERS: BELOW,
    Action.MANAGE_MEMBERS: BELOW,
    Action.INVITE_MEMBERS: BELOW,
    Action.INVITE_LEADERS: BELOW,
    Action.REVOKE_INVITES: BELOW,
    Action.DECIDE_JOINS: BELOW,
    Action.WARD_SETTINGS: BELOW,
    Action.LINK_GROUP: BELOW,
}

# role -> what it may do, and how far from its own unit.
RULES: dict[str, dict[Action, Reach]] = {
    "member": {},
    "deputy": _TEAM_LEAD,
    "leader": {**_TEAM_LEAD, Action.LINK_GROUP: OWN, Action.DISPATCH: OWN},
    # The ward police (cán bộ Công an phường): everything about their ward.
    "officer": {
        **_SETUP,
        Action.SUMMARY: OWN,
        Action.TEAM_SUMMARY: BELOW,
        Action.POLICE_FIGURES: OWN,
        Action.EXPORT_ROSTER: OWN,
        Action.YEARLY_REPORT: OWN,
        Action.REVIEW_REPORTS: OWN,
        Action.DISPATCH: BELOW,
    },
    # The ward leadership (lãnh đạo UBND) reads the ward's reports; it changes nothing.
    "leadership": {Action.SUMMARY: OWN, Action.TEAM_SUMMARY: BELOW},
    # Province police (PV01) read the roll-up across their wards.
    "province": {Action.SUMMARY: OWN},
    # The system admin sets wards up; reading reports and tips is not an admin's business.
    "admin": {**_SETUP, Action.EXPORT_ROSTER: BELOW},
}
# Reports of these roles' units (and below) are readable, tips included.
POLICE_ROLES = frozenset({"officer"})


async def may(session: AsyncSession, viewer: Member, action: Action, unit: Unit | None) -> bool:
    """Whether `viewer` may do `action` at `unit` (None, an unknown unit, is always refused)."""
    if unit is None or viewer.status != "active":
        return False
    reach = RULES.get(viewer.role, {}).get(action)
    if reach is None:
        return False
    if unit.id == viewer.unit_id:
        return True
    if reach is OWN:
        return False
    return viewer.unit_id in {parent.id for parent in await ancestors(session, unit)}


def grants(viewer: Member) -> frozenset[Action]:
    """Every action the viewer's role may do somewhere (to decide which menus to offer)."""
    return frozenset(RULES.get(viewer.role, {}))


def invite_action(role: str) -> Action | None:
    """The action an invite for `role` needs; None for roles only the command line invites."""
    if role == "member":
        return Action.INVITE_MEMBERS
    if role in ("deputy", "leader"):
        return Action.INVITE_LEADERS
    return None


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


def may_change_report(
    viewer: Member, report: Report, now: dt.datetime, window: dt.timedelta
) -> bool:
    """Only the author, only while the report is active and younger than the edit window."""
    return (
        report.author_id == viewer.id
        and report.status == "active"
        and now - report.created_at <= window
    )
