"""Figures only the police know, entered by an officer per ward, campaign figure and period."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PoliceFigure


async def set_figure(
    session: AsyncSession,
    *,
    ward_id: int,
    campaign: str,
    figure: str,
    first_day: dt.date,
    last_day: dt.date,
    value: int | bool,
    member_id: int,
    now: dt.datetime,
) -> PoliceFigure:
    """Enter or correct a figure for a stretch of days."""
    query = select(PoliceFigure).where(
        PoliceFigure.ward_id == ward_id,
        PoliceFigure.campaign == campaign,
        PoliceFigure.figure == figure,
        PoliceFigure.first_day == first_day,
        PoliceFigure.last_day == last_day,
    )
    entry = (await session.scalars(query)).first()
    if entry is None:
        entry = PoliceFigure(
            ward_id=ward_id,
            campaign=campaign,
            figure=figure,
            first_day=first_day,
            last_day=last_day,
            value={"value": value},
            entered_by=member_id,
            entered_at=now,
        )
        session.add(entry)
    else:
        entry.value = {"value": value}
        entry.entered_by = member_id
        entry.entered_at = now
    await session.flush()
    return entry


async def figures_between(
    session: AsyncSession,
    ward_ids: int | set[int],
    campaign: str,
    first_day: dt.date,
    last_day: dt.date,
) -> list[PoliceFigure]:
    """Entries of one ward (or of several, for a province) and a campaign within the two days."""
    wards = {ward_ids} if isinstance(ward_ids, int) else ward_ids
    query = select(PoliceFigure).where(
        PoliceFigure.ward_id.in_(wards),
        PoliceFigure.campaign == campaign,
        PoliceFigure.first_day >= first_day,
        PoliceFigure.last_day <= last_day,
    )
    return list((await session.scalars(query.order_by(PoliceFigure.first_day))).all())
