"""Call-outs (huy động): how long a team took to arrive, and whether that was in time."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from reports.payload import flag, moment, number, text
from reports.records import CalledPerson, ReportRecord


def incident_kind(report: ReportRecord) -> str:
    """The kind of incident a call-out was for ("antt", "pccc", …), or ""."""
    return text(report.payload, "incident_kind")


def response_time(report: ReportRecord) -> timedelta | None:
    """Arrival minus mobilisation, or None when either is missing or arrival comes first."""
    mobilised = moment(report.payload, "mobilised_at")
    arrived = moment(report.payload, "arrived_at")
    if mobilised is None or arrived is None or arrived < mobilised:
        return None
    return arrived - mobilised


def response_minutes(report: ReportRecord) -> int | None:
    """The response time in whole minutes, rounded up (so 30 shown means at most 30)."""
    elapsed = response_time(report)
    return None if elapsed is None else math.ceil(elapsed / timedelta(minutes=1))


def arrived(report: ReportRecord) -> bool:
    """Whether the team got there at all."""
    return moment(report.payload, "arrived_at") is not None


def in_time(report: ReportRecord, max_minutes: int | None) -> bool:
    """Arrived within `max_minutes` of being mobilised (any arrival when there is no limit);
    a call-out whose times are unknown does not count as in time."""
    return CallOutTimes.of(report).in_time(max_minutes)


@dataclass(frozen=True, slots=True)
class CallOutTimes:
    """A call-out as its targets read it, its answers read once: the team, the kind of
    incident, how long the team took, and whether it got there."""

    team_id: int
    incident_kind: str
    elapsed: timedelta | None
    arrived: bool
    live_id: int | None = None  # the live call-out it was written from (None: typed afterwards)

    @classmethod
    def of(cls, report: ReportRecord) -> CallOutTimes:
        """The call-out's times, from its answers."""
        return cls(
            report.team_id,
            incident_kind(report),
            response_time(report),
            arrived(report),
            live_id(report),
        )

    def in_time(self, max_minutes: int | None) -> bool:
        """Arrived within `max_minutes` of being mobilised (any arrival when there is no
        limit); a call-out whose times are unknown does not count as in time."""
        if max_minutes is None:
            return self.arrived
        return self.elapsed is not None and self.elapsed <= timedelta(minutes=max_minutes)


def live_id(report: ReportRecord) -> int | None:
    """The live call-out a record was written from when it was closed; None when typed."""
    if not flag(report.payload, "live"):
        return None
    return number(report.payload, "call_out_id") or None


def person_elapsed(person: CalledPerson) -> timedelta | None:
    """From the dispatch to the person's arrival; None when they did not come."""
    if person.arrived_at is None or person.arrived_at < person.dispatched_at:
        return None
    return person.arrived_at - person.dispatched_at


def person_minutes(person: CalledPerson) -> int | None:
    """The person's response time in whole minutes, rounded up, as a record's."""
    elapsed = person_elapsed(person)
    return None if elapsed is None else math.ceil(elapsed / timedelta(minutes=1))


def person_in_time(person: CalledPerson, max_minutes: int | None) -> bool:
    """Arrived within `max_minutes` of the dispatch (at all, without a limit): one who declined,
    did not answer or never came does not."""
    elapsed = person_elapsed(person)
    if elapsed is None:
        return False
    return max_minutes is None or elapsed <= timedelta(minutes=max_minutes)


@dataclass(frozen=True, slots=True)
class Turnout:
    """Who of those called came, declined or never answered, and how fast those who came
    arrived (minutes, rounded up, sorted)."""

    called: int
    arrived: int
    declined: int
    no_answer: int
    minutes: tuple[int, ...]

    @classmethod
    def of(cls, people: Iterable[CalledPerson]) -> Turnout:
        """The turnout of these people."""
        listed = tuple(people)
        minutes = sorted(m for m in map(person_minutes, listed) if m is not None)
        return cls(
            len(listed),
            sum(1 for person in listed if person.arrived_at is not None),
            sum(1 for person in listed if person.answer == "declined"),
            sum(1 for person in listed if person.answer == "none" and person.arrived_at is None),
            tuple(minutes),
        )

    @property
    def median(self) -> Fraction | None:
        """The median response time in minutes; None when nobody came."""
        count = len(self.minutes)
        if not count:
            return None
        middle = count // 2
        if count % 2:
            return Fraction(self.minutes[middle])
        return Fraction(self.minutes[middle - 1] + self.minutes[middle], 2)

    @property
    def p90(self) -> int | None:
        """The 90th percentile of the response times (nearest rank: 9 in 10 came within it);
        None when nobody came."""
        if not self.minutes:
            return None
        return self.minutes[math.ceil(len(self.minutes) * 9 / 10) - 1]
