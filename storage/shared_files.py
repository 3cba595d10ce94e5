"""Files kept for a short while for one person (a messenger that cannot send files: Zalo),
each belonging to one ward; deleted once expired."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Member, SharedFile


@dataclass(frozen=True)
class FileToShare:
    """What is kept: for whom, the ward it belongs to, the name and the bytes."""

    unit_id: int
    member: Member | None
    channel: str
    chat_ref: str
    name: str
    media_type: str
    content: bytes


async def share_file(
    session: AsyncSession,
    file: FileToShare,
    now: dt.datetime,
    expires_at: dt.datetime,
    reuse_after: dt.datetime,
) -> SharedFile:
    """Keep `file` until `expires_at`; the same file for the same chat kept earlier, expiring
    after `reuse_after`, is given again instead (a delivery retried stores nothing twice)."""
    digest = hashlib.sha256(file.content).hexdigest()
    kept = await session.scalars(
        select(SharedFile)
        .where(
            SharedFile.chat_ref == file.chat_ref,
            SharedFile.digest == digest,
            SharedFile.channel == file.channel,
            SharedFile.name == file.name,
            SharedFile.unit_id == file.unit_id,
            SharedFile.expires_at > reuse_after,
        )
        .order_by(SharedFile.id.desc())
    )
    earlier = kept.first()
    if earlier is not None:
        return earlier
    row = SharedFile(
        unit_id=file.unit_id,
        member_id=file.member.id if file.member is not None else None,
        channel=file.channel,
        chat_ref=file.chat_ref,
        name=file.name,
        media_type=file.media_type,
        digest=digest,
        content=file.content,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    await session.flush()
    return row


async def shared_file(session: AsyncSession, file_id: int) -> SharedFile | None:
    """A kept file by its id (expired or not)."""
    return await session.get(SharedFile, file_id)


async def delete_expired(session: AsyncSession, now: dt.datetime) -> int:
    """Delete every file whose time is up; how many went."""
    result = await session.execute(
        delete(SharedFile)
        .where(SharedFile.expires_at <= now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
