"""A ward's summary for a period, as the digest and the files the police forward unchanged."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.record_sets import load_record_set, unit_record, ward_record_sets
from reports.campaigns import Campaign, load_campaigns
from reports.chart import province_chart, ward_chart
from reports.digest import province_digest, ward_digest
from reports.excel import WardRows, province_rows, province_workbook, ward_workbook
from reports.labels import KIND_LABELS, file_names
from reports.periods import Period, calendar_year, month, rating_year
from reports.phases import phase_named
from reports.rating_rules import RatingRules, load_rating_rules
from reports.records import RecordSet
from reports.summary import (
    ProvinceSummary,
    WardSummary,
    roll_up,
    summarise_province,
    summarise_ward,
)
from reports.word import province_report, ward_report
from storage.models import Unit


class PeriodError(ValueError):
    """A period the summary cannot be made for; the message says what is expected."""


PERIOD_FORMS = "YYYY-MM (a month), year:YYYY, rating-year:YYYY, or phase:<name> (e.g. phase:Đợt 1)"


def parse_period(text: str, campaign: Campaign) -> Period:
    """ "2026-11", "year:2026", "rating-year:2026" or "phase:Đợt 1" of the campaign."""
    kind, sep, value = text.strip().partition(":")
    try:
        if not sep:
            year, number = kind.split("-")
            return month(int(year), int(number))
        if kind == "year":
            return calendar_year(int(value))
        if kind == "rating-year":
            return rating_year(int(value), load_rating_rules().year_starts)
        if kind == "phase":
            return phase_named(campaign, value.strip())
    except (ValueError, KeyError, LookupError) as error:
        raise PeriodError(
            f"cannot read the period {text!r} ({error}): expected {PERIOD_FORMS}"
        ) from None
    raise PeriodError(f"cannot read the period {text!r}: expected {PERIOD_FORMS}")


def campaign_named(campaign_id: str) -> Campaign:
    """A campaign by its id, or a PeriodError listing the known ones."""
    campaigns = load_campaigns()
    if campaign_id not in campaigns:
        known = ", ".join(sorted(campaigns))
        raise PeriodError(f"no campaign {campaign_id!r}: expected one of {known}")
    return campaigns[campaign_id]


@dataclass(frozen=True)
class WardPackage:
    """What the police receive: the digest messages and the files, by file name; and every
    report as CSV (kinds, teams, days; never a report's text) for those who want raw rows."""

    summary: WardSummary | ProvinceSummary
    digest: list[str]
    files: dict[str, bytes]
    reports_csv: bytes = b""


CsvRow = tuple[int, str, str, str, int]


def _csv_rows(records: RecordSet) -> list[CsvRow]:
    """One row per report: number, kind, team, day, photos."""
    teams = {unit.id: unit.name for unit in records.units}
    return [
        (
            report.id,
            KIND_LABELS.get(report.kind, report.kind),
            teams.get(report.team_id, ""),
            f"{report.occurred_on:%d/%m/%Y}",
            report.photo_count,
        )
        for report in records.reports
    ]


def _csv(rows: Iterable[CsvRow]) -> bytes:
    """The rows under their headers, UTF-8 with BOM (for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Số", "Loại", "Tổ", "Ngày", "Ảnh"])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def reports_csv(records: RecordSet) -> bytes:
    """One row per report: number, kind, team, day, photos (UTF-8 with BOM, for Excel)."""
    return _csv(_csv_rows(records))


WardDone = Callable[[WardSummary, RecordSet], None]


async def summarise_province_by_ward(
    session: AsyncSession,
    province_id: int,
    campaign: Campaign,
    period: Period,
    zone: ZoneInfo,
    rules: RatingRules | None = None,
    on_ward: WardDone | None = None,
) -> ProvinceSummary:
    """The province's summary made one ward at a time: each ward's records are loaded,
    summarised (in a worker thread), shown to `on_ward`, and dropped; the province keeps each
    ward's summary without its reports. Equal to `summarise_province` over the whole set."""
    if rules is None and period.kind == "rating_year":
        rules = load_rating_rules()
    province = await unit_record(session, province_id)
    wards: list[WardSummary] = []
    async for ward, records in ward_record_sets(
        session, province_id, period.start, period.end, zone, campaign.id
    ):
        summary = await asyncio.to_thread(summarise_ward, records, ward.id, period, campaign, rules)
        if on_ward is not None:
            on_ward(summary, records)
        wards.append(summary.without_reports())
        del summary, records
    return roll_up(province, campaign, period, wards)


async def unit_package(
    session: AsyncSession,
    unit: Unit,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
    zone: ZoneInfo,
) -> WardPackage:
    """A ward's package, or a province's roll-up across its wards (made ward by ward)."""
    if unit.kind != "province":
        return await ward_package(session, unit, campaign, period, issued_on, zone)
    sheets: list[WardRows] = []
    rows: list[CsvRow] = []

    def keep_rows(ward: WardSummary, records: RecordSet) -> None:
        """What the files list report by report, taken while the ward's reports are loaded."""
        sheets.append(province_rows(ward))
        rows.extend(_csv_rows(records))

    summary = await summarise_province_by_ward(
        session, unit.id, campaign, period, zone, on_ward=keep_rows
    )
    rows.sort(key=lambda row: row[0])
    async with _RENDERING:
        return await asyncio.to_thread(
            _province_package, summary, unit.name, issued_on, sheets, _csv(rows)
        )


def render_province(
    records: RecordSet,
    province_id: int,
    name: str,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
) -> WardPackage:
    """The province's summary, digest and files, from records (pure)."""
    summary = summarise_province(records, province_id, period, campaign)
    return _province_package(summary, name, issued_on, None, reports_csv(records))


def _province_package(
    summary: ProvinceSummary,
    name: str,
    issued_on: dt.date,
    sheets: Sequence[WardRows] | None,
    reports: bytes,
) -> WardPackage:
    """The digest and files of a province's summary."""
    names = file_names(summary.period, name)
    files = {
        names["xlsx"]: province_workbook(summary, issued_on, sheets),
        names["docx"]: province_report(summary, issued_on=issued_on),
        names["png"]: province_chart(summary),
    }
    return WardPackage(summary, province_digest(summary, list(files)), files, reports)


async def ward_package(
    session: AsyncSession,
    ward: Unit,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
    zone: ZoneInfo,
) -> WardPackage:
    """Summarise the ward over the period and render every file (in a worker thread: the
    rendering is pure and takes CPU the bot's loop should not lose)."""
    records = await load_record_set(session, ward.id, period.start, period.end, zone, campaign.id)
    async with _RENDERING:
        return await asyncio.to_thread(
            render_package, records, ward.id, ward.name, campaign, period, issued_on
        )


# One rendering at a time: matplotlib's figure machinery is not made for parallel threads.
_RENDERING = asyncio.Lock()


def render_package(
    records: RecordSet,
    ward_id: int,
    ward_name: str,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
) -> WardPackage:
    """The summary, the digest and the files, from records (pure)."""
    summary = summarise_ward(records, ward_id, period, campaign)
    names = file_names(period, ward_name)
    files = {
        names["xlsx"]: ward_workbook(summary, issued_on),
        names["docx"]: ward_report(summary, issued_on=issued_on),
        names["png"]: ward_chart(summary),
    }
    return WardPackage(summary, ward_digest(summary, list(files)), files, reports_csv(records))
