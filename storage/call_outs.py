"""Live call-outs (huy động): the call-out, the people called, their answers and arrivals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CallOut, CallOutPerson, Member

KINDS = ("antt", "pccc", "cnch", "traffic", "propaganda")  # as the call-out form's choices
# The catalogue's label of each kind (the form's choices').
KIND_LABELS = {
    "antt": "incident-antt",
    "pccc": "incident-pccc",
    "cnch": "incident-cnch",
    "traffic": "incident-traffic",
    "propaganda": "incident-propaganda",
}
ANSWERS = ("none", "coming", "late", "declined")
COMING = ("coming", "late")
REASONS = ("far", "sick", "transport", "other")
# A member who has not answered is alerted again after the ward's minutes, at most twice.
REALERTS = 2
OPEN = "open"
CLOSED = "closed"


@dataclass(frozen=True)
class Dispatch:
    """What the dispatcher chose: the kind of work, where, a note, and the teams."""

    kind: str
    place: str | None
    latitude: float | None
    longitude: float | None
    note: str | None
    team_ids: tuple[int, ...]


async def dispatch(
    session: AsyncSession,
    ward_id: int,
    by: Member,
    chosen: Dispatch,
    people: list[Member],
    now: dt.datetime,
) -> tuple[CallOut, list[CallOutPerson]]:
    """Store a call-out and one row for every member called (alerted once, at `now`)."""
    call_out = CallOut(
        ward_id=ward_id,
        dispatched_by=by.id,
        kind=chosen.kind,
        place=chosen.place,
        latitude=chosen.latitude,
        longitude=chosen.longitude,
        note=chosen.note,
        dispatched_at=now,
        status=OPEN,
    )
    session.add(call_out)
    await session.flush()
    return call_out, await add_people(session, call_out, people, now)


async def add_people(
    session: AsyncSession, call_out: CallOut, people: list[Member], now: dt.datetime
) -> list[CallOutPerson]:
    """A row for each member called (alerted once, at `now`); those already called are left
    as they are."""
    called = {person.member_id for person in await people_of(session, call_out.id)}
    rows = [
        CallOutPerson(
            call_out_id=call_out.id,
            member_id=member.id,
            team_id=member.unit_id,
            answer="none",
            alerts_sent=1,
            last_alert_at=now,
        )
        for member in people
        if member.id not in called
    ]
    session.add_all(rows)
    await session.flush()
    return rows


RECENT_PLACES = 5


async def recent_places(session: AsyncSession, ward_id: int) -> list[CallOut]:
    """The ward's last 5 places called out to (typed addresses, each once, newest first): a
    call-out of each."""
    query = (
        select(CallOut)
        .where(CallOut.ward_id == ward_id, CallOut.place.is_not(None))
        .order_by(CallOut.dispatched_at.desc(), CallOut.id.desc())
        .limit(50)
    )
    found: dict[str, CallOut] = {}
    for call_out in (await session.scalars(query)).all():
        key = (call_out.place or "").strip().casefold()
        if key and key not in found:
            found[key] = call_out
        if len(found) == RECENT_PLACES:
            break
    return list(found.values())


async def people_of(session: AsyncSession, call_out_id: int) -> list[CallOutPerson]:
    """Everyone called, in the order they were called."""
    query = (
        select(CallOutPerson)
        .where(CallOutPerson.call_out_id == call_out_id)
        .order_by(CallOutPerson.id)
    )
    return list((await session.scalars(query)).all())


async def person_called(
    session: AsyncSession, call_out_id: int, member_id: int
) -> CallOutPerson | None:
    """The member's row in the call-out; None when they were not called."""
    query = select(CallOutPerson).where(
        CallOutPerson.call_out_id == call_out_id, CallOutPerson.member_id == member_id
    )
    return (await session.scalars(query)).first()


def record_answer(
    person: CallOutPerson, answer: str, reason: str | None, pressed_at: dt.datetime
) -> None:
    """The member's answer, at the moment they pressed it."""
    person.answer = answer
    person.reason = reason
    person.answered_at = pressed_at


async def open_call_out_of(
    session: AsyncSession, member_id: int
) -> tuple[CallOut, CallOutPerson] | None:
    """The newest open call-out the member was called to, with their row; None when none."""
    query = (
        select(CallOut, CallOutPerson)
        .join(CallOutPerson, CallOutPerson.call_out_id == CallOut.id)
        .where(CallOutPerson.member_id == member_id, CallOut.status == OPEN)
        .order_by(CallOut.dispatched_at.desc(), CallOut.id.desc())
        .limit(1)
    )
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


def record_location(
    person: CallOutPerson, latitude: float, longitude: float, live: bool, at: dt.datetime
) -> None:
    """Where the member is, as their phone shared it (the newest share counts)."""
    person.latitude = latitude
    person.longitude = longitude
    person.location_live = live
    person.located_at = at


def record_arrival(person: CallOutPerson, pressed_at: dt.datetime) -> None:
    """The member is there (the first press counts; a second changes nothing)."""
    if person.arrived_at is None:
        person.arrived_at = pressed_at
        if person.answer not in COMING:
            person.answer = "coming"
            person.answered_at = person.answered_at or pressed_at


@dataclass(frozen=True)
class Outcome:
    """How a call-out ended: the text, the photos (file ids) and the people helped."""

    text: str
    photos: tuple[str, ...] = ()
    people_helped: int | None = None


def close(
    call_out: CallOut, outcome: Outcome | str, now: dt.datetime, automatically: bool = False
) -> None:
    """The call-out is over (closed by the officer, or by the clock)."""
    if isinstance(outcome, str):
        outcome = Outcome(outcome)
    call_out.status = CLOSED
    call_out.closed_at = now
    call_out.outcome = outcome.text
    call_out.outcome_photos = list(outcome.photos)
    call_out.people_helped = outcome.people_helped
    call_out.closed_automatically = automatically


async def open_call_outs(session: AsyncSession) -> list[CallOut]:
    """Every call-out still open, oldest first."""
    query = select(CallOut).where(CallOut.status == OPEN).order_by(CallOut.dispatched_at)
    return list((await session.scalars(query)).all())


NOTE_LENGTH = 1000
OWN_PHOTOS = 5


def add_to_own_record(person: CallOutPerson, note: str | None, photos: tuple[str, ...]) -> int:
    """A member's note (added after what they wrote before) and photos (5 at most) on their own
    record of a call-out; how many of the photos were kept."""
    if note:
        joined = f"{person.note}\n{note}" if person.note else note
        person.note = joined[:NOTE_LENGTH]
    kept = list(person.photos or [])
    new = [photo for photo in photos if photo not in kept][: max(0, OWN_PHOTOS - len(kept))]
    person.photos = [*kept, *new]
    return len(new)
