"""Commendation candidates (đề xuất khen thưởng) and the reports that justify them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from reports.campaigns import CommendationRule
from reports.describe import describe
from reports.ranking import RankedTeam
from reports.records import MemberRecord, ReportRecord
from reports.scope import Scope

EVIDENCE_PER_CANDIDATE = 5
# Work that weighs most when choosing what to show as evidence; tips are counted, never shown.
WEIGHT = {
    "fire_rescue": 0,
    "call_out": 1,
    "reintegration": 2,
    "model": 3,
    "good_deed": 4,
    "propaganda": 5,
    "weapons": 6,
    "residence": 7,
    "patrol": 8,
    "traffic": 9,
}


@dataclass(frozen=True)
class Evidence:
    """A report cited in support of a candidate."""

    report_id: int
    day: date
    kind: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """A team (collective) or member (individual) the ward may propose."""

    kind: Literal["collective", "individual"]
    id: int
    name: str
    team_name: str
    activity: Mapping[str, int]
    evidence: tuple[Evidence, ...]
    indicators_met: int = 0
    indicators_known: int = 0

    @property
    def total(self) -> int:
        """How many reports the candidate took part in."""
        return sum(self.activity.values())


@dataclass(frozen=True)
class Commendation:
    """The plan's rule and shortlists of collectives and individuals to choose from."""

    rule: CommendationRule
    collectives: tuple[Candidate, ...]
    individuals: tuple[Candidate, ...]


def _evidence(reports: Sequence[ReportRecord]) -> tuple[Evidence, ...]:
    """The weightiest reports, latest first within a kind; tips are never cited."""
    shown = sorted(
        (report for report in reports if report.kind in WEIGHT),
        key=lambda report: (WEIGHT[report.kind], -report.occurred_on.toordinal(), report.id),
    )[:EVIDENCE_PER_CANDIDATE]
    return tuple(
        Evidence(report.id, report.occurred_on, report.kind, describe(report, limit=200))
        for report in shown
    )


def _collectives(ranking: Sequence[RankedTeam], scope: Scope, limit: int) -> list[Candidate]:
    """Teams that reached every target with data, best ranked first."""
    chosen: list[Candidate] = []
    for place in ranking:
        summary = place.summary
        known = len(summary.with_data)
        if not known or summary.met < known or not summary.tally.reports:
            continue
        reports = scope.index.reports_of(summary.team.id)
        chosen.append(
            Candidate(
                "collective",
                summary.team.id,
                summary.team.name,
                summary.team.name,
                dict(sorted(Counter(report.kind for report in reports).items())),
                _evidence(reports),
                summary.met,
                known,
            )
        )
        if len(chosen) == limit:
            break
    return chosen


def _individuals(scope: Scope, limit: int) -> list[Candidate]:
    """Members (on the period's last day) who took part in the most reports."""
    teams = {team.id: team.name for team in scope.teams}
    found: list[tuple[int, int, int, MemberRecord, Counter[str], Sequence[ReportRecord]]] = []
    for member in scope.active_members():
        reports = scope.index.reports_with(member.unit_id, member.id)
        if not reports:
            continue
        kinds = Counter(report.kind for report in reports)
        found.append((-len(reports), -len(kinds), member.id, member, kinds, reports))
    found.sort(key=lambda item: item[:3])
    # Evidence is looked for only for those shortlisted.
    return [
        Candidate(
            "individual",
            member.id,
            member.full_name,
            teams.get(member.unit_id, ""),
            dict(sorted(kinds.items())),
            _evidence(reports),
        )
        for _, _, _, member, kinds, reports in found[:limit]
    ]


def shortlist(rule: CommendationRule, ranking: Sequence[RankedTeam], scope: Scope) -> Commendation:
    """Up to `rule.shortlist` collectives and individuals (none when the rule allows none)."""
    return Commendation(
        rule,
        tuple(_collectives(ranking, scope, rule.shortlist)) if rule.collectives else (),
        tuple(_individuals(scope, rule.shortlist)) if rule.individuals else (),
    )
