"""Counts of what teams did, in the style of the Hà Nội police's yearly summary."""

from __future__ import annotations

from dataclasses import dataclass, fields

from reports.call_outs import incident_kind
from reports.participation import participants
from reports.payload import flag, number
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


def tally(scope: Scope) -> Tally:
    """What the scope's teams did in its period; members are those on its last day."""
    counts = {item.name: 0 for item in fields(Tally)}
    counts["teams"] = len(scope.teams)
    counts["members"] = len(scope.active_members())
    counts["planned_members"] = sum(team.planned_size or 0 for team in scope.teams)
    for report in scope.reports:
        payload = report.payload
        counts["reports"] += 1
        counts["photos"] += report.photo_count
        if report.kind == "good_deed":
            counts["good_deeds"] += 1
        elif report.kind == "patrol":
            counts["patrols"] += 1
            counts["patrol_turns"] += len(participants(report))
            counts["violations"] += number(payload, "violations")
        elif report.kind == "call_out":
            counts["call_outs"] += 1
            counts["fire_call_outs"] += incident_kind(report) == "pccc"
            counts["rescue_call_outs"] += incident_kind(report) == "cnch"
        elif report.kind == "fire_rescue":
            counts["fire_rescue"] += 1
            counts["people_saved"] += number(payload, "people_saved")
        elif report.kind == "tip":
            counts["tips"] += 1
            counts["valuable_tips"] += flag(payload, "valuable") is True
        elif report.kind == "propaganda":
            counts["propaganda"] += 1
            counts["audience"] += number(payload, "audience")
        elif report.kind == "traffic":
            counts["traffic"] += 1
        elif report.kind == "residence":
            counts["households_visited"] += number(payload, "households_visited")
            counts["records_corrected"] += number(payload, "records_corrected")
        elif report.kind == "weapons":
            counts["weapons_items"] += number(payload, "items_handed_in")
        elif report.kind == "reintegration":
            counts["reintegration_visits"] += number(payload, "visits")
        elif report.kind == "model":
            counts["models"] += 1
            counts["models_acknowledged"] += flag(payload, "acknowledged") is True
    return Tally(**counts)
