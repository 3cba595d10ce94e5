"""A scope's reports indexed once by team, by member and by month, so that a summary asks
"what did this team or member do in this month" without scanning every report again."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reports.participation import participants
from reports.periods import Period
from reports.records import MemberRecord, ReportRecord

NO_MONTHS: frozenset[int] = frozenset()


@dataclass
class TeamReports:
    """One team's members and reports (in the scope's order), and who took part in which
    reports and months; a month is its position in the period's `months()`."""

    members: list[MemberRecord] = field(default_factory=list)
    reports: list[ReportRecord] = field(default_factory=list)
    by_member: dict[int, list[ReportRecord]] = field(default_factory=dict)
    member_months: dict[int, set[int]] = field(default_factory=dict)
    kind_months: dict[str, set[int]] = field(default_factory=dict)


class ReportIndex:
    """The reports of a scope grouped by team and by (team, member), and the months in which
    each team sent each kind of report and each member took part in one."""

    def __init__(self, period: Period, teams: Mapping[int, TeamReports]) -> None:
        self.months = period.months()
        self._teams = teams

    @classmethod
    def build(
        cls, period: Period, members: Sequence[MemberRecord], reports: Sequence[ReportRecord]
    ) -> ReportIndex:
        """Index the reports and members in one pass each."""
        teams: dict[int, TeamReports] = {}
        for member in members:
            teams.setdefault(member.unit_id, TeamReports()).members.append(member)
        starts = [window.start for window in period.months()]
        for report in reports:
            team = teams.setdefault(report.team_id, TeamReports())
            team.reports.append(report)
            day = report.occurred_on
            window = bisect_right(starts, day) - 1 if period.contains(day) else None
            for member_id in participants(report):
                team.by_member.setdefault(member_id, []).append(report)
                if window is not None:
                    team.member_months.setdefault(member_id, set()).add(window)
            if window is not None:
                team.kind_months.setdefault(report.kind, set()).add(window)
        return cls(period, teams)

    def narrowed(self, period: Period, team_id: int) -> ReportIndex:
        """The same index for one team (nothing is indexed again)."""
        team = self._teams.get(team_id)
        return ReportIndex(period, {team_id: team} if team is not None else {})

    def members_of(self, team_id: int) -> tuple[MemberRecord, ...]:
        """Everyone who ever belonged to the team, in the scope's order."""
        team = self._teams.get(team_id)
        return tuple(team.members) if team is not None else ()

    def reports_of(self, team_id: int) -> tuple[ReportRecord, ...]:
        """The team's reports, in the scope's order."""
        team = self._teams.get(team_id)
        return tuple(team.reports) if team is not None else ()

    def reports_with(self, team_id: int, member_id: int) -> tuple[ReportRecord, ...]:
        """The team's reports in which the member took part."""
        team = self._teams.get(team_id)
        return tuple(team.by_member.get(member_id, ())) if team is not None else ()

    def months_with(self, team_id: int, member_id: int) -> frozenset[int] | set[int]:
        """The months in which the member took part in one of the team's reports."""
        team = self._teams.get(team_id)
        return team.member_months.get(member_id, NO_MONTHS) if team is not None else NO_MONTHS

    def months_of_kind(self, team_id: int, kind: str) -> frozenset[int] | set[int]:
        """The months in which the team sent a report of `kind`."""
        team = self._teams.get(team_id)
        return team.kind_months.get(kind, NO_MONTHS) if team is not None else NO_MONTHS
