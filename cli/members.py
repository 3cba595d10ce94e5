"""`antt-bot admin forget-member`: a person's personal data erased, their reports kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from cli.admin import AdminError, admin_session
from storage.access_log import log_access
from storage.forget import forget_member
from storage.members import normalise_phone
from storage.models import Member, utcnow
from storage.units import is_row_id

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from config.settings import Settings


async def forget_member_command(settings: Settings, ref: str) -> str:
    """Erase a person's personal fields (by member id or phone); counts stay."""
    async with admin_session(settings) as session:
        member = await _member_by_ref(session, ref)
        forgotten = await forget_member(session, member, utcnow())
        await log_access(
            session,
            "forget-member",
            utcnow(),
            actor="command line",
            unit_id=member.unit_id,
            subject=f"member:{member.id}",
        )
    return (
        f"member {forgotten.member_id} forgotten: name, phone, Telegram account and date of birth "
        f"erased; {forgotten.messages_blanked} stored message(s) blanked; reports and counts kept"
    )


async def _member_by_ref(session: AsyncSession, ref: str) -> Member:
    phone = normalise_phone(ref)
    if phone is not None:
        found = (await session.scalars(select(Member).where(Member.phone == phone))).first()
    elif is_row_id(ref):
        found = await session.get(Member, int(ref))
    else:
        found = None
    if found is None:
        raise AdminError(f"no member with id or phone {ref!r}")
    return found
