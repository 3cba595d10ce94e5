"""A ward's own choices (approve join requests automatically or not; how soon a call-out's
alert comes again to a member who has not answered; after how long a call-out nobody closed is
closed by the clock)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, WardSetting

REALERT_MINUTES = 3  # the default: alerted again after 3 minutes, then 3 more
REALERT_MINUTES_RANGE = range(1, 61)
AUTO_CLOSE_MINUTES = 120  # the default: a call-out nobody closes ends two hours after dispatch
AUTO_CLOSE_MINUTES_RANGE = range(30, 24 * 60 + 1)  # half an hour to a day


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
    setting = await _ward_setting_for_change(session, ward_id, by, now)
    setting.auto_approve = value
    await session.flush()


async def realert_minutes(session: AsyncSession, ward_id: int) -> int:
    """Minutes before a called member who has not answered is alerted again (3 by default)."""
    setting = await session.get(WardSetting, ward_id)
    return REALERT_MINUTES if setting is None else setting.realert_minutes


async def set_realert_minutes(
    session: AsyncSession, ward_id: int, minutes: int, by: Member | None, now: dt.datetime
) -> None:
    """Change how soon the ward's call-out alerts come again (1 to 60 minutes)."""
    if minutes not in REALERT_MINUTES_RANGE:
        raise ValueError(f"re-alert minutes must be 1 to 60, not {minutes}")
    setting = await _ward_setting_for_change(session, ward_id, by, now)
    setting.realert_minutes = minutes
    await session.flush()


async def auto_close_minutes(session: AsyncSession, ward_id: int) -> int:
    """Minutes after dispatch a call-out nobody closed is closed by the clock (120 by default)."""
    setting = await session.get(WardSetting, ward_id)
    return AUTO_CLOSE_MINUTES if setting is None else setting.auto_close_minutes


async def set_auto_close_minutes(
    session: AsyncSession, ward_id: int, minutes: int, by: Member | None, now: dt.datetime
) -> None:
    """Change after how long the ward's call-outs close by themselves (30 minutes to a day)."""
    if minutes not in AUTO_CLOSE_MINUTES_RANGE:
        raise ValueError(f"auto-close minutes must be 30 to 1440, not {minutes}")
    setting = await _ward_setting_for_change(session, ward_id, by, now)
    setting.auto_close_minutes = minutes
    await session.flush()


async def _ward_setting_for_change(
    session: AsyncSession, ward_id: int, by: Member | None, now: dt.datetime
) -> WardSetting:
    """The ward's settings row, locked (made when the ward has none yet), marked as changed
    now by `by`."""
    setting = await session.get(WardSetting, ward_id, with_for_update=True)
    if setting is None:
        setting = WardSetting(ward_id=ward_id)
        session.add(setting)
    setting.updated_at = now
    setting.updated_by = by.id if by is not None else None
    return setting
