"""A small ward built by hand: units, members, reports and police figures with readable calls."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import count

from reports.records import MemberRecord, PoliceFigures, RecordSet, ReportRecord, UnitRecord


class Ward:
    """A province and one ward (more can be added), each team under its residential group."""

    def __init__(
        self,
        ward: str = "Phường Yên Hòa",
        province: str = "Thành phố Hà Nội",
        district: str | None = None,
    ) -> None:
        self._ids = count(1)
        self.units: list[UnitRecord] = []
        self.members: list[MemberRecord] = []
        self.reports: list[ReportRecord] = []
        self.police_figures: list[PoliceFigures] = []
        self.province_id = self.unit("province", province, None)
        parent = self.province_id
        if district is not None:
            parent = self.unit("district", district, self.province_id)
        self.ward_id = self.unit("commune", ward, parent)

    def unit(self, kind: str, name: str, parent: int | None, planned: int | None = None) -> int:
        """Any unit; returns its id."""
        unit_id = next(self._ids)
        self.units.append(UnitRecord(unit_id, kind, name, parent, planned))
        return unit_id

    def team(self, number: int | str, planned: int | None = 4, ward: int | None = None) -> int:
        """Tổ bảo vệ ANTT số N under "Tổ dân phố N"; returns the team's id."""
        group = self.unit("residential_group", f"Tổ dân phố {number}", ward or self.ward_id)
        return self.unit("team", f"Tổ bảo vệ ANTT số {number}", group, planned)

    def member(
        self, team: int, name: str, joined: date, left: date | None = None, role: str = "member"
    ) -> int:
        """A member of `team`; returns their id."""
        member_id = next(self._ids)
        self.members.append(MemberRecord(member_id, team, name, role, joined, left))
        return member_id

    def report(
        self, kind: str, team: int, author: int, day: date, photos: int = 0, **payload: object
    ) -> int:
        """A saved report; returns its id."""
        return self._add(kind, team, author, day, dict(payload), photos)

    def _add(
        self, kind: str, team: int, author: int, day: date, payload: dict[str, object], photos: int
    ) -> int:
        report_id = next(self._ids)
        created = datetime.combine(day, time(20, 0))
        self.reports.append(
            ReportRecord(report_id, kind, team, author, day, created, payload, photos)
        )
        return report_id

    def call_out(
        self,
        team: int,
        author: int,
        day: date,
        kind: str,
        mobilised: str,
        arrived: str | None,
        participants: list[int] | None = None,
    ) -> int:
        """A call-out with local HH:MM times on `day` (`arrived` None: never got there)."""
        payload: dict[str, object] = {
            "incident_kind": kind,
            "mobilised_at": f"{day.isoformat()}T{mobilised}",
            "outcome": "Hỗ trợ giải quyết xong",
            "participants": participants or [author],
        }
        if arrived is not None:
            payload["arrived_at"] = f"{day.isoformat()}T{arrived}"
        return self._add("call_out", team, author, day, payload, 0)

    def police(self, start: date, end: date, ward: int | None = None, **values: int | bool) -> None:
        """Figures the police entered for `start`..`end`."""
        self.police_figures.append(PoliceFigures(ward or self.ward_id, start, end, values))

    def records(self) -> RecordSet:
        """Everything built so far."""
        return RecordSet(
            tuple(self.units),
            tuple(self.members),
            tuple(self.reports),
            tuple(self.police_figures),
        )
