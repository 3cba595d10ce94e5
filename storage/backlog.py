"""What is waiting, counted for the metrics: updates stored but not handled, and messages owed
by kind. Counts only: nothing about whom they concern."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboxUpdate, OutboxMessage


async def inbox_backlog(session: AsyncSession, channel: str) -> int:
    """Updates stored for `channel` and not handled yet."""
    query = (
        select(func.count())
        .select_from(InboxUpdate)
        .where(InboxUpdate.channel == channel, InboxUpdate.handled_at.is_(None))
    )
    return int(await session.scalar(query) or 0)


async def outbox_depth(session: AsyncSession, channel: str) -> dict[str, int]:
    """Messages owed on `channel` (pending, due or not), by kind ("reply", "notice")."""
    query = (
        select(OutboxMessage.kind, func.count())
        .where(OutboxMessage.channel == channel, OutboxMessage.status == "pending")
        .group_by(OutboxMessage.kind)
    )
    rows = (await session.execute(query)).all()
    return {str(kind): int(owed) for kind, owed in rows}
