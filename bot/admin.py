"""Admin tasks behind `antt-bot admin …`: units, invites, a listing. Each returns what to print."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.aiogram_backend.client import make_bot
from bot.links import invite_link
from config.settings import Settings
from storage.database import Database
from storage.invites import create_invite, invites_of, problem_with, revoke_invite
from storage.models import Member, utcnow
from storage.units import UnknownUnit, add_unit, all_units, find_unit


class AdminError(Exception):
    """An admin command was given something it cannot use; the message says what and why."""


@asynccontextmanager
async def admin_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """A migrated database and one write transaction for an admin command."""
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(settings.database_url)
    try:
        await db.migrate()
        async with db.write() as session:
            yield session
    finally:
        await db.dispose()


async def add_unit_command(
    settings: Settings, name: str, kind: str, parent_ref: str | None, planned_size: int | None
) -> str:
    """Add a unit; prints its id."""
    if not name.strip():
        raise AdminError("the unit name is empty")
    async with admin_session(settings) as session:
        try:
            parent = await find_unit(session, parent_ref) if parent_ref else None
            unit = await add_unit(session, name.strip(), kind, parent, planned_size)
        except (UnknownUnit, ValueError) as error:
            raise AdminError(str(error)) from None
        under = f" under {parent.name} (id {parent.id})" if parent else ""
        return f"unit {unit.id}: {unit.name} [{unit.kind}]{under}"


async def invite_command(settings: Settings, unit_ref: str, role: str, uses: int, days: int) -> str:
    """Create an invite; prints the link and the code (shown only this once)."""
    async with admin_session(settings) as session:
        try:
            unit = await find_unit(session, unit_ref)
            issued = await create_invite(session, unit, role, uses, days, utcnow())
        except (UnknownUnit, ValueError) as error:
            raise AdminError(str(error)) from None
        expires = issued.invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y %H:%M")
    username = settings.bot_username or await _username_from_api(settings)
    link = invite_link(username, issued.code) if username else "(set ANTT_BOT_USERNAME for a link)"
    return "\n".join(
        [
            f"invite for {unit.name} as {role}: {uses} use(s), until {expires}",
            f"link: {link}",
            f"code: {issued.code}",
        ]
    )


async def revoke_command(settings: Settings, code: str) -> str:
    """Revoke an invite by its code."""
    async with admin_session(settings) as session:
        try:
            invite = await revoke_invite(session, code, utcnow())
        except LookupError as error:
            raise AdminError(str(error)) from None
        return f"invite {invite.id} revoked"


async def list_command(settings: Settings) -> str:
    """The unit tree, members per unit, and invites still usable."""
    async with admin_session(settings) as session:
        units = await all_units(session)
        count_rows = await session.execute(
            select(Member.unit_id, func.count(Member.id))
            .where(Member.status == "active")
            .group_by(Member.unit_id)
        )
        counts: dict[int, int] = {unit_id: count for unit_id, count in count_rows}
        now = utcnow()
        usable = [i for i in await invites_of(session) if problem_with(i, now) is None]
    if not units:
        return "no units yet: add one with `antt-bot admin add-unit NAME --kind commune`"
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    by_id = {unit.id: unit for unit in units}
    lines: list[str] = []

    def walk(unit_id: int, depth: int) -> None:
        unit = by_id[unit_id]
        members = counts.get(unit.id, 0)
        lines.append(f"{'  ' * depth}{unit.id}. {unit.name} [{unit.kind}] · {members} member(s)")
        for child in children.get(unit_id, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    lines.append(f"usable invites: {len(usable)}")
    for invite in usable:
        lines.append(
            f"  invite {invite.id} → {by_id[invite.unit_id].name} as {invite.role}, "
            f"{invite.uses_left} use(s) left"
        )
    return "\n".join(lines)


async def _username_from_api(settings: Settings) -> str | None:
    if settings.bot_token is None:
        return None
    bot = make_bot(settings.bot_token.get_secret_value(), settings.telegram_api_url)
    try:
        return (await bot.get_me()).username
    except Exception:
        return None
    finally:
        await bot.session.close()
