"""What the Zalo tests share: the inbox rows of a channel, a notice queued for the sender."""

from __future__ import annotations

from sqlalchemy import select

from chat.replies import Say
from storage.database import Database
from storage.models import InboxUpdate
from storage.outbox import Notice, enqueue_notices


async def inbox_rows(db: Database, channel: str) -> list[InboxUpdate]:
    """The inbox rows stored for `channel`, oldest first."""
    async with db.read() as session:
        rows = await session.scalars(
            select(InboxUpdate).where(InboxUpdate.channel == channel).order_by(InboxUpdate.id)
        )
        return list(rows)


async def queue_notice(db: Database, channel: str, chat_ref: str, key: str, say: Say) -> None:
    """A notice the scheduler would queue (a reminder, a digest) for `chat_ref` on `channel`."""
    async with db.write() as session:
        await enqueue_notices(session, channel, [Notice(key, chat_ref, say.model_dump())])
