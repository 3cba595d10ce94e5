"""Forgetting a person (a deletion request under the personal data law): their personal fields
go, the anonymous counts stay (the member row, its team, its role, its reports)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import TELEGRAM, Account, clear_accounts, request_clause
from storage.members import remember
from storage.models import (
    AccountCode,
    Draft,
    InboxUpdate,
    InviteAttempt,
    JoinRequest,
    Member,
    MemberHistory,
    OutboxMessage,
    SharedFile,
)

ERASED_NAME = "—"
ERASED_CHAT = "erased"  # a private chat's id names the person's account


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a member touched."""

    member_id: int
    messages_blanked: int
    requests_blanked: int


async def forget_member(session: AsyncSession, member: Member, now: dt.datetime) -> Forgotten:
    """Erase the member's name (and the names it had before a correction), phone, every account
    on every messenger (Telegram, Zalo) and date of birth, and every stored message to or from
    them, their one-time codes included; keep the row (anonymous), its history and its
    reports."""
    phone = member.phone
    member.full_name = ERASED_NAME
    member.phone = None
    accounts = clear_accounts(member)
    member.birth_date = None
    member.left_at = member.left_at or now
    member.left_reason = "erased"
    member.status = "erased"
    remember(session, member, "erased", now)
    await session.execute(  # names it had before a correction
        update(MemberHistory)
        .where(MemberHistory.member_id == member.id, MemberHistory.event == "renamed")
        .values(reason=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(AccountCode).where(AccountCode.member_id == member.id))
    theirs = [JoinRequest.phone == phone] if phone is not None else []
    theirs += [request_clause(account.channel, account.user_ref) for account in accounts]
    requests = await session.execute(
        update(JoinRequest)
        .where(or_(false(), *theirs))
        .values(
            full_name=ERASED_NAME,
            phone=None,
            telegram_user_id=None,
            zalo_user_id=None,
            zalo_chat_id=None,
        )
        .execution_options(synchronize_session=False)
    )
    blanked = 0
    for account in accounts:
        blanked += await _forget_account(session, account)
    # Files kept for their download links (issue 17) carry their messenger account.
    await session.execute(delete(SharedFile).where(SharedFile.member_id == member.id))
    await session.flush()
    return Forgotten(member.id, blanked, int(requests.rowcount or 0))  # type: ignore[attr-defined]


async def _forget_account(session: AsyncSession, account: Account) -> int:
    """Drafts, wrong invite codes, and the messages to and from one account."""
    channel, ref = account.channel, account.user_ref
    await session.execute(delete(Draft).where(Draft.channel == channel, Draft.user_ref == ref))
    await session.execute(
        delete(InviteAttempt).where(InviteAttempt.channel == channel, InviteAttempt.user_ref == ref)
    )
    blanked = await _blank_inbox(session, account)
    outbox = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.channel == channel, OutboxMessage.chat_ref == account.chat_ref)
        .values(payload={}, chat_ref=ERASED_CHAT, status="failed", last_error="erased")
        .execution_options(synchronize_session=False)
    )
    return blanked + int(outbox.rowcount or 0)  # type: ignore[attr-defined]


async def _blank_inbox(session: AsyncSession, account: Account) -> int:
    """Updates from the person: their private chat, and what they sent in (Telegram) groups."""
    own = await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.channel == account.channel, InboxUpdate.chat_ref == account.chat_ref)
        .values(payload={}, chat_ref=ERASED_CHAT)
        .execution_options(synchronize_session=False)
    )
    count = int(own.rowcount or 0)  # type: ignore[attr-defined]
    if account.channel != TELEGRAM:
        return count  # the bot is in no group on another messenger
    groups = await session.scalars(
        select(InboxUpdate).where(
            InboxUpdate.channel == account.channel, InboxUpdate.chat_ref.like("-%")
        )
    )
    for row in groups:
        body = row.payload.get("message") or row.payload.get("callback_query") or {}
        if (body.get("from") or {}).get("id") == int(account.user_ref):
            row.payload = {}
            count += 1
    return count
