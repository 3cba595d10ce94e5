"""A member's accounts on the messengers, and where a notice to them goes.

A member may have a Telegram account, a Zalo account, or both (columns of `members`: Telegram's
id, whose private chat has the same id; Zalo's id and the chat it wrote from), and chooses which
one notices go to (`notify_channel`). Everything else asks this module by the `channel` string
an update carries: `member_of(channel, user_ref)` for who is talking, `address_of(member)` and
`notice_to(member, …)` for where a notice goes. Nothing outside storage reads those columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.models import Draft, JoinRequest, Member
from storage.outbox import Notice

TELEGRAM = "telegram"
ZALO = "zalo"
CHANNELS = (TELEGRAM, ZALO)  # notices go to the first a member has, unless they chose


@dataclass(frozen=True)
class Account:
    """One account on one messenger: who (user) and where to write (their private chat)."""

    channel: str
    user_ref: str
    chat_ref: str


@dataclass(frozen=True)
class Address:
    """Where a notice to a member goes."""

    channel: str
    chat_ref: str


def accounts_of(holder: Member | JoinRequest) -> list[Account]:
    """The accounts of a member (or of someone asking to join), Telegram's first."""
    found: list[Account] = []
    if holder.telegram_user_id is not None:
        ref = str(holder.telegram_user_id)
        found.append(Account(TELEGRAM, ref, ref))
    if holder.zalo_user_id is not None:
        found.append(Account(ZALO, holder.zalo_user_id, holder.zalo_chat_id or holder.zalo_user_id))
    return found


def account_on(holder: Member | JoinRequest, channel: str) -> Account | None:
    """The holder's account on one messenger, if any."""
    return next((a for a in accounts_of(holder) if a.channel == channel), None)


def on_bot(member: Member) -> bool:
    """The member has written to the bot from at least one account."""
    return bool(accounts_of(member))


def address_of(member: Member) -> Address | None:
    """Where notices to the member go: the account they chose, else the one they have (Telegram
    first); None when they have none (on the roster, not on the bot yet)."""
    accounts = accounts_of(member)
    chosen = next((a for a in accounts if a.channel == member.notify_channel), None)
    account = chosen or (accounts[0] if accounts else None)
    return Address(account.channel, account.chat_ref) if account is not None else None


def channel_of_chat(member: Member, chat_ref: str) -> str | None:
    """The messenger of one of the member's own private chats (a status message kept in it is
    edited there, whichever messenger the turn that changes it came from); None for a chat that
    is none of theirs."""
    return next((a.channel for a in accounts_of(member) if a.chat_ref == chat_ref), None)


def notice_to(
    member: Member,
    key: str,
    payload: dict[str, Any],
    not_before: dt.datetime | None = None,
    priority: int = 0,
) -> Notice | None:
    """A notice to the member at their address (None when they cannot be written to)."""
    address = address_of(member)
    if address is None:
        return None
    return Notice(key, address.chat_ref, payload, member.id, not_before, priority, address.channel)


def has_account() -> ColumnElement[bool]:
    """SQL: the member is on the bot on some messenger."""
    return or_(Member.telegram_user_id.is_not(None), Member.zalo_user_id.is_not(None))


def _user_clause(model: type[Member] | type[JoinRequest], account: Account) -> ColumnElement[bool]:
    if account.channel == TELEGRAM:
        return model.telegram_user_id == _telegram_id(account.user_ref)
    if account.channel == ZALO:
        return model.zalo_user_id == account.user_ref
    raise ValueError(f"unknown channel {account.channel!r}")


def _telegram_id(user_ref: str) -> int:
    return int(user_ref) if user_ref.lstrip("-").isdigit() else 0


def _account_id(channel: str, user_ref: str) -> int | str:
    """The account's id as the members table keeps it (Telegram's a number)."""
    return _telegram_id(user_ref) if channel == TELEGRAM else user_ref


def _clause(channel: str, user_ref: str, model: type[Member] | type[JoinRequest] = Member) -> Any:
    if channel not in CHANNELS:
        return None
    return _user_clause(model, Account(channel, user_ref, user_ref))


def _member_by(account: Any) -> Any:
    return (
        select(Member)
        .where(account == bindparam("user"), Member.status == "active")
        .options(joinedload(Member.unit))
    )


def _member_and_draft_by(account: Any) -> Any:
    draft = and_(Draft.channel == bindparam("channel"), Draft.user_ref == bindparam("user_ref"))
    return _member_by(account).add_columns(Draft).outerjoin(Draft, draft)


# Who is talking is asked on every update: the statements are built once (building one anew and
# finding it in SQLAlchemy's cache cost as much as running it; bench/RESULTS.md, throughput).
_MEMBER_BY_ACCOUNT = {
    TELEGRAM: _member_by(Member.telegram_user_id),
    ZALO: _member_by(Member.zalo_user_id),
}
_MEMBER_AND_DRAFT_BY_ACCOUNT = {
    TELEGRAM: _member_and_draft_by(Member.telegram_user_id),
    ZALO: _member_and_draft_by(Member.zalo_user_id),
}


async def member_of(session: AsyncSession, channel: str, user_ref: str) -> Member | None:
    """The active member behind an account, with their unit loaded."""
    query = _MEMBER_BY_ACCOUNT.get(channel)
    if query is None:
        return None
    return (await session.scalars(query, {"user": _account_id(channel, user_ref)})).first()


async def member_and_draft_of(
    session: AsyncSession, channel: str, user_ref: str
) -> tuple[Member | None, Draft | None]:
    """`member_of`, and the conversation they have in progress on this messenger
    (`storage.drafts.draft_of`), asked together: one statement, one round trip."""
    query = _MEMBER_AND_DRAFT_BY_ACCOUNT.get(channel)
    if query is None:
        return None, None
    parameters = {"user": _account_id(channel, user_ref), "channel": channel, "user_ref": user_ref}
    found = await session.execute(query, parameters)
    row = found.first()
    return (None, None) if row is None else (row[0], row[1])


async def member_at(session: AsyncSession, channel: str, chat_ref: str) -> Member | None:
    """The active member whose private chat on this messenger is `chat_ref` (whom a message
    to that chat reaches): a Telegram private chat is the account itself; a Zalo chat is the
    one the member wrote from."""
    if channel == ZALO:
        query = select(Member).where(
            or_(Member.zalo_chat_id == chat_ref, Member.zalo_user_id == chat_ref),
            Member.status == "active",
        )
        return (await session.scalars(query.options(joinedload(Member.unit)))).first()
    return await member_of(session, channel, chat_ref)


def no_account_on(channel: str) -> ColumnElement[bool]:
    """SQL: the member has no account on this messenger."""
    if channel == ZALO:
        return Member.zalo_user_id.is_(None)
    return Member.telegram_user_id.is_(None)


def set_account(holder: Member | JoinRequest, account: Account) -> None:
    """Give the holder this account (replacing theirs on the same messenger)."""
    if account.channel == TELEGRAM:
        holder.telegram_user_id = _telegram_id(account.user_ref)
    elif account.channel == ZALO:
        holder.zalo_user_id = account.user_ref
        holder.zalo_chat_id = account.chat_ref
    else:
        raise ValueError(f"unknown channel {account.channel!r}")


def clear_accounts(holder: Member | JoinRequest) -> list[Account]:
    """Take every account off the holder; the accounts it had."""
    had = accounts_of(holder)
    holder.telegram_user_id = None
    holder.zalo_user_id = None
    holder.zalo_chat_id = None
    if isinstance(holder, Member):
        holder.notify_channel = None
    return had


async def release_account(session: AsyncSession, channel: str, user_ref: str) -> None:
    """Someone who left and joins again (or links the account to another membership): an
    account belongs to one membership at a time, so memberships no longer active let go of it."""
    if channel == TELEGRAM:
        values: dict[str, Any] = {"telegram_user_id": None}
    elif channel == ZALO:
        values = {"zalo_user_id": None, "zalo_chat_id": None}
    else:
        return
    await session.execute(
        update(Member)
        .where(_clause(channel, user_ref), Member.status != "active")
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def link_account(session: AsyncSession, member: Member, account: Account) -> None:
    """The account is the member's (their account on that messenger before, if any, is not)."""
    await release_account(session, account.channel, account.user_ref)
    set_account(member, account)
    if member.notify_channel is not None and account_on(member, member.notify_channel) is None:
        member.notify_channel = None
    await session.flush()


def choose_notices_on(member: Member, channel: str) -> bool:
    """Notices to the member go to their account on this messenger; False when they have none
    there."""
    if account_on(member, channel) is None:
        return False
    member.notify_channel = channel
    return True


def request_clause(channel: str, user_ref: str) -> Any:
    """SQL: a join request made from this account (None for a messenger we do not know)."""
    return _clause(channel, user_ref, JoinRequest)
