"""The unit tree: province → commune/ward → residential group → team, any depth."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Unit

KINDS = ("province", "district", "commune", "residential_group", "team")


class UnknownUnit(LookupError):
    """No unit matches what was asked for."""


async def add_unit(
    session: AsyncSession,
    name: str,
    kind: str,
    parent: Unit | None = None,
    planned_size: int | None = None,
) -> Unit:
    """Create a unit under `parent` (or a root)."""
    if kind not in KINDS:
        raise ValueError(f"unknown unit kind {kind!r}: expected one of {', '.join(KINDS)}")
    unit = Unit(name=name, kind=kind, parent=parent, planned_size=planned_size)
    session.add(unit)
    await session.flush()
    return unit


async def find_unit(session: AsyncSession, ref: str) -> Unit:
    """A unit by id or by its exact (case-insensitive) name, which must be unique."""
    if ref.isdigit():
        unit = await session.get(Unit, int(ref))
        if unit is None:
            raise UnknownUnit(f"no unit with id {ref}")
        return unit
    found = (await session.scalars(select(Unit).where(func.lower(Unit.name) == ref.lower()))).all()
    if not found:
        raise UnknownUnit(f"no unit named {ref!r}")
    if len(found) > 1:
        ids = ", ".join(str(unit.id) for unit in found)
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
