"""Commendation candidates (đề xuất khen thưởng) and the reports that justify them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from reports.campaigns import CommendationRule
from reports.describe import describe
from reports.participation import participants
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


def _evidence(reports: Iterable[ReportRecord]) -> tuple[Evidence, ...]:
    """The weightiest reports, latest first within a kind; tips are never cited."""
    shown = sorted((report for report in reports if report.kind in WEIGHT), key=evidence_order)[
        :EVIDENCE_PER_CANDIDATE
    ]
    return tuple(
        Evidence(report.id, report.occurred_on, report.kind, describe(report, limit=200))
        for report in shown
    )


def evidence_order(report: ReportRecord) -> tuple[int, int, int]:
    """The order in which reports are cited: by weight, then latest first, then by number."""
    return (WEIGHT[report.kind], -report.occurred_on.toordinal(), report.id)


def _collectives(ranking: Sequence[RankedTeam], scope: Scope, limit: int) -> list[Candidate]:
    """Teams that reached every target with data, best ranked first."""
    chosen: list[Candidate] = []
    for place in ranking:
        summary = place.summary
        known = len(summary.with_data)
        if not known or summary.met < known or not summary.tally.reports:
            continue
        chosen.append(
            Candidate(
                "collective",
                summary.team.id,
                summary.team.name,
                summary.team.name,
                dict(sorted(scope.activity.of_team(summary.team.id).total.kinds().items())),
                _evidence(scope.reports_of_team(summary.team.id)),
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
    found: list[tuple[int, int, int, MemberRecord, Mapping[str, int]]] = []
    for member in scope.active_members():
        done = scope.activity.member_total(member.unit_id, member.id)
        if not done.reports:
            continue
        kinds = done.kinds()
        found.append((-done.reports, -len(kinds), member.id, member, kinds))
    found.sort(key=lambda item: item[:3])
    # Evidence is looked for only for those shortlisted.
    return [
        Candidate(
            "individual",
            member.id,
            member.full_name,
            teams.get(member.unit_id, ""),
            dict(sorted(kinds.items())),
            _evidence(
                report
                for report in scope.reports_of_team(member.unit_id)
                if member.id in participants(report)
            ),
        )
        for _, _, _, member, kinds in found[:limit]
    ]


def shortlist(rule: CommendationRule, ranking: Sequence[RankedTeam], scope: Scope) -> Commendation:
    """Up to `rule.shortlist` collectives and individuals (none when the rule allows none),
    their evidence taken from the scope's reports (none when it was counted without them:
    see `with_evidence`)."""
    return Commendation(
        rule,
        tuple(_collectives(ranking, scope, rule.shortlist)) if rule.collectives else (),
        tuple(_individuals(scope, rule.shortlist)) if rule.individuals else (),
    )


def proposed(commendation: Commendation) -> tuple[Candidate, ...]:
    """Whom the ward proposes from the shortlists. Under `either` ("01 tập thể hoặc 01 cá
    nhân"), one kind only: the best collectives if any team qualifies, else the best
    individuals; otherwise up to the rule's number of each."""
    rule = commendation.rule
    collectives = commendation.collectives[: rule.collectives]
    individuals = commendation.individuals[: rule.individuals]
    if rule.either:
        return collectives or individuals
    return (*collectives, *individuals)


@dataclass(frozen=True)
class EvidenceWanted:
    """Whose evidence to look for: a team's reports, or those a member took part in."""

    kinds: tuple[str, ...]
    team_id: int
    member_id: int | None


def evidence_wanted(candidate: Candidate, team_id: int) -> EvidenceWanted:
    """What to look for to justify `candidate` (of team `team_id`): the kinds of report it
    has, weightiest first."""
    kinds = tuple(
        sorted(
            (kind for kind in candidate.activity if kind in WEIGHT), key=lambda kind: WEIGHT[kind]
        )
    )
    member = candidate.id if candidate.kind == "individual" else None
    return EvidenceWanted(kinds, team_id, member)


def cites(wanted: EvidenceWanted, report: ReportRecord) -> bool:
    """Whether the report may be cited for what is wanted."""
    return (
        report.team_id == wanted.team_id
        and report.kind in WEIGHT
        and (wanted.member_id is None or wanted.member_id in participants(report))
    )


def with_evidence(
    commendation: Commendation,
    team_of: Mapping[int, int],
    found: Mapping[EvidenceWanted, Sequence[ReportRecord]],
) -> Commendation:
    """The candidates justified by the reports found for each (see `evidence_wanted`);
    `team_of` gives each individual's team."""

    def justified(candidate: Candidate) -> Candidate:
        team_id = candidate.id if candidate.kind == "collective" else team_of[candidate.id]
        wanted = evidence_wanted(candidate, team_id)
        reports = [report for report in found.get(wanted, ()) if cites(wanted, report)]
        return replace(candidate, evidence=_evidence(reports))

    return replace(
        commendation,
        collectives=tuple(justified(candidate) for candidate in commendation.collectives),
        individuals=tuple(justified(candidate) for candidate in commendation.individuals),
    )
