"""Conversations in progress, one per person, so a restart resumes where they were."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import Draft, utcnow

REWRITTEN = ("flow", "step", "data", "version", "updated_at")  # a new draft in place of the old

# Read on every update, written on most: built once (see storage/accounts.py's member_of).
_PERSON = (Draft.channel == bindparam("channel"), Draft.user_ref == bindparam("user"))
_DRAFT_OF = select(Draft).where(*_PERSON)
# "fetch": the deleted draft leaves the session too (a new one may take its id at once), which
# the default cannot tell from criteria given as parameters.
_DISCARD = delete(Draft).where(*_PERSON).execution_options(synchronize_session="fetch")
_DRAFTS = cast(Table, Draft.__table__)
_REWRITE = (
    update(_DRAFTS)
    .where(_DRAFTS.c.id == bindparam("draft_id"))
    .values({name: bindparam(f"new_{name}") for name in REWRITTEN})
)


async def draft_of(session: AsyncSession, channel: str, user_ref: str) -> Draft | None:
    """The person's draft, if any."""
    found = await session.scalars(_DRAFT_OF, {"channel": channel, "user": user_ref})
    return found.first()


async def start_draft(
    session: AsyncSession, channel: str, user_ref: str, flow: str, step: str, data: dict[str, Any]
) -> Draft:
    """Replace whatever the person had in progress with a new draft. The draft this
    transaction already read is rewritten in place, its version moved on (so the old draft's
    buttons are stale): one UPDATE, where removing it and adding another took three
    statements."""
    draft = _read_already(session, channel, user_ref)
    if draft is None:
        await discard_draft(session, channel, user_ref)
        draft = Draft(channel=channel, user_ref=user_ref, flow=flow, step=step, data=data)
        session.add(draft)
        await session.flush()
        return draft
    # One statement, the object told its new values as stored: the unit of work's flush of
    # a changed object costs twice a plain UPDATE (bench/RESULTS.md, throughput).
    values = (flow, step, dict(data), draft.version + 1, utcnow())
    rewritten = dict(zip(REWRITTEN, values, strict=True))
    parameters = {f"new_{name}": value for name, value in rewritten.items()}
    await session.execute(_REWRITE, {"draft_id": draft.id, **parameters})
    for name, value in rewritten.items():
        set_committed_value(draft, name, value)
    return draft


def _read_already(session: AsyncSession, channel: str, user_ref: str) -> Draft | None:
    """The person's draft if this session holds it (read, not deleted since)."""
    for held in session.identity_map.values():
        if (
            isinstance(held, Draft)
            and held.channel == channel
            and held.user_ref == user_ref
            and held not in session.deleted
        ):
            return held
    return None


def move_draft(draft: Draft, step: str, data: dict[str, Any], *, same_screen: bool = False) -> None:
    """Record the next step; a new version makes older buttons stale. A change redrawn on the
    same message (a tick) keeps the version, so quick taps on that message all count."""
    draft.step = step
    draft.data = dict(data)
    if not same_screen:
        draft.version += 1


async def discard_draft(session: AsyncSession, channel: str, user_ref: str) -> None:
    """Forget the person's draft."""
    await session.execute(_DISCARD, {"channel": channel, "user": user_ref})
