"""Invites: a random code given once, kept only as its hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.invite_codes import new_code, read_code
from storage.invite_terms import InviteProblem as InviteProblem
from storage.invite_terms import problem_with as problem_with
from storage.models import Invite, InviteAttempt, Unit

ROLES = ("member", "deputy", "leader", "officer", "leadership", "province", "admin")


@dataclass(frozen=True)
class IssuedInvite:
    """An invite and the code shown once to whoever created it (its stored form, no dashes:
    `storage.invite_codes.shown` groups it for reading)."""

    invite: Invite
    code: str


_INVITE_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def looks_like_invite(text: str) -> str | None:
    """An invite code sent as a message of its own (a messenger without links that carry it,
    or a code copied), or None: a code as the bot shows them (`storage/invite_codes.py`, typed
    with spaces, dashes or in lower case), or one word as long as the older codes were."""
    word = text.strip()
    if read_code(word) is not None:  # "ABCD-EFGH-JKMN", however it was typed
        return word
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
    code = new_code()
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
    """The invite a code belongs to, locked for update when it is about to be used. The code may
    be typed as people read it (groups, lower case) or be one of the older codes."""
    query = select(Invite).where(Invite.code_hash.in_(_hashes_of(code)))
    if lock:
        query = query.with_for_update()
    return (await session.scalars(query)).first()


def _hashes_of(typed: str) -> list[str]:
    """The stored hashes `typed` may stand for: as it is (the older codes, where case matters),
    and read as a code of today's format."""
    hashes = [hash_code(typed)]
    current = read_code(typed)
    if current is not None and hash_code(current) not in hashes:
        hashes.append(hash_code(current))
    return hashes


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
