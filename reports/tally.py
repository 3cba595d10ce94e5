"""Counts of what teams did, in the style of the Hà Nội police's yearly summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import add, attrgetter

from reports.scope import Scope
from reports.work import TEAM_FIGURES, TeamWork


@dataclass(frozen=True, slots=True)
class Tally(TeamWork):
    """What the teams did (every figure of `TeamWork`), and how many teams and members they
    are; every figure is a plain count or sum."""

    teams: int = 0
    members: int = 0
    planned_members: int = 0

    def __add__(self, other: TeamWork) -> Tally:
        """Two tallies added up (work alone names no teams or members: not added)."""
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(*map(add, _tally_values(self), _tally_values(other)))


_tally_values: Callable[[Tally], tuple[int, ...]] = attrgetter(
    *(item.name for item in fields(Tally))
)


def tally(scope: Scope) -> Tally:
    """What the scope's teams did in its period; members are those on its last day."""
    work = scope.activity.total()
    return Tally(
        teams=len(scope.teams),
        members=len(scope.active_members()),
        planned_members=sum(team.planned_size or 0 for team in scope.teams),
        **dict(zip(TEAM_FIGURES, work.figures(), strict=True)),
    )
