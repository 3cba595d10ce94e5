"""One-time codes that tie an account to a member.

- **link**: a member asks on one messenger; the code is shown there and typed on the other
  (8 digits: anyone not yet a member may type one, so it must not be guessed among the few
  codes alive at a time; wrong guesses count as wrong invite codes and slow the guesser down).
- **roster**: a typed phone number matched a roster registration from an account new to it; the
  code goes where only the registered person can get it (their other account, or the people who
  know them), and only the account that asked may type it: 6 digits, 5 wrong tries.

Both live 10 minutes, are used once, and only their hash is kept."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccountCode, Member

LINK = "link"
ROSTER = "roster"
LIFETIME = dt.timedelta(minutes=10)
WRONG_TRIES_ALLOWED = 5
DIGITS = {LINK: 8, ROSTER: 6}


class CodeCheck(enum.Enum):
    """What typing a roster code came to."""

    RIGHT = "right"
    WRONG = "wrong"
    LOCKED = "locked"  # the last try allowed was wrong, or it was locked before
    EXPIRED = "expired"


@dataclass(frozen=True)
class IssuedCode:
    """A code and the row that keeps its hash."""

    row: AccountCode
    code: str


def _hash(purpose: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}:{code}".encode()).hexdigest()


def looks_like(purpose: str, text: str) -> str | None:
    """The code in what was typed ("1234 5678", "123-456" too), or None when it is not one."""
    digits = "".join(ch for ch in text if ch.isdigit())
    rest = "".join(ch for ch in text if not ch.isdigit() and ch not in " -.")
    if rest or len(digits) != DIGITS[purpose]:
        return None
    return digits


async def issue_code(
    session: AsyncSession,
    purpose: str,
    member: Member,
    now: dt.datetime,
    *,
    channel: str | None = None,
    user_ref: str | None = None,
) -> IssuedCode:
    """A fresh code for the member; their earlier unused codes of the purpose are dropped."""
    await session.execute(
        update(AccountCode)
        .where(
            AccountCode.member_id == member.id,
            AccountCode.purpose == purpose,
            AccountCode.used_at.is_(None),
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    code = "".join(secrets.choice("0123456789") for _ in range(DIGITS[purpose]))
    row = AccountCode(
        purpose=purpose,
        member_id=member.id,
        code_hash=_hash(purpose, code),
        channel=channel,
        user_ref=user_ref,
        created_at=now,
        expires_at=now + LIFETIME,
        wrong_tries=0,
    )
    session.add(row)
    await session.flush()
    return IssuedCode(row, code)


async def check_roster_code(
    session: AsyncSession, code_id: int, channel: str, user_ref: str, typed: str, now: dt.datetime
) -> CodeCheck:
    """Check a roster code typed by the account that asked for it; a right one is used up."""
    row = await session.get(AccountCode, code_id, with_for_update=True)
    if row is None or row.channel != channel or row.user_ref != user_ref or row.used_at:
        return CodeCheck.EXPIRED
    if row.wrong_tries >= WRONG_TRIES_ALLOWED:
        return CodeCheck.LOCKED
    if row.expires_at <= now:
        return CodeCheck.EXPIRED
    code = looks_like(ROSTER, typed)
    if code is not None and hmac.compare_digest(row.code_hash, _hash(ROSTER, code)):
        row.used_at = now
        return CodeCheck.RIGHT
    row.wrong_tries += 1
    return CodeCheck.LOCKED if row.wrong_tries >= WRONG_TRIES_ALLOWED else CodeCheck.WRONG


async def use_link_code(session: AsyncSession, typed: str, now: dt.datetime) -> Member | None:
    """The member whose live link code this is (the code used up), or None."""
    code = looks_like(LINK, typed)
    if code is None:
        return None
    row = (
        await session.scalars(
            select(AccountCode)
            .where(
                AccountCode.code_hash == _hash(LINK, code),
                AccountCode.purpose == LINK,
                AccountCode.used_at.is_(None),
                AccountCode.expires_at > now,
            )
            .with_for_update()
        )
    ).first()
    if row is None:
        return None
    row.used_at = now
    member = await session.get(Member, row.member_id)
    return member if member is not None and member.status == "active" else None
