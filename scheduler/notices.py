"""What each duty says and to whom: the notices an occurrence puts in the outbox, each under a
key naming its kind, period, unit and recipient, so no catch-up or second scheduler repeats it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from chat import actions
from chat.replies import Button, Reply, Say, SendFile
from chat.texts import Texts
from config.quiet_hours import QuietHours
from reports.campaigns import Campaign
from reports.labels import period_label
from reports.periods import Period, month, rating_year_of
from reports.phases import phase_containing
from reports.rating_rules import load_rating_rules
from scheduler.duties import Duty
from storage.accounts import notice_to
from storage.database import Database
from storage.members import blocked_members, reachable_members_of_units
from storage.models import Member, Unit
from storage.outbox import Notice
from storage.reports import teams_with_reports
from storage.schedule import submitted_wards
from storage.units import all_units
from summaries.jobs import JobContext, team_summary
from summaries.packages import ward_package

log = logging.getLogger(__name__)

GOOD_DEED = "good_deed"
WARD = "commune"
TEAM = "team"
TEAM_ROLES = frozenset({"member", "deputy", "leader"})
TEAM_LEAD_ROLES = frozenset({"leader", "deputy"})
DIGEST_ROLES = frozenset({"officer"})
DEADLINE_ROLES = frozenset({"officer", "leadership"})
DEFAULT_DEADLINE = (10, 11)  # "trước ngày 10/11" [seed 003]


@dataclass(frozen=True)
class Tree:
    """The units, to find a ward's teams."""

    units: list[Unit]

    def wards(self) -> list[Unit]:
        return [unit for unit in self.units if unit.kind == WARD and unit.closed_at is None]

    def teams_under(self, ward_id: int) -> list[Unit]:
        children: dict[int, list[Unit]] = {}
        for unit in self.units:
            if unit.parent_id is not None:
                children.setdefault(unit.parent_id, []).append(unit)
        found: list[Unit] = []
        stack = [ward_id]
        while stack:
            for child in children.get(stack.pop(), []):
                stack.append(child.id)
                if child.kind == TEAM and child.closed_at is None:
                    found.append(child)
        return sorted(found, key=lambda unit: unit.id)


class NoticeWriter:
    """Turns one occurrence of a duty into notices, or None when it is no longer useful."""

    def __init__(
        self,
        db: Database,
        texts: Texts,
        campaign: Campaign,
        quiet: QuietHours,
        zone: ZoneInfo,
    ) -> None:
        self.db = db
        self.zone = zone
        self.texts = texts
        self.campaign = campaign
        self.quiet = quiet

    async def notices(
        self, duty: Duty, due_at: dt.datetime, now: dt.datetime
    ) -> list[Notice] | None:
        """The notices owed for `duty` falling due at `due_at`, written at `now` (local)."""
        if duty.is_reminder and (now.date() != due_at.date() or now >= self.quiet.evening(due_at)):
            log.info(
                "dropped %s due %s: its day has passed", duty.id, due_at.strftime("%Y-%m-%d %H:%M")
            )
            return None
        not_before = self.quiet.next_morning(now) if self.quiet.covers(now) else None
        async with self.db.read() as session:
            tree = Tree(await all_units(session))
        if duty.kind == "good-deed-reminder":
            found = await self._good_deed_reminders(tree, due_at)
        elif duty.kind == "monthly-digest":
            last_month = due_at.date().replace(day=1) - dt.timedelta(days=1)
            period = month(last_month.year, last_month.month)
            found = await self._digests(tree, period, f"digest:month:{period.start:%Y-%m}", now)
        elif duty.kind == "phase-digest":
            phase = phase_containing(self.campaign, due_at.date() - dt.timedelta(days=1))
            if phase is None:
                return []
            key = f"digest:phase:{self.campaign.id}:{phase.name}"
            found = await self._digests(tree, phase, key, now)
        elif duty.kind == "deadline-reminder":
            found = await self._deadline_reminders(tree, due_at, now)
        else:
            found = await self._weekly_summaries(tree, due_at, now)
        return [replace(n, not_before=not_before) for n in found]

    # -- the monthly good deed -------------------------------------------------------------

    async def _good_deed_reminders(self, tree: Tree, due_at: dt.datetime) -> list[Notice]:
        today = due_at.date()
        this_month = month(today.year, today.month)
        days_left = (this_month.end - today).days + 1
        notices: list[Notice] = []
        async with self.db.read() as session:
            for ward in tree.wards():
                teams = tree.teams_under(ward.id)
                done = await teams_with_reports(
                    session, {team.id for team in teams}, GOOD_DEED, this_month.start, today
                )
                waiting = [team for team in teams if team.id not in done]
                members = await reachable_members_of_units(session, {team.id for team in waiting})
                for team in waiting:
                    text = self.texts(
                        "remind-good-deed",
                        team=team.name,
                        month=f"{today:%m/%Y}",
                        days=days_left,
                    )
                    key = f"remind:good-deed:{today:%Y-%m-%d}:{team.id}"
                    group = team.group_chat_id
                    if group is not None:
                        notices.append(Notice(f"{key}:group", str(group), _say(text)))
                        continue
                    button = Button(
                        label=self.texts.label("remind-good-deed-button"),
                        action=actions.MenuChoice(GOOD_DEED).encode(),
                    )
                    for member in members:
                        if member.unit_id == team.id and member.role in TEAM_ROLES:
                            notices += _to_member(
                                member, f"{key}:{member.id}", [_say(text, button)]
                            )
        return notices

    # -- digests to the ward police --------------------------------------------------------

    async def _digests(
        self, tree: Tree, period: Period, key: str, now: dt.datetime
    ) -> list[Notice]:
        notices: list[Notice] = []
        for ward in tree.wards():
            async with self.db.read() as session:
                officers = [
                    member
                    for member in await reachable_members_of_units(session, {ward.id})
                    if member.role in DIGEST_ROLES
                ]
                if not officers:
                    continue
                package = await ward_package(
                    session, ward, self.campaign, period, now.date(), self.zone
                )
                unreachable = await self._unreachable(session, tree, ward, period)
            parts: list[Reply] = [Say(text=part) for part in package.digest]
            parts += unreachable
            parts += [SendFile.of(name, data) for name, data in package.files.items()]
            for officer in officers:
                notices += _to_member(officer, f"{key}:{ward.id}:{officer.id}", parts)
        return notices

    async def _unreachable(
        self, session: AsyncSession, tree: Tree, ward: Unit, period: Period
    ) -> list[Reply]:
        """A line naming the members who blocked the bot, so the ward can call them."""
        teams = {team.id: team.name for team in tree.teams_under(ward.id)}
        blocked = await blocked_members(session, set(teams))
        if not blocked:
            return []
        lines = [
            self.texts("digest-blocked-title", count=len(blocked), period=period_label(period))
        ]
        lines += [
            self.texts(
                "digest-blocked-line",
                name=member.full_name,
                team=teams[member.unit_id],
                since=f"{member.blocked_at.astimezone(self.zone):%d/%m/%Y}"
                if member.blocked_at
                else "",
            )
            for member in blocked
        ]
        return [Say(text="\n".join(lines))]

    # -- the yearly report deadline --------------------------------------------------------

    async def _deadline_reminders(
        self, tree: Tree, due_at: dt.datetime, now: dt.datetime
    ) -> list[Notice]:
        today = due_at.date()
        deadline = self._deadline(today.year)
        if today >= deadline:
            return []
        period = rating_year_of(today, load_rating_rules().year_starts)
        notices: list[Notice] = []
        async with self.db.read() as session:
            done = await submitted_wards(session, deadline.year)
        for ward in tree.wards():
            if ward.id in done:
                continue
            async with self.db.read() as session:
                people = [
                    member
                    for member in await reachable_members_of_units(session, {ward.id})
                    if member.role in DEADLINE_ROLES
                ]
                if not people:
                    continue
                package = await ward_package(
                    session, ward, self.campaign, period, now.date(), self.zone
                )
            text = self.texts(
                "deadline-reminder",
                year=str(deadline.year),
                ward=ward.name,
                deadline=f"{deadline:%d/%m/%Y}",
                days=(deadline - today).days,
            )
            button = Button(
                label=self.texts.label("deadline-submitted-button"),
                action=actions.YearlyReportSent(ward.id, deadline.year).encode(),
            )
            files: list[Reply] = [
                SendFile.of(name, data)
                for name, data in package.files.items()
                if not name.endswith(".png")
            ]
            key = f"deadline:{today:%Y-%m-%d}:{ward.id}"
            for person in people:
                message = _say(text, button) if person.role == "officer" else _say(text)
                notices += _to_member(person, f"{key}:{person.id}", [message, *files])
        return notices

    def _deadline(self, year: int) -> dt.date:
        """The day the yearly report must be in by ("trước ngày 10/11": the 10th itself)."""
        if self.campaign.report_before is not None:
            return self.campaign.report_before.of(year)
        day, number = DEFAULT_DEADLINE
        return dt.date(year, number, day)

    # -- the weekly summary to team leaders ------------------------------------------------

    async def _weekly_summaries(
        self, tree: Tree, due_at: dt.datetime, now: dt.datetime
    ) -> list[Notice]:
        notices: list[Notice] = []
        context = JobContext(self.db, self.texts, now, self.zone, self.campaign)
        for ward in tree.wards():
            for team in tree.teams_under(ward.id):
                async with self.db.read() as session:
                    leads = [
                        member
                        for member in await reachable_members_of_units(session, {team.id})
                        if member.role in TEAM_LEAD_ROLES
                    ]
                if not leads:
                    continue
                replies = await team_summary(context, {"team_id": team.id})
                key = f"weekly:{due_at:%Y-%m-%d}:{team.id}"
                for lead in leads:
                    notices += _to_member(lead, f"{key}:{lead.id}", replies)
        return notices


def _say(text: str, *buttons: Button) -> dict[str, Any]:
    return Say(text=text, buttons=[[button] for button in buttons]).model_dump(mode="json")


def _to_member(member: Member, key: str, parts: Sequence[Reply | dict[str, Any]]) -> list[Notice]:
    """One notice per part, numbered, to the member's chosen messenger."""
    notices = [
        notice_to(
            member,
            f"{key}:{number}",
            part if isinstance(part, dict) else part.model_dump(mode="json"),
        )
        for number, part in enumerate(parts)
    ]
    return [notice for notice in notices if notice is not None]
