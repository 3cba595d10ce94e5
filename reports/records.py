"""The records a summary is built from: units, members, reports and the figures police enter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

UNIT_KINDS = ("province", "district", "commune", "residential_group", "team")
REPORT_KINDS = (
    "good_deed",
    "patrol",
    "call_out",
    "tip",
    "propaganda",
    "fire_rescue",
    "traffic",
    "residence",
    "weapons",
    "reintegration",
    "model",
)
PATROL_KINDS = ("antt", "atgt", "night")
INCIDENT_KINDS = ("antt", "pccc", "cnch", "traffic", "propaganda")


@dataclass(frozen=True)
class UnitRecord:
    """A unit of the tree: province, district, commune (ward), residential group or team."""

    id: int
    kind: str
    name: str
    parent_id: int | None
    planned_size: int | None = None


@dataclass(frozen=True)
class MemberRecord:
    """A member of a team; active from `joined_on` until the day before `left_on`."""

    id: int
    unit_id: int
    full_name: str
    role: str
    joined_on: date
    left_on: date | None = None

    def active_on(self, day: date) -> bool:
        """Whether the member belonged to the team on `day`."""
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)

    def active_during(self, start: date, end: date) -> bool:
        """Whether the member belonged to the team on at least one day of `start`..`end`."""
        return self.joined_on <= end and (self.left_on is None or start < self.left_on)


@dataclass(frozen=True)
class ReportRecord:
    """One saved report; `payload` holds the answers of its form (see reports/payload.py)."""

    id: int
    kind: str
    team_id: int
    author_id: int
    occurred_on: date
    created_at: datetime
    payload: Mapping[str, object] = field(default_factory=dict)
    photo_count: int = 0


@dataclass(frozen=True)
class PoliceFigures:
    """Figures only the ward police know, for one ward over `start`..`end` (inclusive)."""

    ward_id: int
    start: date
    end: date
    values: Mapping[str, int | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class CalledPerson:
    """A member called out live from the bot (a closed call-out): their team, the incident,
    the dispatch and their arrival (local times, none when they did not come), their answer
    (none, coming, late, declined). Those of a team nobody of which came are here only."""

    call_out_id: int
    team_id: int
    member_id: int
    incident_kind: str
    dispatched_at: datetime
    answer: str
    arrived_at: datetime | None = None

    @property
    def day(self) -> date:
        """The day of the call-out (of its dispatch)."""
        return self.dispatched_at.date()


@dataclass(frozen=True)
class RecordSet:
    """Everything a summary may look at; units may span several wards and levels."""

    units: tuple[UnitRecord, ...]
    members: tuple[MemberRecord, ...] = ()
    reports: tuple[ReportRecord, ...] = ()
    police: tuple[PoliceFigures, ...] = ()
    called: tuple[CalledPerson, ...] = ()
