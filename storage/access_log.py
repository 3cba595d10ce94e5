"""The access log: who exported what, and who opened a tip. Never what it said."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccessLogEntry, Member


async def log_access(
    session: AsyncSession,
    action: str,
    now: dt.datetime,
    *,
    member: Member | None = None,
    actor: str | None = None,
    unit_id: int | None = None,
    subject: str | None = None,
) -> None:
    """Record one access: by a member in the bot, or by `actor` (the command line)."""
    session.add(
        AccessLogEntry(
            member_id=member.id if member is not None else None,
            actor=actor or (f"member:{member.id}" if member is not None else "unknown"),
            action=action,
            unit_id=unit_id,
            subject=subject,
            at=now,
        )
    )
    await session.flush()


async def access_entries(session: AsyncSession) -> list[AccessLogEntry]:
    """The whole log, oldest first."""
    return list((await session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))).all())
