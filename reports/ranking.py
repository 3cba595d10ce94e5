"""Ranking teams: most targets reached, then the highest share of tasks done, then most work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from reports.team_summary import TeamSummary
from reports.unit_tree import natural_key


@dataclass(frozen=True)
class RankedTeam:
    """A team's place; equal teams share a place (1, 2, 2, 4)."""

    rank: int
    summary: TeamSummary


def _merit(summary: TeamSummary) -> tuple[int, Fraction, int]:
    """What the ranking compares, best first when sorted in reverse."""
    score = summary.score if summary.score is not None else Fraction(-1)
    return (summary.met, score, summary.tally.reports)


def rank_teams(teams: Sequence[TeamSummary]) -> tuple[RankedTeam, ...]:
    """Teams from best to worst; ties keep the natural order of their names."""
    ordered = sorted(
        teams,
        key=lambda item: (
            tuple(-part for part in _merit(item)),
            natural_key(item.team.name),
            item.team.id,
        ),
    )
    ranked: list[RankedTeam] = []
    for index, summary in enumerate(ordered):
        tied = ranked and _merit(ranked[-1].summary) == _merit(summary)
        ranked.append(RankedTeam(ranked[-1].rank if tied else index + 1, summary))
    return tuple(ranked)
