"""The records a closed live call-out leaves: ONE `call_out` report per team that got there,
shaped like the typed "🚨 Huy động" form's report (one report per call-out per team, the
members who came ticked as its participants), so the summaries count a team's call-out, and a
fire or rescue incident, once however many of its members came.

The report: author = the team's first member to arrive; `incident_kind`, `mobilised_at` (the
dispatch), `arrived_at` (the team's first measured arrival), `response_minutes` (rounded up) and
`on_time` by the form's rule, `outcome` (the dispatcher's; its photos as the report's, and
`people_helped`), `participants` (everyone of the team
who arrived, in the order they did); and, for later summaries, `live: true`, `call_out_id` and
`people`: everyone of the team who was called, with their answer, arrival and reason. A team
nobody of which arrived gets no report; its people stay in `call_out_people`.

`close_with_records` is the one close, the officer's (handlers/call_out_answers.py) and the
clock's (scheduler/call_out_closer.py): the call-out closed, the alerts still owed skipped, the
records written."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.call_outs import REALERTS, Outcome, close, people_of
from storage.models import Attachment, CallOut, CallOutPerson, Report
from storage.outbox import skip_pending
from storage.reports import add_report

CALL_OUT_FORM = "call_out"
# On a call-out typed with the form afterwards (it came by phone): told apart from a live one.
REPORTED_AFTERWARDS = "reported_afterwards"


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


@dataclass(frozen=True)
class Closed:
    """What a close did: the records written, and how many of those called got there."""

    records: int
    arrived: int
    called: int


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole minutes from `start` to `end`, rounded up (12 shown means at most 12)."""
    return max(0, math.ceil((end - start) / dt.timedelta(minutes=1)))


async def close_with_records(
    session: AsyncSession,
    call_out: CallOut,
    outcome: Outcome,
    now: dt.datetime,
    zone: dt.tzinfo,
    on_time_minutes: int | None,
    automatically: bool = False,
) -> Closed:
    """Close the call-out with what is known now: no alert again to anyone, a record for each
    team that got there."""
    close(call_out, outcome, now, automatically)
    people = await people_of(session, call_out.id)
    owed = [
        f"callout:{person.call_out_id}:{person.member_id}:{number}"
        for person in people
        for number in range(2, REALERTS + person.alerts_sent + 1)
    ]
    await skip_pending(session, owed, now)
    records = await write_reports(session, call_out, people, now, zone, on_time_minutes)
    arrived = sum(1 for person in people if person.arrived_at is not None)
    return Closed(records, arrived, len(people))


async def write_reports(
    session: AsyncSession,
    call_out: CallOut,
    people: list[CallOutPerson],
    now: dt.datetime,
    zone: dt.tzinfo,
    on_time_minutes: int | None,
) -> int:
    """A call-out report for each team that got there; how many were written."""
    mobilised = call_out.dispatched_at.astimezone(zone)
    teams = turnouts(people)
    for team in teams:
        first = team.arrived[0]
        assert first.arrived_at is not None
        minutes = minutes_between(call_out.dispatched_at, first.arrived_at)
        payload: dict[str, Any] = {
            "incident_kind": call_out.kind,
            "mobilised_at": f"{mobilised:%Y-%m-%dT%H:%M}",
            "arrived_at": f"{first.arrived_at.astimezone(zone):%Y-%m-%dT%H:%M}",
            "response_minutes": minutes,
            "outcome": call_out.outcome or "",
            "participants": [person.member_id for person in team.arrived],
            "live": True,
            "call_out_id": call_out.id,
            "people": [_person(person, zone) for person in team.called],
        }
        if call_out.people_helped is not None:
            payload["people_helped"] = call_out.people_helped
        if call_out.closed_automatically:
            payload["closed_automatically"] = True
        if on_time_minutes is not None:
            payload["on_time"] = minutes <= on_time_minutes
        await add_report(
            session,
            kind=CALL_OUT_FORM,
            team_id=team.team_id,
            author_id=first.member_id,
            occurred_on=mobilised.date(),
            payload=payload,
            photos=list(call_out.outcome_photos or []),
            source_update_id=None,
            now=now,
        )
    return len(teams)


def _person(person: CallOutPerson, zone: dt.tzinfo) -> dict[str, Any]:
    """One member called, as the report keeps them: answer, arrival (local time), reason."""
    arrived = person.arrived_at
    return {
        "member": person.member_id,
        "answer": person.answer,
        "arrived_at": None if arrived is None else f"{arrived.astimezone(zone):%Y-%m-%dT%H:%M}",
        "reason": person.reason,
        **({"note": person.note} if person.note else {}),
        **(
            {
                "location": [person.latitude, person.longitude],
                "location_live": person.location_live,
            }
            if person.latitude is not None and person.longitude is not None
            else {}
        ),
    }


async def note_on_record(
    session: AsyncSession, call_out: CallOut, person: CallOutPerson, photos: list[str]
) -> None:
    """What a member added to their own record afterwards, onto their team's record of the
    call-out (when the team has one): their note in `people`, their photos as the report's."""
    query = (
        select(Report)
        .where(
            Report.kind == CALL_OUT_FORM,
            Report.team_id == person.team_id,
            Report.created_at >= call_out.dispatched_at,
        )
        .options(selectinload(Report.attachments))
    )
    for report in (await session.scalars(query)).all():
        if report.payload.get("call_out_id") != call_out.id:
            continue
        people = [
            {**entry, "note": person.note} if entry.get("member") == person.member_id else entry
            for entry in report.payload.get("people", [])
        ]
        report.payload = {**report.payload, "people": people}
        report.attachments.extend(Attachment(kind="photo", file_id=photo) for photo in photos)
