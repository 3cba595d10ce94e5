"""A team's linked group the bot can no longer write in (someone removed the bot, or the group
was deleted): the link is dropped so that reminders go to the team's members again, what the
group was owed goes to each of them privately, and the leader and deputy learn how to link the
group again. Nothing owed to the team is lost with the group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import TEAM_ROLES
from handlers.replies import Say
from handlers.texts import Texts
from storage.members import reachable_members_of_units
from storage.models import OutboxMessage, Unit
from storage.outbox import Notice, enqueue_notices

LEADERS = ("leader", "deputy")


def is_group(chat_ref: str) -> bool:
    """Whether a chat is a group (Telegram's group ids are negative)."""
    return chat_ref.startswith("-")


async def group_lost(
    session: AsyncSession,
    channel: str,
    texts: Texts,
    undelivered: Sequence[OutboxMessage],
    now: dt.datetime,
) -> Unit | None:
    """The team whose linked group refused `undelivered` (all to that one chat), unlinked, with
    the messages queued to its members privately and the leaders told; None when the group is
    no team's (nothing to do)."""
    if not undelivered:
        return None
    chat_id = int(undelivered[0].chat_ref)
    team = await session.scalar(select(Unit).where(Unit.group_chat_id == chat_id))
    if team is None:
        return None
    team.group_chat_id = None
    people = [
        member
        for member in await reachable_members_of_units(session, {team.id})
        if member.role in TEAM_ROLES
    ]
    notices = [
        Notice(
            f"{message.key}:private:{member.id}",
            str(member.telegram_user_id),
            message.payload,
            member.id,
        )
        for message in undelivered
        for member in people
    ]
    told = Say(text=texts("group-lost", team=team.name)).model_dump(mode="json")
    notices += [
        Notice(
            f"notice:group-lost:{team.id}:{undelivered[0].id}:{member.id}",
            str(member.telegram_user_id),
            told,
            member.id,
        )
        for member in people
        if member.role in LEADERS
    ]
    await enqueue_notices(session, channel, notices)
    return team
