"""`antt-bot admin list`: the unit tree, members per unit and the invites still usable. It
imports no ORM model (storage/unit_listing.py), so the ward police get it at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.admin import admin_session
from storage.unit_listing import unit_listing
from storage.utc import utcnow

if TYPE_CHECKING:
    from config.settings import Settings


async def list_command(settings: Settings) -> str:
    """The unit tree, members per unit, and invites still usable."""
    async with admin_session(settings) as session:
        listing = await unit_listing(session, utcnow())
    units, usable = listing.units, listing.usable_invites
    if not units:
        return "no units yet: add one with `antt-bot admin add-unit NAME --kind commune`"
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    by_id = {unit.id: unit for unit in units}
    lines: list[str] = []

    def walk(unit_id: int, depth: int) -> None:
        unit = by_id[unit_id]
        lines.append(
            f"{'  ' * depth}{unit.id}. {unit.name} [{unit.kind}] · {unit.members} member(s)"
        )
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
