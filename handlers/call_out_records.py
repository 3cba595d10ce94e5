"""The records a closed live call-out leaves: ONE `call_out` report per team that got there,
shaped like the typed "🚨 Huy động" form's report (one report per call-out per team, the
members who came ticked as its participants), so the summaries count a team's call-out, and a
fire or rescue incident, once however many of its members came.

The report: author = the team's first member to arrive; `incident_kind`, `mobilised_at` (the
dispatch), `arrived_at` (the team's first measured arrival), `response_minutes` (rounded up) and
`on_time` by the form's rule, `outcome` (the dispatcher's), `participants` (everyone of the team
who arrived, in the order they did); and, for later summaries, `live: true`, `call_out_id` and
`people`: everyone of the team who was called, with their answer, arrival and reason. A team
nobody of which arrived gets no report; its people stay in `call_out_people`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.call_out_texts import local, minutes_between
from handlers.turn import Turn
from storage.models import CallOut, CallOutPerson
from storage.reports import add_report

CALL_OUT_FORM = "call_out"


@dataclass(frozen=True)
class TeamTurnout:
    """One team's people in a call-out: everyone called, and those who arrived, first first."""

    team_id: int
    called: list[CallOutPerson]
    arrived: list[CallOutPerson]


def turnouts(people: list[CallOutPerson]) -> list[TeamTurnout]:
    """Everyone called, by team (in the order the teams were first called); the teams nobody
    of which arrived are left out."""
    by_team: dict[int, list[CallOutPerson]] = {}
    for person in people:
        by_team.setdefault(person.team_id, []).append(person)
    found = []
    for team_id, called in by_team.items():
        arrived = sorted(
            (person for person in called if person.arrived_at is not None),
            key=lambda person: (person.arrived_at, person.id),
        )
        if arrived:
            found.append(TeamTurnout(team_id, called, arrived))
    return found


async def write_reports(turn: Turn, call_out: CallOut, people: list[CallOutPerson]) -> int:
    """A call-out report for each team that got there; how many were written."""
    form = turn.forms.get(CALL_OUT_FORM)
    rule = form.on_time if form is not None else None
    mobilised = local(turn, call_out.dispatched_at)
    teams = turnouts(people)
    for team in teams:
        first = team.arrived[0]
        assert first.arrived_at is not None
        minutes = minutes_between(call_out.dispatched_at, first.arrived_at)
        payload: dict[str, Any] = {
            "incident_kind": call_out.kind,
            "mobilised_at": f"{mobilised:%Y-%m-%dT%H:%M}",
            "arrived_at": f"{local(turn, first.arrived_at):%Y-%m-%dT%H:%M}",
            "response_minutes": minutes,
            "outcome": call_out.outcome or "",
            "participants": [person.member_id for person in team.arrived],
            "live": True,
            "call_out_id": call_out.id,
            "people": [_person(turn, person) for person in team.called],
        }
        if rule is not None:
            payload["on_time"] = minutes <= rule.minutes
        await add_report(
            turn.session,
            kind=CALL_OUT_FORM,
            team_id=team.team_id,
            author_id=first.member_id,
            occurred_on=mobilised.date(),
            payload=payload,
            photos=[],
            source_update_id=None,
            now=turn.now,
        )
    return len(teams)


def _person(turn: Turn, person: CallOutPerson) -> dict[str, Any]:
    """One member called, as the report keeps them: answer, arrival (local time), reason."""
    arrived = person.arrived_at
    return {
        "member": person.member_id,
        "answer": person.answer,
        "arrived_at": None if arrived is None else f"{local(turn, arrived):%Y-%m-%dT%H:%M}",
        "reason": person.reason,
    }
