"""What the scheduler keeps: how far each duty has been worked through, and which wards have
sent their yearly report."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ScheduleMark, YearlySubmission, utcnow
from storage.upsert import insert_ignoring_duplicates


async def marks(session: AsyncSession) -> dict[str, dt.datetime]:
    """Each duty's `done_until`."""
    rows = await session.execute(select(ScheduleMark.duty_id, ScheduleMark.done_until))
    return {duty_id: done for duty_id, done in rows.all()}


async def start_marks(session: AsyncSession, duty_ids: list[str], at: dt.datetime) -> None:
    """Duties seen for the first time start at `at` (nothing before it is owed); a duty
    another scheduler started meanwhile keeps its mark."""
    rows = [{"duty_id": duty_id, "done_until": at, "updated_at": utcnow()} for duty_id in duty_ids]
    if rows:
        await session.execute(insert_ignoring_duplicates(session, ScheduleMark), rows)


async def advance_mark(
    session: AsyncSession, duty_id: str, seen: dt.datetime, to: dt.datetime
) -> bool:
    """Move the duty's mark from `seen` to `to`; False when another scheduler moved it first."""
    result = await session.execute(
        update(ScheduleMark)
        .where(ScheduleMark.duty_id == duty_id, ScheduleMark.done_until == seen)
        .values(done_until=to, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def submitted_wards(session: AsyncSession, year: int) -> set[int]:
    """Wards whose yearly report for `year` an officer has marked as sent."""
    rows = await session.scalars(
        select(YearlySubmission.ward_id).where(YearlySubmission.year == year)
    )
    return set(rows.all())


async def mark_submitted(
    session: AsyncSession, ward_id: int, year: int, member_id: int, now: dt.datetime
) -> bool:
    """Record that the ward's yearly report was sent; False when it already was."""
    existing = await session.scalar(
        select(YearlySubmission).where(
            YearlySubmission.ward_id == ward_id, YearlySubmission.year == year
        )
    )
    if existing is not None:
        return False
    session.add(YearlySubmission(ward_id=ward_id, year=year, member_id=member_id, submitted_at=now))
    await session.flush()
    return True
