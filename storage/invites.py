"""Invite links: a random code given once, kept only as its hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.invite_terms import InviteProblem as InviteProblem
from storage.invite_terms import problem_with as problem_with
from storage.models import Invite, InviteAttempt, Unit

ROLES = ("member", "deputy", "leader", "officer", "leadership", "province", "admin")
CODE_BYTES = 16  # 128 bits of randomness


@dataclass(frozen=True)
class IssuedInvite:
    """An invite and the code shown once to whoever created it."""

    invite: Invite
    code: str


_INVITE_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def looks_like_invite(text: str) -> str | None:
    """An invite code sent as a message of its own (a messenger without links that carry it,
    or a code copied), or None: one word of the code's letters, as long as codes are."""
    word = text.strip()
    return word if _INVITE_SHAPE.fullmatch(word) and not word.isdigit() else None


def hash_code(code: str) -> str:
    """The stored form of a code; the code itself is never stored."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(
    session: AsyncSession, unit: Unit, role: str, uses: int, days: int, now: dt.datetime
) -> IssuedInvite:
    """A new invite to `unit` with `role`, valid for `days` and `uses` joins."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    if uses < 1:
        raise ValueError("--uses must be at least 1")
    if days < 1:
        raise ValueError("--days must be at least 1")
    code = secrets.token_urlsafe(CODE_BYTES)
    invite = Invite(
        code_hash=hash_code(code),
        unit=unit,
        role=role,
        uses_left=uses,
        expires_at=now + dt.timedelta(days=days),
    )
    session.add(invite)
    await session.flush()
    return IssuedInvite(invite=invite, code=code)


async def find_invite(session: AsyncSession, code: str, *, lock: bool = False) -> Invite | None:
    """The invite a code belongs to, locked for update when it is about to be used."""
    query = select(Invite).where(Invite.code_hash == hash_code(code))
    if lock:
        query = query.with_for_update()
    return (await session.scalars(query)).first()


async def revoke_invite(session: AsyncSession, code: str, now: dt.datetime) -> Invite:
    """Stop a code from working; a LookupError when the code is unknown."""
    invite = await find_invite(session, code, lock=True)
    if invite is None:
        raise LookupError("no invite has this code")
    invite.revoked_at = invite.revoked_at or now
    return invite


async def record_wrong_code(
    session: AsyncSession, channel: str, user_ref: str, now: dt.datetime
) -> None:
    """Someone typed a code that is no invite."""
    session.add(InviteAttempt(channel=channel, user_ref=user_ref, at=now))
    await session.flush()


async def wrong_codes_since(
    session: AsyncSession, channel: str, user_ref: str, since: dt.datetime
) -> list[dt.datetime]:
    """When this person typed wrong codes since `since`, oldest first."""
    query = (
        select(InviteAttempt.at)
        .where(
            InviteAttempt.channel == channel,
            InviteAttempt.user_ref == user_ref,
            InviteAttempt.at >= since,
        )
        .order_by(InviteAttempt.at)
    )
    return list((await session.scalars(query)).all())


async def usable_invites_of(session: AsyncSession, unit_id: int, now: dt.datetime) -> list[Invite]:
    """A unit's invites that still work, newest first."""
    query = (
        select(Invite)
        .where(Invite.unit_id == unit_id, Invite.revoked_at.is_(None), Invite.expires_at > now)
        .where(Invite.uses_left > 0)
        .order_by(Invite.id.desc())
    )
    return list((await session.scalars(query)).all())
