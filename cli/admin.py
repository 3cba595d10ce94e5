"""Admin tasks behind `antt-bot admin …`: units, invites, a listing. Each returns what to print."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.aiogram_backend.client import make_bot
from bot.links import invite_link
from chat.texts import texts_for
from config.settings import Settings
from storage.access_log import log_access
from storage.database import Database
from storage.forget import forget_member
from storage.invites import create_invite, invites_of, problem_with, revoke_invite
from storage.members import normalise_phone
from storage.models import Member, utcnow
from storage.roster import apply_roster, check_roster, roster_of
from storage.units import UnknownUnit, add_unit, all_units, find_unit, is_row_id
from storage.work_counts import rebuild
from summaries.roster import CONFLICT_KEYS, EXAMPLE, read_roster, roster_csv, roster_workbook


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
    username, why = settings.bot_username, ""
    if not username:
        username, why = await _username_from_api(settings)
    link = (
        invite_link(username, issued.code)
        if username
        else f"(none: {why}; set ANTT_BOT_USERNAME for a link)"
    )
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


async def _username_from_api(settings: Settings) -> tuple[str, str]:
    """The bot's username from Telegram (getMe), or "" and why it could not be asked."""
    if settings.bot_token is None:
        return "", "ANTT_BOT_TOKEN is not set, so the bot's name could not be asked from Telegram"
    address = settings.telegram_api_url
    bot = make_bot(settings.bot_token.get_secret_value(), address)
    try:
        return (await bot.get_me()).username or "", ""
    except TelegramUnauthorizedError:
        return "", f"Telegram at {address} refused ANTT_BOT_TOKEN when asked for the bot's name"
    except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as error:
        kind = type(error).__name__
        return "", f"Telegram is not answering at {address} ({kind}): the bot's name is unknown"
    except Exception as error:  # the reason's type only: a message could quote the token
        kind = type(error).__name__
        return "", f"asking Telegram at {address} for the bot's name failed ({kind})"
    finally:
        await bot.session.close()


async def import_roster_command(settings: Settings, path: Path) -> str:
    """Import a roster file; every bad row is reported and nothing is imported until none is."""
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except OSError as error:
        raise AdminError(f"cannot read {path}: {error.strerror}") from None
    texts = texts_for(settings.language)
    today = utcnow().astimezone(settings.zone).date()
    checked = read_roster(path.name, data, today)
    problems = [(p.row, texts.label(p.key, **p.args)) for p in checked.problems]
    async with admin_session(settings) as session:
        if not problems:
            conflicts = await check_roster(session, checked.rows)
            problems = [(c.row, texts.label(CONFLICT_KEYS[c.reason], **c.args)) for c in conflicts]
        if problems:
            lines = [
                texts.label("roster-row", row=row, problem=text) if row else text
                for row, text in sorted(problems)
            ]
            raise AdminError(
                f"{path.name}: {len(problems)} problem(s), nothing imported\n" + "\n".join(lines)
            )
        result = await apply_roster(session, checked.rows, utcnow())
    if not result.changed_anything:
        return f"{path.name}: {len(checked.rows)} row(s), already imported: nothing changed"
    return (
        f"{path.name}: {len(checked.rows)} row(s): {result.members_added} member(s) added, "
        f"{result.members_changed} changed, {result.members_unchanged} unchanged; "
        f"{result.units_created} unit(s) created, {result.units_moved} moved"
    )


async def export_roster_command(settings: Settings, unit_ref: str, out: Path) -> str:
    """Write a ward's roster (.xlsx or .csv by the file's name); the export is logged."""
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise AdminError("the roster file must end in .xlsx or .csv")
    async with admin_session(settings) as session:
        try:
            ward = await find_unit(session, unit_ref)
        except UnknownUnit as error:
            raise AdminError(str(error)) from None
        rows = await roster_of(session, ward)
        await log_access(
            session,
            "export-roster",
            utcnow(),
            actor="command line",
            unit_id=ward.id,
            subject=suffix.lstrip("."),
        )
    data = roster_workbook(rows) if suffix == ".xlsx" else roster_csv(rows)
    await asyncio.to_thread(out.write_bytes, data)
    return f"{out}: {len(rows)} member(s) of {ward.name}"


def roster_template_command(out: Path) -> str:
    """Write the roster template (headings and one example team)."""
    out.write_bytes(
        roster_workbook(EXAMPLE) if out.suffix.lower() != ".csv" else roster_csv(EXAMPLE)
    )
    return f"{out}: the roster template"


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


async def recount_work_command(settings: Settings) -> str:
    """Count every active report again into the per-team, per-half-month counts the summaries
    read (after data were written around the bot, or to check nothing drifted)."""
    async with admin_session(settings) as session:
        connection = await session.connection()
        counted = await connection.run_sync(rebuild)
    return f"work counts rebuilt: {counted} active report(s) counted"


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
