"""Members: who uses the bot, in which unit, with which role."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.accounts import (
    Account,
    has_account,
    link_account,
    no_account_on,
    release_account,
    set_account,
)
from storage.models import Invite, Member, MemberHistory, Unit

# Vietnamese numbers: 10 digits for mobiles, 11 for landlines with their area code.
PHONE_DIGITS = (10, 11)


def normalise_phone(text: str) -> str | None:
    """A phone number as the roster keeps it ("0912345678"), or None when it is not one.
    Telegram shares "84912345678" or "+84 912 345 678"; people type "0912.345.678"."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.strip().startswith("+") or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = "0" + digits.removeprefix("84")
    if not digits.startswith("0") or len(digits) not in PHONE_DIGITS:
        return None
    return digits


async def join_by_invite(
    session: AsyncSession,
    invite: Invite,
    account: Account,
    full_name: str,
    phone: str,
    now: dt.datetime,
    *,
    phone_typed: bool = False,
) -> Member:
    """Make a member of the invite's unit, with consent given now; uses one of its places."""
    await release_account(session, account.channel, account.user_ref)
    member = Member(
        full_name=full_name,
        phone=phone,
        phone_typed=phone_typed,
        role=invite.role,
        unit_id=invite.unit_id,
        status="active",
        consent_at=now,
        joined_at=now,
        invite_id=invite.id,
    )
    set_account(member, account)
    invite.uses_left -= 1
    session.add(member)
    await session.flush()
    remember(session, member, "joined", now)
    await session.refresh(member, ["unit"])
    return member


# Read at each step of a form that asks who took part: built once.
_MEMBERS_OF_UNIT = (
    select(Member)
    .where(Member.unit_id == bindparam("unit"), Member.status == "active")
    .order_by(Member.id)
)


async def members_of_unit(session: AsyncSession, unit_id: int) -> list[Member]:
    """Active members of one unit, in joining order."""
    return list((await session.scalars(_MEMBERS_OF_UNIT, {"unit": unit_id})).all())


async def reachable_members_of_units(session: AsyncSession, unit_ids: set[int]) -> list[Member]:
    """Active members of these units the bot can write to: on the bot, not blocking it."""
    if not unit_ids:
        return []
    rows = await session.scalars(
        select(Member)
        .where(
            Member.unit_id.in_(unit_ids),
            Member.status == "active",
            has_account(),
            Member.blocked_at.is_(None),
        )
        .order_by(Member.id)
    )
    return list(rows.all())


async def blocked_members(session: AsyncSession, unit_ids: set[int]) -> list[Member]:
    """Active members of these units the bot cannot reach because they blocked it."""
    if not unit_ids:
        return []
    rows = await session.scalars(
        select(Member)
        .where(
            Member.unit_id.in_(unit_ids),
            Member.status == "active",
            Member.blocked_at.is_not(None),
        )
        .order_by(Member.unit_id, Member.id)
    )
    return list(rows.all())


async def unblock(session: AsyncSession, member: Member) -> None:
    """The person wrote to the bot again: they can be reached."""
    if member.blocked_at is not None:
        member.blocked_at = None


def remember(
    session: AsyncSession,
    member: Member,
    event: str,
    now: dt.datetime,
    *,
    reason: str | None = None,
    by: Member | None = None,
) -> None:
    """Keep what just happened to a membership (its unit and role after the event)."""
    session.add(
        MemberHistory(
            member_id=member.id,
            event=event,
            unit_id=member.unit_id,
            role=member.role,
            reason=reason,
            by_member_id=by.id if by is not None else None,
            at=now,
        )
    )


async def registered_member_by_phone(
    session: AsyncSession, phone: str, channel: str
) -> Member | None:
    """An active member with this number (put on the roster by the ward police, or shared by a
    contact button: never a number only typed), without an account on this messenger yet."""
    normalised = normalise_phone(phone)
    if normalised is None:
        return None
    query = select(Member).where(
        Member.phone == normalised,
        Member.status == "active",
        Member.phone_typed.is_(False),
        no_account_on(channel),
    )
    return (await session.scalars(query.order_by(Member.id))).first()


async def claim_registration(
    session: AsyncSession, member: Member, account: Account, now: dt.datetime
) -> Member:
    """The pre-registered member is now on the bot (or on one more messenger), with consent
    given now."""
    await link_account(session, member, account)
    member.consent_at = now
    remember(session, member, "connected", now)
    await session.flush()
    await session.refresh(member, ["unit"])
    return member


async def move_member(
    session: AsyncSession, member: Member, team: Unit, by: Member | None, now: dt.datetime
) -> None:
    """Put a member in another team; the history keeps where they were."""
    member.unit_id = team.id
    await session.flush()
    remember(session, member, "moved", now, by=by)
    await session.refresh(member, ["unit"])


# A team has one leader and one deputy (DOMAIN: 1 leader, 1 deputy, 1–3 members).
SINGLE_ROLES = ("leader", "deputy")


async def change_role(
    session: AsyncSession, member: Member, role: str, by: Member | None, now: dt.datetime
) -> list[Member]:
    """Give a member of a team another role; whoever held a team's only leader or deputy
    place becomes a member. The history keeps every change; the members who stepped down are
    returned (to be told)."""
    stepped_down: list[Member] = []
    if role in SINGLE_ROLES:
        holders = await session.scalars(
            select(Member).where(
                Member.unit_id == member.unit_id,
                Member.status == "active",
                Member.role == role,
                Member.id != member.id,
            )
        )
        for holder in holders:
            holder.role = "member"
            remember(session, holder, "role", now, by=by)
            stepped_down.append(holder)
    member.role = role
    remember(session, member, "role", now, by=by)
    await session.flush()
    return stepped_down


async def rename_member(
    session: AsyncSession, member: Member, full_name: str, by: Member | None, now: dt.datetime
) -> None:
    """Correct how the member's full name is written; the history keeps the name before
    (as the event's reason), and who corrected it."""
    before = member.full_name
    member.full_name = full_name
    remember(session, member, "renamed", now, reason=before, by=by)
    await session.flush()


async def remove_member(
    session: AsyncSession, member: Member, reason: str, by: Member | None, now: dt.datetime
) -> None:
    """The member leaves the team: kept for the history and the counts, no longer active."""
    member.status = "left"
    member.left_at = now
    member.left_reason = reason
    remember(session, member, "left", now, reason=reason, by=by)
    await session.flush()


async def member_by_id(session: AsyncSession, member_id: int) -> Member | None:
    """Any member by id, with their unit loaded."""
    query = select(Member).where(Member.id == member_id).options(joinedload(Member.unit))
    return (await session.scalars(query)).first()


async def active_members_in(session: AsyncSession, unit_ids: list[int]) -> list[Member]:
    """Active members of these units, in joining order."""
    if not unit_ids:
        return []
    query = (
        select(Member)
        .where(Member.unit_id.in_(unit_ids), Member.status == "active")
        .order_by(Member.id)
    )
    return list((await session.scalars(query)).all())


async def history_of(session: AsyncSession, member_id: int) -> list[MemberHistory]:
    """What happened to a membership, oldest first."""
    query = (
        select(MemberHistory).where(MemberHistory.member_id == member_id).order_by(MemberHistory.id)
    )
    return list((await session.scalars(query)).all())
