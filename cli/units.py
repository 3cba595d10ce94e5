"""`antt-bot admin add-unit`: the unit tree, as the ward police build it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.admin import AdminError, admin_session
from storage.units import UnknownUnit, add_unit, find_unit

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
