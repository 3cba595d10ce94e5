"""The numbered list a chat on a messenger without buttons (Zalo) sees last, kept when the
message is queued, so that the runtime can read a typed "2" as the press of the second button.

- The conversation's newest message in a chat (the last `Say` or `Edit` of a turn's replies)
  is remembered by the pipeline when it queues it (it knows its channel has no buttons): its
  buttons, or whether it asked for a phone number; without either, the chat has no list (a
  question to type an answer to, such as a figure: a typed "3" is then the answer).
- Notices (reminders, call-out alerts) are remembered when they are queued, those with
  buttons only, for the chats that have a row already: a chat on such a messenger got one
  with the bot's first reply, and a Telegram chat never has one, so no channel name is
  written here. A notice without buttons (a reminder in the middle of a form) leaves the
  list as it was. One held for the morning counts from then (`shown_from`); one skipped (a
  second alert no longer owed) or given up on never counts.
- The runtime's own notes and the conversation's toasts (which such a channel sends as
  messages) leave the list as it was: the question they are about is still the one asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OfferedChoice, OutboxMessage

# An outbox row in these states was never seen: its list does not count.
UNSEEN = ("skipped", "failed")


@dataclass(frozen=True)
class Shown:
    """The list a chat sees: the message it belongs to (its outbox row), its buttons as rows of
    `{label, action}`, and whether it asked for a phone number."""

    outbox_id: int
    buttons: list[list[dict[str, str]]]
    ask_contact: bool


def offers(payload: dict[str, Any]) -> bool:
    """Whether a queued message (a `Say` or `Edit` as JSON) shows buttons or asks for a phone."""
    if payload.get("kind") not in ("say", "edit"):
        return False
    return any(payload.get("buttons") or []) or bool(payload.get("ask_contact"))


def _row(message: OutboxMessage) -> OfferedChoice:
    return OfferedChoice(
        channel=message.channel,
        chat_ref=message.chat_ref,
        outbox_id=message.id,
        buttons=[
            [{"label": str(b["label"]), "action": str(b["action"])} for b in row]
            for row in message.payload.get("buttons") or []
        ]
        if message.payload.get("kind") in ("say", "edit")
        else [],
        ask_contact=bool(message.payload.get("ask_contact")),
        shown_from=message.not_before,
    )


async def remember_screen(session: AsyncSession, message: OutboxMessage, now: dt.datetime) -> None:
    """The conversation's newest message to a chat (a reply): its list, or, without buttons,
    none (a question to type an answer to: a typed number is then the answer); what the chat
    saw before is forgotten."""
    row = _row(message)
    session.add(row)
    await session.flush()
    await session.execute(
        delete(OfferedChoice)
        .where(
            OfferedChoice.channel == row.channel,
            OfferedChoice.chat_ref == row.chat_ref,
            OfferedChoice.id < row.id,
            or_(OfferedChoice.shown_from.is_(None), OfferedChoice.shown_from <= now),
        )
        .execution_options(synchronize_session=False)
    )


async def remember_notices(
    session: AsyncSession, channel: str, messages: Sequence[OutboxMessage]
) -> None:
    """Keep the lists of queued notices that have one, for the chats that have a list row
    already (on a messenger without buttons); one look per messenger when none of its chats
    has (Telegram). Each row is on its own messenger (a turn on Telegram may notify someone on
    Zalo); `channel` is the queue's, for rows that name none. A notice without buttons leaves
    the chat's list as it was."""
    by_channel: dict[str, list[OutboxMessage]] = {}
    for message in messages:
        if offers(message.payload):
            by_channel.setdefault(message.channel or channel, []).append(message)
    for messenger, offering in by_channel.items():
        any_list = await session.scalar(
            select(OfferedChoice.id).where(OfferedChoice.channel == messenger).limit(1)
        )
        if any_list is None:
            continue
        chats = {message.chat_ref for message in offering}
        listed = set(
            (
                await session.scalars(
                    select(OfferedChoice.chat_ref)
                    .where(OfferedChoice.channel == messenger, OfferedChoice.chat_ref.in_(chats))
                    .distinct()
                )
            ).all()
        )
        session.add_all([_row(message) for message in offering if message.chat_ref in listed])
    await session.flush()


async def shown(
    session: AsyncSession, channel: str, chat_ref: str, now: dt.datetime
) -> Shown | None:
    """The list the chat sees at `now`: its newest remembered message already shown, and not
    skipped or given up on; None when there is none."""
    query = (
        select(OfferedChoice)
        .outerjoin(OutboxMessage, OutboxMessage.id == OfferedChoice.outbox_id)
        .where(
            OfferedChoice.channel == channel,
            OfferedChoice.chat_ref == chat_ref,
            or_(OfferedChoice.shown_from.is_(None), OfferedChoice.shown_from <= now),
            or_(OutboxMessage.status.is_(None), OutboxMessage.status.not_in(UNSEEN)),
        )
        .order_by(OfferedChoice.id.desc())
        .limit(1)
    )
    row = (await session.scalars(query)).first()
    if row is None or not (any(row.buttons) or row.ask_contact):
        return None
    return Shown(row.outbox_id, row.buttons, row.ask_contact)
