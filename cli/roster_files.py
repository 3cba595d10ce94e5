"""`antt-bot admin import-roster`, `export-roster` and `roster-template`: a ward's roster as
an Excel or CSV file."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from chat.texts import texts_for
from cli.admin import AdminError, admin_session
from storage.access_log import log_access
from storage.models import utcnow
from storage.roster import apply_roster, check_roster, roster_of
from storage.units import UnknownUnit, find_unit
from summaries.roster import CONFLICT_KEYS, EXAMPLE, read_roster, roster_csv, roster_workbook

if TYPE_CHECKING:
    from pathlib import Path

    from config.settings import Settings


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
