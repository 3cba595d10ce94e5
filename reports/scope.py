"""What a summary looks at: the teams under a unit, their members, and their reports in a period."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from reports.periods import Period
from reports.records import MemberRecord, PoliceFigures, RecordSet, ReportRecord, UnitRecord
from reports.report_index import ReportIndex
from reports.unit_tree import UnitTree


def unit_by_id(records: RecordSet, unit_id: int) -> UnitRecord:
    """The unit with this id (KeyError when there is none)."""
    for unit in records.units:
        if unit.id == unit_id:
            return unit
    raise KeyError(f"no unit {unit_id}")


def units_under(records: RecordSet, root_id: int, kind: str) -> tuple[UnitRecord, ...]:
    """Units of `kind` anywhere below `root_id` (or the root itself), in natural name order."""
    return UnitTree(records.units).under(root_id, kind)


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


def ward_record_sets(records: RecordSet, unit_id: int) -> Iterator[tuple[UnitRecord, RecordSet]]:
    """Each commune/ward under a unit with a record set of its own (its units and those above
    it, its members, reports and police figures), the records sorted out in one pass."""
    tree = UnitTree(records.units)
    members: dict[int, list[MemberRecord]] = {}
    for member in records.members:
        members.setdefault(member.unit_id, []).append(member)
    reports: dict[int, list[ReportRecord]] = {}
    for report in records.reports:
        reports.setdefault(report.team_id, []).append(report)
    police: dict[int, list[PoliceFigures]] = {}
    for entry in records.police:
        police.setdefault(entry.ward_id, []).append(entry)
    for ward in tree.under(unit_id, "commune"):
        below = sorted(tree.ids_below(ward.id))
        yield (
            ward,
            RecordSet(
                units=tree.family(ward.id),
                members=tuple(member for unit in below for member in members.get(unit, ())),
                reports=tuple(report for unit in below for report in reports.get(unit, ())),
                police=tuple(entry for unit in below for entry in police.get(unit, ())),
            ),
        )


@dataclass(frozen=True)
class Scope:
    """Teams, their members (all, past included) and their reports inside a period."""

    period: Period
    teams: tuple[UnitRecord, ...]
    members: tuple[MemberRecord, ...]
    reports: tuple[ReportRecord, ...]

    @cached_property
    def index(self) -> ReportIndex:
        """The reports by team, member and month, built on first use."""
        return ReportIndex.build(self.period, self.members, self.reports)

    def members_of(self, team_id: int) -> tuple[MemberRecord, ...]:
        """Everyone who ever belonged to the team."""
        return self.index.members_of(team_id)

    def active_members(self, day: date | None = None) -> tuple[MemberRecord, ...]:
        """Members belonging to their team on `day` (the period's last day by default)."""
        when = day or self.period.end
        return tuple(member for member in self.members if member.active_on(when))

    def reports_of(self, kinds: Iterable[str]) -> tuple[ReportRecord, ...]:
        """The period's reports of the given kinds."""
        wanted = set(kinds)
        return tuple(report for report in self.reports if report.kind in wanted)

    def for_team(self, team: UnitRecord) -> Scope:
        """The same period narrowed to one team (sharing this scope's index)."""
        own = Scope(self.period, (team,), self.members_of(team.id), self.index.reports_of(team.id))
        # Where cached_property keeps its value: the team's scope reuses this index.
        own.__dict__["index"] = self.index.narrowed(self.period, team.id)
        return own


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
