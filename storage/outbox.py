"""The outbox: messages owed to people, each under a unique key so it is sent once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, utcnow
from storage.upsert import insert_ignoring_duplicates


async def enqueue(
    session: AsyncSession, channel: str, items: list[tuple[str, str, dict[str, Any]]]
) -> list[OutboxMessage]:
    """Queue (key, chat, payload) items; a key already queued is not queued again."""
    if not items:
        return []
    now = utcnow()
    rows = [
        {
            "key": key,
            "channel": channel,
            "chat_ref": chat_ref,
            "payload": payload,
            "created_at": now,
            "status": "pending",
            "attempts": 0,
        }
        for key, chat_ref, payload in items
    ]
    statement = insert_ignoring_duplicates(session, OutboxMessage).returning(
        OutboxMessage, sort_by_parameter_order=True
    )
    queued = list((await session.scalars(statement, rows)).all())
    return sorted(queued, key=lambda message: message.id)


async def pending_messages(
    session: AsyncSession, channel: str, chat_ref: str | None = None
) -> list[OutboxMessage]:
    """Messages not yet sent, oldest first, for one chat or all."""
    query = select(OutboxMessage).where(
        OutboxMessage.channel == channel, OutboxMessage.status == "pending"
    )
    if chat_ref is not None:
        query = query.where(OutboxMessage.chat_ref == chat_ref)
    return list((await session.scalars(query.order_by(OutboxMessage.id))).all())


async def mark_sent(session: AsyncSession, ids: list[int], now: dt.datetime) -> None:
    """These messages reached the messenger."""
    if ids:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(status="sent", sent_at=now, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        )


async def mark_failed(session: AsyncSession, message_id: int, error: str, *, give_up: bool) -> None:
    """A send failed; a message given up on is never tried again."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            status="failed" if give_up else "pending",
            last_error=error[:500],
            attempts=OutboxMessage.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
