"""What a summary looks at: the teams under a unit, their members, and their reports in a period."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reports.periods import Period
from reports.records import MemberRecord, RecordSet, ReportRecord, UnitRecord


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Order "Tổ 2" before "Tổ 10"."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts if part)


def unit_by_id(records: RecordSet, unit_id: int) -> UnitRecord:
    """The unit with this id (KeyError when there is none)."""
    for unit in records.units:
        if unit.id == unit_id:
            return unit
    raise KeyError(f"no unit {unit_id}")


def units_under(records: RecordSet, root_id: int, kind: str) -> tuple[UnitRecord, ...]:
    """Units of `kind` anywhere below `root_id` (or the root itself), in natural name order."""
    children: dict[int | None, list[UnitRecord]] = {}
    for unit in records.units:
        children.setdefault(unit.parent_id, []).append(unit)
    found: list[UnitRecord] = []
    stack = [unit_by_id(records, root_id)]
    seen: set[int] = set()
    while stack:
        unit = stack.pop()
        if unit.id in seen:
            continue
        seen.add(unit.id)
        if unit.kind == kind:
            found.append(unit)
        stack.extend(children.get(unit.id, []))
    return tuple(sorted(found, key=lambda unit: (natural_key(unit.name), unit.id)))


def ancestor_of_kind(records: RecordSet, unit_id: int, kind: str) -> UnitRecord | None:
    """The nearest unit of `kind` at or above `unit_id`."""
    by_id = {unit.id: unit for unit in records.units}
    current = by_id.get(unit_id)
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        if current.kind == kind:
            return current
        seen.add(current.id)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return None


@dataclass(frozen=True)
class Scope:
    """Teams, their members (all, past included) and their reports inside a period."""

    period: Period
    teams: tuple[UnitRecord, ...]
    members: tuple[MemberRecord, ...]
    reports: tuple[ReportRecord, ...]

    def members_of(self, team_id: int) -> tuple[MemberRecord, ...]:
        """Everyone who ever belonged to the team."""
        return tuple(member for member in self.members if member.unit_id == team_id)

    def active_members(self, day: date | None = None) -> tuple[MemberRecord, ...]:
        """Members belonging to their team on `day` (the period's last day by default)."""
        when = day or self.period.end
        return tuple(member for member in self.members if member.active_on(when))

    def reports_of(self, kinds: Iterable[str]) -> tuple[ReportRecord, ...]:
        """The period's reports of the given kinds."""
        wanted = set(kinds)
        return tuple(report for report in self.reports if report.kind in wanted)

    def for_team(self, team: UnitRecord) -> Scope:
        """The same period narrowed to one team."""
        return Scope(
            self.period,
            (team,),
            self.members_of(team.id),
            tuple(report for report in self.reports if report.team_id == team.id),
        )


def scope_of(records: RecordSet, unit_id: int, period: Period) -> Scope:
    """The teams at or below `unit_id`, with their members and their reports in `period`."""
    teams = units_under(records, unit_id, "team")
    team_ids = {team.id for team in teams}
    members = tuple(
        sorted(
            (member for member in records.members if member.unit_id in team_ids),
            key=lambda member: member.id,
        )
    )
    reports = tuple(
        sorted(
            (
                report
                for report in records.reports
                if report.team_id in team_ids and period.contains(report.occurred_on)
            ),
            key=lambda report: (report.occurred_on, report.id),
        )
    )
    return Scope(period, teams, members, reports)
