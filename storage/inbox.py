"""The inbox: every update stored before it is acknowledged, handled once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboxUpdate, utcnow
from storage.upsert import insert_ignoring_duplicates


@dataclass(frozen=True)
class Delivered:
    """An update as the messenger gave it: its id, its chat and its raw body; `unreadable`
    names the error (its type only) when it could not be read, and it is then stored as failed
    and never handled."""

    update_id: int
    chat_ref: str
    payload: dict[str, Any]
    unreadable: str | None = None


@dataclass(frozen=True)
class Stored:
    """A newly stored inbox row, to be handled in its chat's order."""

    id: int
    chat_ref: str


async def store_updates(
    session: AsyncSession, channel: str, updates: list[Delivered]
) -> list[Stored]:
    """Store new updates; ones already stored (a redelivery) are skipped and not returned, nor
    are unreadable ones (stored as handled, with their error)."""
    if not updates:
        return []
    now = utcnow()
    rows = [
        {
            "channel": channel,
            "update_id": update.update_id,
            "chat_ref": update.chat_ref,
            "payload": update.payload,
            "received_at": now,
            "handled_at": now if update.unreadable is not None else None,
            "error": update.unreadable,
        }
        for update in updates
    ]
    statement = insert_ignoring_duplicates(session, InboxUpdate).returning(
        InboxUpdate.id, InboxUpdate.chat_ref, InboxUpdate.error, sort_by_parameter_order=True
    )
    result = await session.execute(statement, rows)
    stored = [Stored(id=row.id, chat_ref=row.chat_ref) for row in result if row.error is None]
    return sorted(stored, key=lambda row: row.id)


async def claim_update(
    session: AsyncSession, inbox_id: int, now: dt.datetime, error: str | None = None
) -> dict[str, Any] | None:
    """Mark the update handled (with the error, if handling failed) and return its body;
    None when it was handled already. Rolling the transaction back un-claims it."""
    table = cast(Table, InboxUpdate.__table__)  # Core: no ORM bookkeeping on the hot path
    statement = (
        update(table)
        .where(table.c.id == inbox_id, table.c.handled_at.is_(None))
        .values(handled_at=now, error=error)
        .returning(table.c.payload)
    )
    payload: dict[str, Any] | None = (await session.execute(statement)).scalar_one_or_none()
    return payload


async def unhandled_updates(session: AsyncSession, channel: str) -> list[Stored]:
    """Updates stored but not handled (the process stopped before it got to them)."""
    query = (
        select(InboxUpdate.id, InboxUpdate.chat_ref)
        .where(InboxUpdate.channel == channel, InboxUpdate.handled_at.is_(None))
        .order_by(InboxUpdate.id)
    )
    return [Stored(id=row.id, chat_ref=row.chat_ref) for row in await session.execute(query)]
