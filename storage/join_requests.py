"""Join requests: people waiting for the team's leader or the ward police to let them in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.members import release_account, remember
from storage.models import Invite, JoinRequest, Member


async def request_to_join(
    session: AsyncSession,
    invite: Invite,
    telegram_user_id: int,
    full_name: str,
    phone: str,
    now: dt.datetime,
) -> JoinRequest:
    """Record a request (consent given now); it takes one of the invite's places."""
    request = JoinRequest(
        invite_id=invite.id,
        unit_id=invite.unit_id,
        role=invite.role,
        telegram_user_id=telegram_user_id,
        full_name=full_name,
        phone=phone,
        consent_at=now,
        requested_at=now,
        status="pending",
    )
    invite.uses_left -= 1
    session.add(request)
    await session.flush()
    return request


async def pending_request_of(session: AsyncSession, telegram_user_id: int) -> JoinRequest | None:
    """This person's request still waiting for a decision, if any."""
    query = select(JoinRequest).where(
        JoinRequest.telegram_user_id == telegram_user_id, JoinRequest.status == "pending"
    )
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
    if request.telegram_user_id is not None:
        await release_account(session, request.telegram_user_id)
    member = Member(
        telegram_user_id=request.telegram_user_id,
        full_name=request.full_name,
        phone=request.phone,
        role=request.role,
        unit_id=request.unit_id,
        status="active",
        consent_at=request.consent_at,
        joined_at=now,
        invite_id=request.invite_id,
    )
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
