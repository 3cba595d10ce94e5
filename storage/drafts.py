"""Conversations in progress, one per person, so a restart resumes where they were."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Draft


async def draft_of(session: AsyncSession, channel: str, user_ref: str) -> Draft | None:
    """The person's draft, if any."""
    query = select(Draft).where(Draft.channel == channel, Draft.user_ref == user_ref)
    return (await session.scalars(query)).first()


async def start_draft(
    session: AsyncSession, channel: str, user_ref: str, flow: str, step: str, data: dict[str, Any]
) -> Draft:
    """Replace whatever the person had in progress with a new draft."""
    await discard_draft(session, channel, user_ref)
    draft = Draft(channel=channel, user_ref=user_ref, flow=flow, step=step, data=data)
    session.add(draft)
    await session.flush()
    return draft


def move_draft(draft: Draft, step: str, data: dict[str, Any], *, same_screen: bool = False) -> None:
    """Record the next step; a new version makes older buttons stale. A change redrawn on the
    same message (a tick) keeps the version, so quick taps on that message all count."""
    draft.step = step
    draft.data = dict(data)
    if not same_screen:
        draft.version += 1


async def discard_draft(session: AsyncSession, channel: str, user_ref: str) -> None:
    """Forget the person's draft."""
    await session.execute(delete(Draft).where(Draft.channel == channel, Draft.user_ref == user_ref))
