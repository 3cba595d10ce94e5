"""The outbox: messages owed to people, each under a unique key so it is sent once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, OutboxMessage, utcnow
from storage.offered_choices import remember_notices
from storage.upsert import InsertOnce

REPLY = "reply"
NOTICE = "notice"
# Set on a session that queued notices, so whoever commits it can wake the sender.
NOTICES_QUEUED = "antt.notices_queued"


@dataclass(frozen=True)
class Notice:
    """A message the scheduler owes someone: its unique key, chat, payload, the member it is
    for (to mark them blocked), and the moment before which it must not go out."""

    key: str
    chat_ref: str
    payload: dict[str, Any]
    member_id: int | None = None
    not_before: dt.datetime | None = None
    priority: int = 0  # higher goes first (ALERT: a call-out's)
    channel: str | None = None  # the member's messenger (storage.accounts); None: the queue's


ALERT = 1  # the priority of a call-out's alerts and status: they jump the queue


@dataclass(frozen=True)
class Lease:
    """Who holds a row, until when: nobody else sends it meanwhile (several processes)."""

    holder: str
    until: dt.datetime


async def enqueue(
    session: AsyncSession,
    channel: str,
    items: list[tuple[str, str, dict[str, Any]]],
    lease: Lease | None = None,
) -> list[OutboxMessage]:
    """Queue (key, chat, payload) replies; a key already queued is not queued again. With a
    `lease`, the replies are born held by the process that will send them after the commit."""
    notices = [Notice(key, chat_ref, payload) for key, chat_ref, payload in items]
    return await _insert(session, channel, REPLY, notices, lease)


async def enqueue_notices(
    session: AsyncSession, channel: str, notices: Sequence[Notice | None]
) -> list[OutboxMessage]:
    """Queue notices for the paced sender; a key queued before (even long sent) is skipped, so
    the rows returned are the ones new this time. A None (someone who cannot be written to:
    `storage.accounts.notice_to`) is left out. On a messenger without buttons their lists are
    remembered (`storage/offered_choices.py`), so a typed number answers them."""
    reachable = [notice for notice in notices if notice is not None]
    queued = await _insert(session, channel, NOTICE, reachable)
    if queued:
        session.info[NOTICES_QUEUED] = True
        await remember_notices(session, channel, queued)
    return queued


OUTBOX = cast(Table, OutboxMessage.__table__)  # Core, for the hot statements (here and inbox)
# Core, not the ORM's bulk insert (half the cost). Only the id and key come back (a key queued
# before is skipped): the rest is what was given, not read back and decoded again.
_QUEUE = InsertOnce(
    OUTBOX,
    lambda insert: insert.returning(OUTBOX.c.id, OUTBOX.c.key, sort_by_parameter_order=True),
)


async def _insert(
    session: AsyncSession,
    channel: str,
    kind: str,
    notices: list[Notice],
    lease: Lease | None = None,
) -> list[OutboxMessage]:
    if not notices:
        return []
    now = utcnow()
    rows = [
        {
            "key": notice.key,
            "channel": notice.channel or channel,
            "chat_ref": notice.chat_ref,
            "payload": notice.payload,
            "created_at": now,
            "status": "pending",
            "attempts": 0,
            "kind": kind,
            "not_before": notice.not_before,
            "member_id": notice.member_id,
            "priority": notice.priority,
            "claimed_by": None if lease is None else lease.holder,
            "claimed_until": None if lease is None else lease.until,
        }
        for notice in notices
    ]
    result = await session.execute(_QUEUE(session), rows)
    given = {row["key"]: row for row in rows}
    queued = [
        OutboxMessage(**given[key], id=id_, sent_at=None, last_error=None) for id_, key in result
    ]
    return sorted(queued, key=lambda message: message.id)


async def pending_messages(
    session: AsyncSession, channel: str, chat_ref: str | None = None
) -> list[OutboxMessage]:
    """Replies not yet sent, oldest first, for one chat or all (notices are the sender's)."""
    query = select(OutboxMessage).where(
        OutboxMessage.channel == channel,
        OutboxMessage.status == "pending",
        OutboxMessage.kind == REPLY,
    )
    if chat_ref is not None:
        query = query.where(OutboxMessage.chat_ref == chat_ref)
    return list((await session.scalars(query.order_by(OutboxMessage.id))).all())


def _unheld_replies(channel: str, now: dt.datetime) -> Select[int]:
    return select(OutboxMessage.id).where(
        OutboxMessage.channel == channel,
        OutboxMessage.kind == REPLY,
        OutboxMessage.status == "pending",
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )


async def replies_unheld(session: AsyncSession, channel: str) -> bool:
    """Whether some pending reply is held by nobody (a read, before taking them)."""
    return (await session.scalar(_unheld_replies(channel, utcnow()).limit(1))) is not None


async def claim_replies(
    session: AsyncSession, channel: str, lease: Lease, limit: int = 200
) -> list[OutboxMessage]:
    """Take up to `limit` pending replies nobody holds (their sender died, or they were queued
    without a lease), oldest first, and hold them under `lease`. A reply a live process is
    sending is held (and its lease renewed) and is not taken; PostgreSQL skips rows another
    transaction has locked, so two takers never take the same row."""
    owed = (
        _unheld_replies(channel, utcnow())
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.scalars(owed)).all())
    if not ids:
        return []
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids))
        .values(claimed_by=lease.holder, claimed_until=lease.until)
        .execution_options(synchronize_session=False)
    )
    taken = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
    )
    return list(taken.all())


async def renew(session: AsyncSession, ids: list[int], lease: Lease) -> None:
    """Hold these rows longer, those still pending and still ours (a row we let lapse and
    another process took stays theirs)."""
    if ids:
        await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(ids),
                OutboxMessage.claimed_by == lease.holder,
                OutboxMessage.status == "pending",
            )
            .values(claimed_until=lease.until)
            .execution_options(synchronize_session=False)
        )


def marking_sent() -> Any:
    """The record of deliveries: rows `ids` sent `at` (storage/inbox.py also looks for the
    chat's next update in the same statement)."""
    return (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(bindparam("ids", expanding=True)))
        .values(status="sent", sent_at=bindparam("at"), attempts=OUTBOX.c.attempts + 1)
    )


_MARK_SENT = marking_sent()  # after every delivery: built once


async def mark_sent(session: AsyncSession, ids: list[int], now: dt.datetime) -> None:
    """These messages reached the messenger."""
    if ids:
        await session.execute(_MARK_SENT, {"ids": ids, "at": now})


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


async def claim_notices(
    session: AsyncSession,
    channel: str,
    sender: str,
    *,
    due_by: dt.datetime,
    held_until: dt.datetime,
    limit: int,
) -> list[OutboxMessage]:
    """Take up to `limit` notices due by `due_by` and not held by a live sender, the highest
    priority first (a call-out's alerts before a broadcast of reminders), then oldest first,
    and hold them until `held_until`. Two senders never hold the same row: PostgreSQL skips
    rows another transaction has locked; SQLite has one writer at a time."""
    now = utcnow()
    due = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.kind == NOTICE,
            OutboxMessage.status == "pending",
            or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= due_by),
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.priority.desc(), OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.scalars(due)).all())
    if not ids:
        return []
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids))
        .values(claimed_by=sender, claimed_until=held_until)
        .execution_options(synchronize_session=False)
    )
    claimed = await session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.id.in_(ids))
        .order_by(OutboxMessage.priority.desc(), OutboxMessage.id)
    )
    return list(claimed.all())


async def next_notice_due(session: AsyncSession, channel: str) -> dt.datetime | None:
    """When the earliest deferred notice may go out (None when none is waiting)."""
    found = await session.scalar(
        select(func.min(OutboxMessage.not_before)).where(
            OutboxMessage.channel == channel,
            OutboxMessage.kind == NOTICE,
            OutboxMessage.status == "pending",
        )
    )
    return found


async def release(session: AsyncSession, sender: str, ids: Sequence[int] | None = None) -> None:
    """Give back what this sender holds but did not send (a graceful stop), or only these rows
    (a batch cut short so that more urgent notices go first)."""
    held = [OutboxMessage.claimed_by == sender, OutboxMessage.status == "pending"]
    if ids is not None:
        held.append(OutboxMessage.id.in_(ids))
    await session.execute(
        update(OutboxMessage)
        .where(*held)
        .values(claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )


async def defer(session: AsyncSession, message_id: int, until: dt.datetime, error: str) -> None:
    """A send failed for now: try again at `until` (any sender may)."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            not_before=until,
            claimed_by=None,
            claimed_until=None,
            last_error=error[:500],
            attempts=OutboxMessage.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )


async def mark_blocked(
    session: AsyncSession, message: OutboxMessage, now: dt.datetime, error: str
) -> None:
    """The person blocked the bot: give the message up and mark them, for the next digest."""
    await mark_failed(session, message.id, error, give_up=True)
    if message.member_id is not None:
        await session.execute(
            update(Member)
            .where(Member.id == message.member_id, Member.blocked_at.is_(None))
            .values(blocked_at=now)
            .execution_options(synchronize_session=False)
        )


async def skip_pending(session: AsyncSession, keys: list[str], now: dt.datetime) -> None:
    """Notices no longer owed (a second alert to someone who has answered): never sent."""
    if keys:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.key.in_(keys), OutboxMessage.status == "pending")
            .values(status="skipped", sent_at=now)
            .execution_options(synchronize_session=False)
        )
