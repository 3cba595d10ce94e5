"""The unit tree: province → commune/ward → residential group → team, any depth."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Unit
from storage.names import name_key

KINDS = ("province", "district", "commune", "residential_group", "team")


class UnknownUnit(LookupError):
    """No unit matches what was asked for."""


class DuplicateUnit(ValueError):
    """The parent has a unit of that name already (however it was spelt)."""

    def __init__(self, existing: Unit, parent: Unit | None) -> None:
        self.existing = existing
        where = f"under {parent.name} (id {parent.id})" if parent else "at the top level"
        super().__init__(
            f"a unit named {existing.name!r} exists already {where}: "
            f"unit {existing.id} [{existing.kind}]"
        )


async def add_unit(
    session: AsyncSession,
    name: str,
    kind: str,
    parent: Unit | None = None,
    planned_size: int | None = None,
) -> Unit:
    """Create a unit under `parent` (or a root); refused when the parent has one of that name."""
    if kind not in KINDS:
        raise ValueError(f"unknown unit kind {kind!r}: expected one of {', '.join(KINDS)}")
    existing = await child_named(session, parent, name)
    if existing is not None:
        raise DuplicateUnit(existing, parent)
    unit = Unit(name=name, kind=kind, parent=parent, planned_size=planned_size)
    session.add(unit)
    await session.flush()
    return unit


async def child_named(session: AsyncSession, parent: Unit | None, name: str) -> Unit | None:
    """The unit directly under `parent` (a root when None) with this name, however spelt."""
    query = select(Unit).where(
        Unit.name_key == name_key(name),
        Unit.parent_id == parent.id if parent is not None else Unit.parent_id.is_(None),
    )
    return (await session.scalars(query.order_by(Unit.id))).first()


async def units_named(session: AsyncSession, name: str, kind: str | None = None) -> list[Unit]:
    """Every unit with this name (of this kind), whatever its case, Unicode form or spacing."""
    query = select(Unit).where(Unit.name_key == name_key(name))
    if kind is not None:
        query = query.where(Unit.kind == kind)
    return list((await session.scalars(query.order_by(Unit.id))).all())


# Ids are SQLite integers and PostgreSQL int4 (SERIAL): 1 … 2^31 - 1.
MAX_ROW_ID = 2**31 - 1


def is_row_id(text: str) -> bool:
    """Whether `text` is a stored row's id: ASCII digits within the databases' integer ("²"
    passes `str.isdigit()` but not `int()`; twenty digits overflow SQLite and PostgreSQL)."""
    return text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ROW_ID


async def find_unit(session: AsyncSession, ref: str) -> Unit:
    """A unit by id or by its name (any case or spelling of it), which must be unique."""
    if is_row_id(ref.strip()):
        unit = await session.get(Unit, int(ref))
        if unit is None:
            raise UnknownUnit(f"no unit with id {ref.strip()}")
        return unit
    found = await units_named(session, ref)
    if not found:
        raise UnknownUnit(f"no unit named {ref!r}")
    if len(found) > 1:
        places = []
        for unit in found:
            parent = await session.get(Unit, unit.parent_id) if unit.parent_id else None
            places.append(f"{unit.id} in {parent.name}" if parent else str(unit.id))
        ids = ", ".join(places)
        raise UnknownUnit(f"{len(found)} units are named {ref!r} (ids {ids}): give the id")
    return found[0]


async def ancestors(session: AsyncSession, unit: Unit) -> list[Unit]:
    """The unit's parents, nearest first."""
    chain: list[Unit] = []
    parent_id = unit.parent_id
    while parent_id is not None:
        parent = await session.get(Unit, parent_id)
        if parent is None:
            break
        chain.append(parent)
        parent_id = parent.parent_id
    return chain


async def all_units(session: AsyncSession) -> list[Unit]:
    """Every unit, parents before children."""
    return list((await session.scalars(select(Unit).order_by(Unit.id))).all())


async def descendants(session: AsyncSession, unit: Unit) -> list[Unit]:
    """Every unit below `unit`, level by level (the tree may have any depth)."""
    found: list[Unit] = []
    level = [unit.id]
    while level:
        children = list(
            (
                await session.scalars(
                    select(Unit).where(Unit.parent_id.in_(level)).order_by(Unit.id)
                )
            ).all()
        )
        found += children
        level = [child.id for child in children]
    return found


async def teams_below(session: AsyncSession, unit: Unit) -> list[Unit]:
    """The open teams in `unit` (itself, if it is a team), by name."""
    units = [unit, *await descendants(session, unit)]
    teams = [u for u in units if u.kind == "team" and u.closed_at is None]
    return sorted(teams, key=lambda team: _natural(team.name))


async def ward_of(session: AsyncSession, unit: Unit) -> Unit | None:
    """The commune or ward a unit belongs to (itself, if it is one)."""
    for candidate in [unit, *await ancestors(session, unit)]:
        if candidate.kind == "commune":
            return candidate
    return None


async def team_of_group(session: AsyncSession, chat_id: int) -> Unit | None:
    """The team whose Telegram group this is, if one is linked."""
    return (await session.scalars(select(Unit).where(Unit.group_chat_id == chat_id))).first()


async def link_group(session: AsyncSession, team: Unit, chat_id: int) -> None:
    """Make `chat_id` the team's group (a group serves one team; a team has one group)."""
    previous = await team_of_group(session, chat_id)
    if previous is not None and previous.id != team.id:
        previous.group_chat_id = None
        await session.flush()
    team.group_chat_id = chat_id


def _natural(name: str) -> tuple[str, int, str]:
    """ "Tổ 7" before "Tổ 12": the text before the last number, the number, the rest."""
    head, number, tail = name, -1, ""
    digits = [i for i, ch in enumerate(name) if ch.isdecimal()]
    if digits:
        end = digits[-1] + 1
        start = end
        while start > 0 and name[start - 1].isdecimal():
            start -= 1
        head, number, tail = name[:start], int(name[start:end]), name[end:]
    return head.casefold(), number, tail.casefold()
