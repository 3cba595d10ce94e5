"""The inbox: every update stored before it is acknowledged, handled once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlalchemy import Table, bindparam, exists, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import REPLIES_OWED, InboxUpdate, utcnow
from storage.outbox import OUTBOX, marking_sent
from storage.upsert import InsertOnce, insert_ignoring_duplicates


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


# The same key for two different updates (a derived key's collision, Zalo): the later is stored
# under the next free key, looked for this many places on.
REKEY_TRIES = 16
SameUpdate = Callable[[dict[str, Any], dict[str, Any]], bool]


_INBOX = cast(Table, InboxUpdate.__table__)  # Core: no ORM bookkeeping on the hot path
_STORE = InsertOnce(
    _INBOX,
    lambda insert: insert.returning(
        _INBOX.c.id,
        _INBOX.c.update_id,
        _INBOX.c.chat_ref,
        _INBOX.c.error,
        sort_by_parameter_order=True,
    ),
)


async def store_updates(
    session: AsyncSession,
    channel: str,
    updates: list[Delivered],
    same_update: SameUpdate | None = None,
) -> list[Stored]:
    """Store new updates; ones already stored (a redelivery) are skipped and not returned, nor
    are unreadable ones (stored as handled, with their error).

    A messenger whose keys are derived (Zalo has no update id) passes `same_update`, which says
    whether a stored payload and a delivered one are one update: a key already taken by another
    update is a collision, not a redelivery, and the update is stored under the next free key
    (still in send order: the key's low bits are a hash)."""
    if not updates:
        return []
    now = utcnow()
    rows = [_row(channel, update, now) for update in updates]
    result = await session.execute(_STORE(session), rows)
    inserted = list(result)
    stored = [Stored(id=row.id, chat_ref=row.chat_ref) for row in inserted if row.error is None]
    if same_update is not None:
        taken = {row.update_id for row in inserted}
        for update in updates:
            if update.update_id not in taken and update.unreadable is None:
                rekeyed = await _store_beside(session, channel, update, now, same_update)
                if rekeyed is not None:
                    stored.append(rekeyed)
    return sorted(stored, key=lambda row: row.id)


def _row(channel: str, update: Delivered, now: dt.datetime) -> dict[str, Any]:
    return {
        "channel": channel,
        "update_id": update.update_id,
        "chat_ref": update.chat_ref,
        "payload": update.payload,
        "received_at": now,
        "handled_at": now if update.unreadable is not None else None,
        "error": update.unreadable,
    }


async def _store_beside(
    session: AsyncSession,
    channel: str,
    update: Delivered,
    now: dt.datetime,
    same_update: SameUpdate,
) -> Stored | None:
    """An update whose key was taken: None when the holder of that key (or of one of the next
    keys, where an earlier collision put it) is this very update delivered again; otherwise it
    is stored under the first free key after its own."""
    key = update.update_id
    for _ in range(REKEY_TRIES):
        holder = await session.scalar(
            select(InboxUpdate.payload).where(
                InboxUpdate.channel == channel, InboxUpdate.update_id == key
            )
        )
        if holder is None:
            moved = Delivered(key, update.chat_ref, update.payload)
            statement = insert_ignoring_duplicates(session, InboxUpdate).returning(
                InboxUpdate.id, InboxUpdate.chat_ref
            )
            row = (await session.execute(statement, [_row(channel, moved, now)])).first()
            if row is not None:
                return Stored(id=row.id, chat_ref=row.chat_ref)
            continue  # taken meanwhile by another process: look at it again
        if same_update(holder, update.payload):
            return None  # delivered again
        key += 1
    raise InboxKeyCollision(f"{channel}: no free key near {update.update_id}")


class InboxKeyCollision(Exception):
    """Every key near an update's was taken by other updates (never expected: a key is a time
    in milliseconds and a hash); the batch is not stored, so the messenger delivers it again."""


# One per update: built once (building a statement cost as much as running it).
_CLAIM_UPDATE = (
    update(_INBOX)
    .where(_INBOX.c.id == bindparam("inbox_id"), _INBOX.c.handled_at.is_(None))
    .values(handled_at=bindparam("claimed_at"), error=bindparam("failure"))
    .returning(_INBOX.c.payload)
)


async def claim_update(
    session: AsyncSession, inbox_id: int, now: dt.datetime, error: str | None = None
) -> dict[str, Any] | None:
    """Mark the update handled (with the error, if handling failed) and return its body;
    None when it was handled already. Rolling the transaction back un-claims it."""
    parameters = {"inbox_id": inbox_id, "claimed_at": now, "failure": error}
    payload: dict[str, Any] | None = (
        await session.execute(_CLAIM_UPDATE, parameters)
    ).scalar_one_or_none()
    return payload


async def unhandled_updates(session: AsyncSession, channel: str) -> list[Stored]:
    """Updates stored but not handled (the process stopped before it got to them)."""
    query = (
        select(InboxUpdate.id, InboxUpdate.chat_ref)
        .where(InboxUpdate.channel == channel, InboxUpdate.handled_at.is_(None))
        .order_by(InboxUpdate.id)
    )
    return [Stored(id=row.id, chat_ref=row.chat_ref) for row in await session.execute(query)]


# --- one chat in order across processes (issue 16) ---------------------------------------------
# PostgreSQL advisory locks of the two-key form: this namespace, then hashtext(channel:chat).
CHAT_LOCK_NAMESPACE = 0x616E7474  # "antt"
ChatLock = Literal["rows", "advisory"]


@dataclass(frozen=True)
class Claimed:
    """The chat's next update, claimed (marked handled) in the caller's transaction."""

    id: int
    payload: dict[str, Any]


# The chat has a reply not yet sent that the claiming holder does not hold
# (`ix_outbox_replies_owed` holds only the replies owed now: a probe of the chat's few).
# The parameters are not named after columns: the claim is an UPDATE of `inbox`.
_REPLIES_OWED = exists().where(
    text(REPLIES_OWED),  # as written: the partial index's own condition, never a parameter
    OUTBOX.c.chat_ref == bindparam("in_chat"),
    OUTBOX.c.channel == bindparam("in_channel"),
    OUTBOX.c.claimed_by.is_distinct_from(bindparam("holder")),
)


def _head(owed: bool) -> Any:
    """The chat's oldest unhandled update; with `owed`, none while replies are owed."""
    head = (
        select(_INBOX.c.id)
        .where(
            _INBOX.c.channel == bindparam("in_channel"),
            _INBOX.c.chat_ref == bindparam("in_chat"),
            _INBOX.c.handled_at.is_(None),
        )
        .order_by(_INBOX.c.update_id)
        .limit(1)
    )
    return head.where(~_REPLIES_OWED) if owed else head


def _claim_head(head: Any) -> Any:
    """The chat's head (`_head`) locked unless another holds it, marked handled, returned."""
    locked = (
        select(_INBOX.c.id)
        .where(_INBOX.c.id == head.scalar_subquery(), _INBOX.c.handled_at.is_(None))
        .with_for_update(skip_locked=True)
        .cte("locked")
    )
    return (
        update(_INBOX)
        .where(_INBOX.c.id == locked.c.id)
        .values(handled_at=bindparam("claimed_at"), error=None)
        .returning(_INBOX.c.id, _INBOX.c.payload)
    )


# Taken once or twice per update: built once (by whether replies owed are checked).
_HEAD = {owed: _head(owed) for owed in (False, True)}
_CLAIM_HEAD = {owed: _claim_head(head) for owed, head in _HEAD.items()}


async def claim_next_in_chat(
    session: AsyncSession,
    channel: str,
    chat_ref: str,
    now: dt.datetime,
    lock: ChatLock = "rows",
    holder: str | None = None,
) -> Claimed | None:
    """Claim the chat's oldest unhandled update (by update_id), unless another transaction is
    handling this chat: None then, or when nothing is left. The claim holds until the
    transaction ends; a rollback (a crash) leaves the update to whoever looks next.

    On PostgreSQL `lock` says how a chat is held: "rows" locks the chat's oldest unhandled row
    (`FOR UPDATE SKIP LOCKED`: a held head means the chat is busy), "advisory" takes
    `pg_try_advisory_xact_lock` on the chat. SQLite has one writer at a time: nothing to lock.

    With a `holder` (PostgreSQL), the chat is busy too while it has replies not yet sent that
    are not this holder's (another process is sending them, or nobody is: whoever takes them
    sends them first), so a chat's replies go out in the order of its updates; the holder's
    own are sent on its lane before it claims again. In the same statement."""
    postgres = session.bind is not None and session.bind.dialect.name == "postgresql"
    owed = postgres and holder is not None
    parameters = {"in_channel": channel, "in_chat": chat_ref, "holder": holder, "claimed_at": now}
    if postgres and lock == "advisory":
        held = await session.execute(
            text("SELECT pg_try_advisory_xact_lock(:space, hashtext(:chat))"),
            {"space": CHAT_LOCK_NAMESPACE, "chat": f"{channel}:{chat_ref}"},
        )
        if not held.scalar_one():
            return None
        inbox_id = (await session.execute(_HEAD[owed], parameters)).scalar_one_or_none()
    elif postgres:
        # One round trip: the head locked (skipped when another holds it: the chat is busy,
        # never its next row), then marked handled, its body returned.
        row = (await session.execute(_CLAIM_HEAD[owed], parameters)).one_or_none()
        return None if row is None else Claimed(row.id, row.payload)
    else:
        inbox_id = (await session.execute(_HEAD[False], parameters)).scalar_one_or_none()
    if inbox_id is None:
        return None
    payload = await claim_update(session, inbox_id, now)
    return None if payload is None else Claimed(inbox_id, payload)


# After a chat's update is handled: is another waiting (stored by any process)? Most often
# not; one statement outside a transaction answers it (`Database.glance`).
def _waiting_in(chat: str, channel: str) -> Any:
    """Whether chat `chat` of channel `channel` (the parameters' names) has an update waiting."""
    return select(
        exists().where(
            _INBOX.c.handled_at.is_(None),
            _INBOX.c.chat_ref == bindparam(chat),
            _INBOX.c.channel == bindparam(channel),
        )
    )


_WAITING_IN_CHAT = _waiting_in("chat", "channel")


async def chat_has_waiting(connection: AsyncConnection, channel: str, chat_ref: str) -> bool:
    """Whether the chat has an update stored and not handled (`ix_inbox_pending` finds it)."""
    found = await connection.execute(_WAITING_IN_CHAT, {"chat": chat_ref, "channel": channel})
    return bool(found.scalar())


# Several processes (PostgreSQL): a lane's deliveries are recorded before it takes the chat's
# next update, and it looks for one. Both in one statement (the record a data-changing WITH):
# one round trip instead of two. The look's parameters are named apart from the outbox's
# columns: an UPDATE takes a parameter named as one of its columns for a value to set.
_RECORD_AND_LOOK = _waiting_in("look_chat", "look_channel").add_cte(
    marking_sent().returning(OUTBOX.c.id).cte("sent")
)


async def record_sent_and_look(
    session: AsyncSession, ids: list[int], now: dt.datetime, channel: str, chat_ref: str
) -> bool:
    """Record these replies sent, and say whether the chat has an update waiting."""
    parameters = {"ids": ids, "at": now, "look_chat": chat_ref, "look_channel": channel}
    return bool((await session.execute(_RECORD_AND_LOOK, parameters)).scalar())


async def waiting_chats(
    session: AsyncSession, channel: str, received_before: dt.datetime
) -> list[str]:
    """Chats with an update stored before `received_before` and still not handled (its process
    died, or is far behind)."""
    query = (
        select(InboxUpdate.chat_ref)
        .where(
            InboxUpdate.channel == channel,
            InboxUpdate.handled_at.is_(None),
            InboxUpdate.received_at < received_before,
        )
        .distinct()
    )
    return list(await session.scalars(query))
