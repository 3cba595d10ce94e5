"""A team's linked group the bot can no longer write in (someone removed the bot, or the group
was deleted): the link is dropped so that reminders go to the team's members again, and the
leader and deputy learn how to link the group again. The bot learns it from Telegram's
my_chat_member update (`group_removed`), or, if it missed that, from a message the group refused
(`group_lost`): then what the group was owed goes to each member privately. Nothing owed to the
team is lost with the group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chat.replies import Say
from chat.texts import Texts
from handlers.access import TEAM_ROLES
from storage.accounts import notice_to
from storage.members import reachable_members_of_units
from storage.models import Member, OutboxMessage, Unit
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
) -> Unit | None:
    """The team whose linked group refused `undelivered` (all to that one chat), unlinked, with
    the messages queued to its members privately and the leaders told; None when the group is
    no team's (nothing to do)."""
    if not undelivered:
        return None
    chat_id = int(undelivered[0].chat_ref)
    found = await _unlinked(session, chat_id)
    if found is None:
        return None
    team, people = found
    notices = [
        notice_to(member, f"{message.key}:private:{member.id}", message.payload)
        for message in undelivered
        for member in people
    ]
    notices += _told(texts, team, people, f"refused:{undelivered[0].id}", None)
    await enqueue_notices(session, channel, notices)
    return team


async def chat_refused(
    session: AsyncSession, channel: str, texts: Texts, undelivered: Sequence[OutboxMessage]
) -> str:
    """A chat refused `undelivered` for good: a team's group is unlinked (`group_lost`), a person
    has blocked the bot (nothing more to do). Says what was done, for the sender's log."""
    if not undelivered or not is_group(undelivered[0].chat_ref):
        return "the person blocked the bot"
    team = await group_lost(session, channel, texts, undelivered)
    return f"the group refused it; unlinked from team {team.id}" if team else "the group refused it"


async def group_removed(
    session: AsyncSession,
    channel: str,
    texts: Texts,
    chat_id: int,
    event: str,
    not_before: dt.datetime | None,
) -> Unit | None:
    """Telegram says the bot was removed from a group (`event` names that update): the team it
    served, unlinked and its leaders told at once; None when the group was no team's."""
    found = await _unlinked(session, chat_id)
    if found is None:
        return None
    team, people = found
    await enqueue_notices(session, channel, _told(texts, team, people, event, not_before))
    return team


async def _unlinked(session: AsyncSession, chat_id: int) -> tuple[Unit, list[Member]] | None:
    """The team linked to the group, unlinked, and the people of the team the bot can reach."""
    team = await session.scalar(select(Unit).where(Unit.group_chat_id == chat_id))
    if team is None:
        return None
    team.group_chat_id = None
    people = [
        member
        for member in await reachable_members_of_units(session, {team.id})
        if member.role in TEAM_ROLES
    ]
    return team, people


def _told(
    texts: Texts, team: Unit, people: Sequence[Member], event: str, not_before: dt.datetime | None
) -> list[Notice | None]:
    """The leader and deputy told the group is no longer linked, and how to link it again."""
    told = Say(text=texts("group-lost", team=team.name)).model_dump(mode="json")
    return [
        notice_to(member, f"notice:group-lost:{team.id}:{event}:{member.id}", told, not_before)
        for member in people
        if member.role in LEADERS
    ]
