"""`antt-bot admin add-unit` and `admin list`: the unit tree, as the ward police build it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from cli.admin import AdminError, admin_session
from storage.invites import invites_of, problem_with
from storage.models import Member, utcnow
from storage.units import UnknownUnit, add_unit, all_units, find_unit

if TYPE_CHECKING:
    from config.settings import Settings


async def add_unit_command(
    settings: Settings, name: str, kind: str, parent_ref: str | None, planned_size: int | None
) -> str:
    """Add a unit; prints its id."""
    if not name.strip():
        raise AdminError("the unit name is empty")
    async with admin_session(settings) as session:
        try:
            parent = await find_unit(session, parent_ref) if parent_ref else None
            unit = await add_unit(session, name.strip(), kind, parent, planned_size)
        except (UnknownUnit, ValueError) as error:
            raise AdminError(str(error)) from None
        under = f" under {parent.name} (id {parent.id})" if parent else ""
        return f"unit {unit.id}: {unit.name} [{unit.kind}]{under}"


async def list_command(settings: Settings) -> str:
    """The unit tree, members per unit, and invites still usable."""
    async with admin_session(settings) as session:
        units = await all_units(session)
        count_rows = await session.execute(
            select(Member.unit_id, func.count(Member.id))
            .where(Member.status == "active")
            .group_by(Member.unit_id)
        )
        counts: dict[int, int] = {unit_id: count for unit_id, count in count_rows}
        now = utcnow()
        usable = [i for i in await invites_of(session) if problem_with(i, now) is None]
    if not units:
        return "no units yet: add one with `antt-bot admin add-unit NAME --kind commune`"
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    by_id = {unit.id: unit for unit in units}
    lines: list[str] = []

    def walk(unit_id: int, depth: int) -> None:
        unit = by_id[unit_id]
        members = counts.get(unit.id, 0)
        lines.append(f"{'  ' * depth}{unit.id}. {unit.name} [{unit.kind}] · {members} member(s)")
        for child in children.get(unit_id, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    lines.append(f"usable invites: {len(usable)}")
    for invite in usable:
        lines.append(
            f"  invite {invite.id} → {by_id[invite.unit_id].name} as {invite.role}, "
            f"{invite.uses_left} use(s) left"
        )
    return "\n".join(lines)
