"""Targets a ward set itself (`ward_targets`): for an indicator its plan sets none for, or one
the campaign file marks as the ward's own; an officer sets or clears them from /solieu."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import WardTarget


async def ward_targets(session: AsyncSession, ward_id: int, campaign: str) -> dict[str, int]:
    """The ward's own targets for a campaign, by indicator id."""
    query = select(WardTarget.indicator, WardTarget.target).where(
        WardTarget.ward_id == ward_id, WardTarget.campaign == campaign
    )
    return {indicator: target for indicator, target in (await session.execute(query)).all()}


async def set_ward_target(
    session: AsyncSession,
    *,
    ward_id: int,
    campaign: str,
    indicator: str,
    target: int,
    member_id: int,
    now: dt.datetime,
) -> None:
    """Set or change the ward's own target for an indicator."""
    entry = await session.get(WardTarget, (ward_id, campaign, indicator))
    if entry is None:
        session.add(
            WardTarget(
                ward_id=ward_id,
                campaign=campaign,
                indicator=indicator,
                target=target,
                set_by=member_id,
                set_at=now,
            )
        )
    else:
        entry.target, entry.set_by, entry.set_at = target, member_id, now
    await session.flush()


async def clear_ward_target(
    session: AsyncSession, *, ward_id: int, campaign: str, indicator: str
) -> None:
    """Back to the campaign file's value (none, for a plan that sets none)."""
    await session.execute(
        delete(WardTarget).where(
            WardTarget.ward_id == ward_id,
            WardTarget.campaign == campaign,
            WardTarget.indicator == indicator,
        )
    )
