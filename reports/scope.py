"""What a summary looks at: the teams under a unit, their members, and their reports in a period."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from reports.call_outs import CallOutTimes
from reports.periods import Period, majority_months, started
from reports.records import (
    CalledPerson,
    MemberRecord,
    PoliceFigures,
    RecordSet,
    ReportRecord,
    UnitRecord,
)
from reports.unit_tree import UnitTree
from reports.work import Activity


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
    called: dict[int, list[CalledPerson]] = {}
    for person in records.called:
        called.setdefault(person.team_id, []).append(person)
    for ward in tree.under(unit_id, "commune"):
        below = sorted(tree.ids_below(ward.id))
        yield (
            ward,
            RecordSet(
                units=tree.family(ward.id),
                members=tuple(member for unit in below for member in members.get(unit, ())),
                reports=tuple(report for unit in below for report in reports.get(unit, ())),
                police=tuple(entry for unit in below for entry in police.get(unit, ())),
                called=tuple(person for unit in below for person in called.get(unit, ())),
            ),
        )


@dataclass(frozen=True)
class Scope:
    """Teams, their members (all, past included) and what they did inside a period.

    What they did is `activity`, the counts every summary reads: counted from `reports` when
    they are at hand (a ward), or `counted` already (a province, from the stored counts, with
    no reports). `call_outs` are listed one by one either way: their response times count.

    The period is judged month by month on `months` (whole calendar months, reports/month_rule.py;
    by default those a period of a gapless series holds), those begun by `as_of` only; `around`
    are the reports of those months outside the period, which count for the months only.

    `called` are the members called out live from the bot in the period (closed call-outs),
    whether they came or not: "khi được huy động" counts them all."""

    period: Period
    teams: tuple[UnitRecord, ...]
    members: tuple[MemberRecord, ...]
    reports: tuple[ReportRecord, ...]
    counted: Activity | None = None
    listed_call_outs: tuple[ReportRecord, ...] | None = None
    months: tuple[Period, ...] | None = None
    as_of: date | None = None
    around: tuple[ReportRecord, ...] = ()
    called: tuple[CalledPerson, ...] = ()

    @cached_property
    def judged_months(self) -> tuple[Period, ...]:
        """The whole calendar months the period is judged on, begun by `as_of`."""
        months = majority_months(self.period) if self.months is None else self.months
        return started(months, self.as_of)

    @cached_property
    def activity(self) -> Activity:
        """What each team and member did, month by month."""
        if self.counted is not None:
            return self.counted
        return Activity.of_reports(self.period, (*self.reports, *self.around), self.judged_months)

    @cached_property
    def call_outs(self) -> tuple[ReportRecord, ...]:
        """The period's call-outs, by day."""
        if self.listed_call_outs is not None:
            return self.listed_call_outs
        return tuple(report for report in self.reports if report.kind == "call_out")

    @cached_property
    def _members_by_team(self) -> dict[int, tuple[MemberRecord, ...]]:
        found: dict[int, list[MemberRecord]] = {}
        for member in self.members:
            found.setdefault(member.unit_id, []).append(member)
        return {team_id: tuple(members) for team_id, members in found.items()}

    @cached_property
    def _reports_by_team(self) -> dict[int, tuple[ReportRecord, ...]]:
        found: dict[int, list[ReportRecord]] = {}
        for report in self.reports:
            found.setdefault(report.team_id, []).append(report)
        return {team_id: tuple(reports) for team_id, reports in found.items()}

    @cached_property
    def call_out_times(self) -> tuple[CallOutTimes, ...]:
        """The call-outs' times, read once from their answers."""
        return tuple(CallOutTimes.of(report) for report in self.call_outs)

    @cached_property
    def _call_outs_by_team(
        self,
    ) -> dict[int, tuple[tuple[ReportRecord, ...], tuple[CallOutTimes, ...]]]:
        found: dict[int, tuple[list[ReportRecord], list[CallOutTimes]]] = {}
        for report, times in zip(self.call_outs, self.call_out_times, strict=True):
            reports, read = found.setdefault(report.team_id, ([], []))
            reports.append(report)
            read.append(times)
        return {
            team_id: (tuple(reports), tuple(read)) for team_id, (reports, read) in found.items()
        }

    @cached_property
    def _called_by_team(self) -> dict[int, tuple[CalledPerson, ...]]:
        found: dict[int, list[CalledPerson]] = {}
        for person in self.called:
            found.setdefault(person.team_id, []).append(person)
        return {team_id: tuple(people) for team_id, people in found.items()}

    def called_of(self, team_id: int) -> tuple[CalledPerson, ...]:
        """The team's members called out live in the period."""
        return self._called_by_team.get(team_id, ())

    def members_of(self, team_id: int) -> tuple[MemberRecord, ...]:
        """Everyone who ever belonged to the team."""
        return self._members_by_team.get(team_id, ())

    def reports_of_team(self, team_id: int) -> tuple[ReportRecord, ...]:
        """The team's reports (none when the scope was counted without them)."""
        return self._reports_by_team.get(team_id, ())

    def active_members(self, day: date | None = None) -> tuple[MemberRecord, ...]:
        """Members belonging to their team on `day` (the period's last day by default)."""
        when = day or self.period.end
        return tuple(member for member in self.members if member.active_on(when))

    def for_team(self, team: UnitRecord) -> Scope:
        """The same period narrowed to one team (its counts and call-outs taken from this
        scope's, nothing read again)."""
        call_outs, times = self._call_outs_by_team.get(team.id, ((), ()))
        own = Scope(
            self.period,
            (team,),
            self.members_of(team.id),
            self.reports_of_team(team.id),
            self.activity.narrowed(team.id),
            call_outs,
            self.months,
            self.as_of,
            called=self.called_of(team.id),
        )
        own.__dict__["call_out_times"] = times  # where cached_property keeps its value
        return own

    def counted_only(self) -> Scope:
        """The same scope with its counts and call-outs but without its reports (what a
        province keeps of each ward, and what a ward counted from storage looks like)."""
        return Scope(
            self.period,
            self.teams,
            self.members,
            (),
            self.activity,
            self.call_outs,
            self.months,
            self.as_of,
            called=self.called,
        )


def scope_of(
    records: RecordSet,
    unit_id: int,
    period: Period,
    months: tuple[Period, ...] | None = None,
    as_of: date | None = None,
) -> Scope:
    """The teams at or below `unit_id`, with their members and their reports in `period` (and
    those of its `months` outside it, which count for the months only), as of a day."""
    teams = units_under(records, unit_id, "team")
    team_ids = {team.id for team in teams}
    members = tuple(
        sorted(
            (member for member in records.members if member.unit_id in team_ids),
            key=lambda member: member.id,
        )
    )
    judged = started(majority_months(period) if months is None else months, as_of)
    inside: list[ReportRecord] = []
    around: list[ReportRecord] = []
    for report in records.reports:
        if report.team_id not in team_ids:
            continue
        if period.contains(report.occurred_on):
            inside.append(report)
        elif any(whole.contains(report.occurred_on) for whole in judged):
            around.append(report)

    def by_day(report: ReportRecord) -> tuple[date, int]:
        return report.occurred_on, report.id

    return Scope(
        period,
        teams,
        members,
        tuple(sorted(inside, key=by_day)),
        months=months,
        as_of=as_of,
        around=tuple(sorted(around, key=by_day)),
        called=tuple(
            person
            for person in records.called
            if person.team_id in team_ids and period.contains(person.day)
        ),
    )
