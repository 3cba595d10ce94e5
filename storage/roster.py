"""A ward's roster in bulk: who is in which team, applied from a checked file, read for export.

Applying the same rows twice changes nothing: members are matched by phone number, units by
name inside their ward."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.members import remember
from storage.models import Member, Unit
from storage.units import ancestors, descendants, units_named


@dataclass(frozen=True)
class RosterRow:
    """One person of the roster, as read from row `row` of the file (phone normalised)."""

    row: int
    ward: str
    group: str
    team: str
    full_name: str
    phone: str
    role: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class RosterConflict:
    """A row that the database refuses: why ("unknown-ward", "phone-elsewhere") and details."""

    reason: str
    row: int
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    """What applying a roster changed."""

    units_created: int = 0
    units_moved: int = 0
    members_added: int = 0
    members_changed: int = 0
    members_unchanged: int = 0

    @property
    def changed_anything(self) -> bool:
        """False when the file was applied already."""
        return bool(
            self.units_created + self.units_moved + self.members_added + self.members_changed
        )


async def check_roster(session: AsyncSession, rows: list[RosterRow]) -> list[RosterConflict]:
    """Rows naming a ward that does not exist, or a phone of someone in another ward."""
    conflicts: list[RosterConflict] = []
    for row in rows:
        ward = await _ward_named(session, row.ward)
        if ward is None:
            conflicts.append(RosterConflict("unknown-ward", row.row, {"ward": row.ward}))
            continue
        member = await _member_with_phone(session, row.phone)
        if member is not None:
            their_ward = await _ward_of_unit(session, member.unit_id)
            if their_ward is None or their_ward.id != ward.id:
                conflicts.append(RosterConflict("phone-elsewhere", row.row))
    return conflicts


async def apply_roster(
    session: AsyncSession, rows: list[RosterRow], now: dt.datetime
) -> ImportResult:
    """Create the units and members the rows name, update what differs; checked rows only."""
    result = ImportResult()
    for row in rows:
        ward = await _ward_named(session, row.ward)
        if ward is None:
            raise LookupError(f"row {row.row}: no ward named {row.ward!r}")
        parent = ward
        if row.group:
            parent = await _unit_in(session, ward, row.group, "residential_group", ward, result)
        team = await _unit_in(session, ward, row.team, "team", parent, result)
        await _put_member(session, row, team, now, result)
    return result


async def roster_of(session: AsyncSession, ward: Unit) -> list[RosterRow]:
    """The ward's active team members as roster rows, team by team."""
    below = await descendants(session, ward)
    by_id = {unit.id: unit for unit in below}
    teams = [unit for unit in below if unit.kind == "team"]
    if not teams:
        return []
    query = (
        select(Member)
        .where(Member.unit_id.in_([team.id for team in teams]), Member.status == "active")
        .order_by(Member.unit_id, Member.id)
    )
    rows: list[RosterRow] = []
    for number, member in enumerate((await session.scalars(query)).all(), start=2):
        team = by_id[member.unit_id]
        parent = by_id.get(team.parent_id or 0)
        rows.append(
            RosterRow(
                row=number,
                ward=ward.name,
                group=parent.name if parent is not None and parent.kind != "commune" else "",
                team=team.name,
                full_name=member.full_name,
                phone=member.phone or "",
                role=member.role,
                birth_date=member.birth_date,
            )
        )
    return rows


async def _ward_named(session: AsyncSession, name: str) -> Unit | None:
    found = await units_named(session, name, "commune")
    return found[0] if len(found) == 1 else None


async def _ward_of_unit(session: AsyncSession, unit_id: int) -> Unit | None:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        return None
    return next((u for u in [unit, *await ancestors(session, unit)] if u.kind == "commune"), None)


async def _member_with_phone(session: AsyncSession, phone: str) -> Member | None:
    query = select(Member).where(Member.phone == phone, Member.status == "active")
    return (await session.scalars(query.order_by(Member.id))).first()


async def _unit_in(
    session: AsyncSession, ward: Unit, name: str, kind: str, parent: Unit, result: ImportResult
) -> Unit:
    """The unit of this kind and name in the ward, created or put under `parent` if needed."""
    for unit in await units_named(session, name, kind):
        their_ward = await _ward_of_unit(session, unit.id)
        if their_ward is not None and their_ward.id == ward.id:
            if unit.parent_id != parent.id:
                unit.parent_id = parent.id
                result.units_moved += 1
                await session.flush()
            return unit
    unit = Unit(name=name, kind=kind, parent_id=parent.id)
    session.add(unit)
    await session.flush()
    result.units_created += 1
    return unit


async def _put_member(
    session: AsyncSession, row: RosterRow, team: Unit, now: dt.datetime, result: ImportResult
) -> None:
    member = await _member_with_phone(session, row.phone)
    if member is None:
        member = Member(
            full_name=row.full_name,
            phone=row.phone,
            role=row.role,
            unit_id=team.id,
            status="active",
            joined_at=now,
            birth_date=row.birth_date,
        )
        session.add(member)
        await session.flush()
        remember(session, member, "registered", now)
        result.members_added += 1
        return
    wanted = (row.full_name, row.role, team.id, row.birth_date)
    if (member.full_name, member.role, member.unit_id, member.birth_date) == wanted:
        result.members_unchanged += 1
        return
    moved = member.unit_id != team.id
    role_changed = member.role != row.role
    member.full_name, member.role, member.unit_id, member.birth_date = wanted
    await session.flush()
    if moved:
        remember(session, member, "moved", now, reason="roster")
    elif role_changed:
        remember(session, member, "role", now, reason="roster")
    result.members_changed += 1
