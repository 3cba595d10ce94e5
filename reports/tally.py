"""Counts of what teams did, in the style of the Hà Nội police's yearly summary."""

from __future__ import annotations

from dataclasses import dataclass, fields

from reports.scope import Scope


@dataclass(frozen=True)
class Tally:
    """Teams, members and what they did; every figure is a plain count or sum."""

    teams: int = 0
    members: int = 0
    planned_members: int = 0
    reports: int = 0
    good_deeds: int = 0
    patrols: int = 0
    patrol_turns: int = 0
    violations: int = 0
    call_outs: int = 0
    fire_call_outs: int = 0
    rescue_call_outs: int = 0
    fire_rescue: int = 0
    people_saved: int = 0
    tips: int = 0
    valuable_tips: int = 0
    propaganda: int = 0
    audience: int = 0
    traffic: int = 0
    households_visited: int = 0
    records_corrected: int = 0
    weapons_items: int = 0
    reintegration_visits: int = 0
    models: int = 0
    models_acknowledged: int = 0
    photos: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{
                item.name: getattr(self, item.name) + getattr(other, item.name)
                for item in fields(self)
            }
        )


# The figures a tally takes from the reports' counts (the rest describe the teams).
COUNTED = tuple(
    item.name for item in fields(Tally) if item.name not in {"teams", "members", "planned_members"}
)


def tally(scope: Scope) -> Tally:
    """What the scope's teams did in its period; members are those on its last day."""
    work = scope.activity.total()
    return Tally(
        teams=len(scope.teams),
        members=len(scope.active_members()),
        planned_members=sum(team.planned_size or 0 for team in scope.teams),
        **{name: getattr(work, name) for name in COUNTED},
    )
