"""Call-outs (huy động): how long a team took to arrive, and whether that was in time."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from reports.payload import moment, text
from reports.records import ReportRecord


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

    @classmethod
    def of(cls, report: ReportRecord) -> CallOutTimes:
        """The call-out's times, from its answers."""
        return cls(report.team_id, incident_kind(report), response_time(report), arrived(report))

    def in_time(self, max_minutes: int | None) -> bool:
        """Arrived within `max_minutes` of being mobilised (any arrival when there is no
        limit); a call-out whose times are unknown does not count as in time."""
        if max_minutes is None:
            return self.arrived
        return self.elapsed is not None and self.elapsed <= timedelta(minutes=max_minutes)
