"""Join requests: people waiting for the team's leader or the ward police to let them in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import Account, accounts_of, release_account, request_clause, set_account
from storage.members import remember
from storage.models import Invite, JoinRequest, Member


async def request_to_join(
    session: AsyncSession,
    invite: Invite,
    account: Account,
    full_name: str,
    phone: str,
    now: dt.datetime,
    *,
    phone_typed: bool = False,
) -> JoinRequest:
    """Record a request (consent given now); it takes one of the invite's places."""
    request = JoinRequest(
        invite_id=invite.id,
        unit_id=invite.unit_id,
        role=invite.role,
        full_name=full_name,
        phone=phone,
        phone_typed=phone_typed,
        consent_at=now,
        requested_at=now,
        status="pending",
    )
    set_account(request, account)
    invite.uses_left -= 1
    session.add(request)
    await session.flush()
    return request


async def pending_request_of(
    session: AsyncSession, channel: str, user_ref: str
) -> JoinRequest | None:
    """The request of this account still waiting for a decision, if any."""
    clause = request_clause(channel, user_ref)
    if clause is None:
        return None
    query = select(JoinRequest).where(clause, JoinRequest.status == "pending")
    return (await session.scalars(query.order_by(JoinRequest.id.desc()))).first()


async def pending_requests_in(session: AsyncSession, unit_ids: list[int]) -> list[JoinRequest]:
    """Requests waiting in these units, oldest first."""
    if not unit_ids:
        return []
    query = select(JoinRequest).where(
        JoinRequest.unit_id.in_(unit_ids), JoinRequest.status == "pending"
    )
    return list((await session.scalars(query.order_by(JoinRequest.id))).all())


async def approve_request(
    session: AsyncSession, request: JoinRequest, by: Member, now: dt.datetime
) -> Member:
    """Let the person in: a member of the request's unit with the consent they gave."""
    accounts = accounts_of(request)
    for account in accounts:
        await release_account(session, account.channel, account.user_ref)
    member = Member(
        full_name=request.full_name,
        phone=request.phone,
        phone_typed=request.phone_typed,
        role=request.role,
        unit_id=request.unit_id,
        status="active",
        consent_at=request.consent_at,
        joined_at=now,
        invite_id=request.invite_id,
    )
    for account in accounts:
        set_account(member, account)
    session.add(member)
    request.status = "approved"
    request.decided_at = now
    request.decided_by = by.id
    await session.flush()
    remember(session, member, "joined", now, by=by)
    return member


def reject_request(request: JoinRequest, by: Member, now: dt.datetime) -> None:
    """Turn the request down; the number given is kept no longer than the decision."""
    request.status = "rejected"
    request.decided_at = now
    request.decided_by = by.id
    request.phone = None
