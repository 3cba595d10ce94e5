"""Members: who uses the bot, in which unit, with which role."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.models import Invite, Member


async def member_by_telegram_id(session: AsyncSession, telegram_user_id: int) -> Member | None:
    """The active member behind a Telegram account, with their unit loaded."""
    query = (
        select(Member)
        .where(Member.telegram_user_id == telegram_user_id, Member.status == "active")
        .options(joinedload(Member.unit))
    )
    return (await session.scalars(query)).first()


async def join_by_invite(
    session: AsyncSession,
    invite: Invite,
    telegram_user_id: int,
    full_name: str,
    phone: str,
    now: dt.datetime,
) -> Member:
    """Make a member of the invite's unit, with consent given now; uses one of its places."""
    member = Member(
        telegram_user_id=telegram_user_id,
        full_name=full_name,
        phone=phone,
        role=invite.role,
        unit_id=invite.unit_id,
        status="active",
        consent_at=now,
        joined_at=now,
        invite_id=invite.id,
    )
    invite.uses_left -= 1
    session.add(member)
    await session.flush()
    await session.refresh(member, ["unit"])
    return member


async def members_of_unit(session: AsyncSession, unit_id: int) -> list[Member]:
    """Active members of one unit, in joining order."""
    query = (
        select(Member)
        .where(Member.unit_id == unit_id, Member.status == "active")
        .order_by(Member.id)
    )
    return list((await session.scalars(query)).all())


async def active_members_of_units(session: AsyncSession, unit_ids: set[int]) -> list[Member]:
    """Active members of these units (with a Telegram account), in a stable order."""
    if not unit_ids:
        return []
    rows = await session.scalars(
        select(Member)
        .where(
            Member.unit_id.in_(unit_ids),
            Member.status == "active",
            Member.telegram_user_id.is_not(None),
        )
        .order_by(Member.id)
    )
    return list(rows.all())


async def blocked_members(session: AsyncSession, unit_ids: set[int]) -> list[Member]:
    """Members of these units the bot cannot reach because they blocked it."""
    if not unit_ids:
        return []
    rows = await session.scalars(
        select(Member)
        .where(Member.unit_id.in_(unit_ids), Member.blocked_at.is_not(None))
        .order_by(Member.unit_id, Member.id)
    )
    return list(rows.all())


async def unblock(session: AsyncSession, member: Member) -> None:
    """The person wrote to the bot again: they can be reached."""
    if member.blocked_at is not None:
        member.blocked_at = None
