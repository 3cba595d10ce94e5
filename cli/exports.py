"""`antt-bot export`: a ward's summary files written to a folder (who exported what is logged)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from cli.admin import admin_session
from config.settings import Settings
from reports.telegram_html import plain_text
from storage.models import utcnow
from storage.units import UnknownUnit, find_unit
from summaries.packages import (
    PeriodError,
    WardPackage,
    campaign_named,
    parse_period,
    reports_csv,
    unit_package,
)

log = logging.getLogger(__name__)
FORMATS = ("xlsx", "docx", "png", "txt", "csv")


class ExportError(Exception):
    """The export cannot be made; the message says what was wrong."""


def export_ward(
    settings: Settings, unit_ref: str, campaign_id: str, period_text: str, formats: str, out: Path
) -> list[Path]:
    """Make the ward's summary and write the chosen files; the paths written."""
    wanted, package, listing = asyncio.run(
        _package(settings, unit_ref, campaign_id, period_text, formats)
    )
    return _write(package, listing, wanted, out)


async def _package(
    settings: Settings, unit_ref: str, campaign_id: str, period_text: str, formats: str
) -> tuple[list[str], WardPackage, bytes]:
    """The package, and the listing of every report when CSV is wanted."""
    wanted = [part.strip() for part in formats.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in FORMATS]
    if unknown or not wanted:
        raise ExportError(
            f"unknown format {', '.join(unknown) or '(none)'}: expected {', '.join(FORMATS)}"
        )
    try:
        campaign = campaign_named(campaign_id)
        period = parse_period(period_text, campaign)
    except PeriodError as error:
        raise ExportError(str(error)) from None
    today = utcnow().astimezone(settings.zone).date()
    async with admin_session(settings) as session:
        try:
            ward = await find_unit(session, unit_ref)
        except UnknownUnit as error:
            raise ExportError(str(error)) from None
        package = await unit_package(session, ward, campaign, period, today, settings.zone)
        listing = await reports_csv(session, ward, period) if "csv" in wanted else b""
    log.info("export: unit %d, %s, %s, %s", ward.id, campaign.id, period_text, ",".join(wanted))
    return wanted, package, listing


def _write(package: WardPackage, listing: bytes, wanted: list[str], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, data in package.files.items():
        if name.rsplit(".", 1)[-1] in wanted:
            path = out / name
            path.write_bytes(data)
            written.append(path)
    stem = Path(next(iter(package.files))).stem
    if "txt" in wanted:
        path = out / (stem.replace("TongHop", "TinNhan") + ".txt")
        path.write_text("\n\n".join(plain_text(part) for part in package.digest), encoding="utf-8")
        written.append(path)
    if "csv" in wanted:
        path = out / (stem.replace("TongHop", "DanhSach") + ".csv")
        path.write_bytes(listing)
        written.append(path)
    return written
