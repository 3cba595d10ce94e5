"""A scope's reports indexed once by team, by member and by month, so that a summary asks
"what did this team or member do in this month" without scanning every report again."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from reports.participation import participants
from reports.periods import Period
from reports.records import MemberRecord, ReportRecord

NO_MONTHS: frozenset[int] = frozenset()


class ReportIndex:
    """The reports of a scope grouped by team and by (team, member), in the scope's order,
    and the months (positions in `period.months()`) in which each was busy."""

    def __init__(
        self,
        period: Period,
        members: Sequence[MemberRecord],
        reports: Sequence[ReportRecord],
    ) -> None:
        self.months = period.months()
        self._period = period
        self._starts = [window.start for window in self.months]
        members_of: dict[int, list[MemberRecord]] = {}
        for member in members:
            members_of.setdefault(member.unit_id, []).append(member)
        self.members_of = {team: tuple(found) for team, found in members_of.items()}
        of_team: dict[int, list[ReportRecord]] = {}
        of_member: dict[tuple[int, int], list[ReportRecord]] = {}
        member_months: dict[tuple[int, int], set[int]] = {}
        kind_months: dict[tuple[int, str], set[int]] = {}
        for report in reports:
            of_team.setdefault(report.team_id, []).append(report)
            window = self.month_of(report.occurred_on)
            for member_id in participants(report):
                key = (report.team_id, member_id)
                of_member.setdefault(key, []).append(report)
                if window is not None:
                    member_months.setdefault(key, set()).add(window)
            if window is not None:
                kind_months.setdefault((report.team_id, report.kind), set()).add(window)
        self.reports_of_team = {team: tuple(found) for team, found in of_team.items()}
        self._of_member = {key: tuple(found) for key, found in of_member.items()}
        self._member_months = {key: frozenset(found) for key, found in member_months.items()}
        self._kind_months = {key: frozenset(found) for key, found in kind_months.items()}

    def month_of(self, day: date) -> int | None:
        """The position of the month containing `day`, or None outside the period."""
        if not self._period.contains(day):
            return None
        return bisect_right(self._starts, day) - 1

    def reports_with(self, team_id: int, member_id: int) -> tuple[ReportRecord, ...]:
        """The team's reports in which the member took part."""
        return self._of_member.get((team_id, member_id), ())

    def months_with(self, team_id: int, member_id: int) -> frozenset[int]:
        """The months in which the member took part in one of the team's reports."""
        return self._member_months.get((team_id, member_id), NO_MONTHS)

    def months_of_kind(self, team_id: int, kind: str) -> frozenset[int]:
        """The months in which the team sent a report of `kind`."""
        return self._kind_months.get((team_id, kind), NO_MONTHS)
