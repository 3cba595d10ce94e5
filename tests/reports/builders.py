"""A small ward built by hand: units, members, reports and police figures with readable calls."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from itertools import count

from reports.records import (
    CalledPerson,
    MemberRecord,
    PoliceFigures,
    RecordSet,
    ReportRecord,
    UnitRecord,
)


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
        self.called: list[CalledPerson] = []
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

    def live_call_out(
        self,
        day: date,
        kind: str,
        dispatched: str,
        people: list[tuple[int, int, str, str | None]],
    ) -> int:
        """A call-out made from the bot at local HH:MM on `day` and closed: everyone called as
        (team, member, answer, arrival HH:MM or None), and, as the close writes, one record
        per team of which someone arrived (first arrival, everyone who came, everyone called);
        returns the call-out's id."""
        call_out_id = next(self._ids)
        sent = datetime.combine(day, time.fromisoformat(dispatched))
        called = [
            CalledPerson(
                call_out_id,
                team,
                member,
                kind,
                sent,
                answer,
                None if at is None else datetime.combine(day, time.fromisoformat(at)),
            )
            for team, member, answer, at in people
        ]
        self.called += called
        for team in dict.fromkeys(person.team_id for person in called):
            own = [person for person in called if person.team_id == team]
            came = sorted(
                (p for p in own if p.arrived_at is not None), key=lambda p: p.arrived_at or sent
            )
            if not came:
                continue
            first = came[0].arrived_at
            assert first is not None
            minutes = math.ceil((first - sent) / timedelta(minutes=1))
            payload: dict[str, object] = {
                "incident_kind": kind,
                "mobilised_at": sent.isoformat(timespec="minutes"),
                "arrived_at": first.isoformat(timespec="minutes"),
                "response_minutes": minutes,
                "on_time": minutes <= 30,
                "outcome": "Đã giải tán",
                "participants": [p.member_id for p in came],
                "live": True,
                "call_out_id": call_out_id,
                "people": [
                    {
                        "member": p.member_id,
                        "answer": p.answer,
                        "arrived_at": None
                        if p.arrived_at is None
                        else p.arrived_at.isoformat(timespec="minutes"),
                        "reason": "sick" if p.answer == "declined" else None,
                    }
                    for p in own
                ],
            }
            self._add("call_out", team, came[0].member_id, day, payload, 0)
        return call_out_id

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
            tuple(self.called),
        )
