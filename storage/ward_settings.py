"""A ward's own choices (approve join requests automatically or not)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, WardSetting


async def auto_approves(session: AsyncSession, ward_id: int | None) -> bool:
    """Whether people who open an invite of this ward join at once (the default) or wait."""
    if ward_id is None:
        return True
    setting = await session.get(WardSetting, ward_id)
    return True if setting is None else setting.auto_approve


async def set_auto_approve(
    session: AsyncSession, ward_id: int, value: bool, by: Member | None, now: dt.datetime
) -> None:
    """Change the ward's choice."""
    setting = await session.get(WardSetting, ward_id, with_for_update=True)
    if setting is None:
        setting = WardSetting(ward_id=ward_id)
        session.add(setting)
    setting.auto_approve = value
    setting.updated_at = now
    setting.updated_by = by.id if by is not None else None
    await session.flush()
