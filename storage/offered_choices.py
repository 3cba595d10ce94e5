"""The numbered list a chat on a messenger without buttons (Zalo) sees last: the buttons of the
newest message that had any (or asked for a phone number), kept when it is queued, so that the
runtime can read a typed "2" as the press of the second button.

Replies are remembered by the pipeline when it queues them (it knows its channel has no
buttons); notices (reminders, call-out alerts) when they are queued, for the chats that have a
list already: a chat on such a messenger got one with the bot's first buttons, and a Telegram
chat never has one, so no channel name is written here. A notice held for the morning is
remembered from then (`shown_from`); one skipped (a second alert no longer owed) or given up on
never counts. A message without buttons leaves the list as it was: a reminder arriving in the
middle of a form does not take the form's list away."""

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


async def remember(
    session: AsyncSession, messages: Sequence[OutboxMessage], now: dt.datetime | None = None
) -> None:
    """Keep the lists of these queued messages (those without buttons are left out); with `now`,
    drop what each chat saw before."""
    rows = [
        OfferedChoice(
            channel=message.channel,
            chat_ref=message.chat_ref,
            outbox_id=message.id,
            buttons=[
                [{"label": str(b["label"]), "action": str(b["action"])} for b in row]
                for row in message.payload.get("buttons") or []
            ],
            ask_contact=bool(message.payload.get("ask_contact")),
            shown_from=message.not_before,
        )
        for message in messages
        if offers(message.payload)
    ]
    if not rows:
        return
    session.add_all(rows)
    await session.flush()
    if now is None:
        return
    newest: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.shown_from is None or row.shown_from <= now:
            newest[(row.channel, row.chat_ref)] = row.id
    for (channel, chat_ref), row_id in newest.items():
        await session.execute(
            delete(OfferedChoice)
            .where(
                OfferedChoice.channel == channel,
                OfferedChoice.chat_ref == chat_ref,
                OfferedChoice.id < row_id,
                or_(OfferedChoice.shown_from.is_(None), OfferedChoice.shown_from <= now),
            )
            .execution_options(synchronize_session=False)
        )


async def remember_notices(
    session: AsyncSession, channel: str, messages: Sequence[OutboxMessage]
) -> None:
    """Keep the lists of queued notices for the chats that have one (on a messenger without
    buttons); one look at the channel when none of its chats has (Telegram)."""
    offering = [message for message in messages if offers(message.payload)]
    if not offering:
        return
    any_list = await session.scalar(
        select(OfferedChoice.id).where(OfferedChoice.channel == channel).limit(1)
    )
    if any_list is None:
        return
    chats = {message.chat_ref for message in offering}
    listed = set(
        (
            await session.scalars(
                select(OfferedChoice.chat_ref)
                .where(OfferedChoice.channel == channel, OfferedChoice.chat_ref.in_(chats))
                .distinct()
            )
        ).all()
    )
    await remember(session, [message for message in offering if message.chat_ref in listed])


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
    if row is None:
        return None
    return Shown(row.outbox_id, row.buttons, row.ask_contact)
