"""A ward's summary for a period, as the digest and the files the police forward unchanged."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from config.settings import Settings, SettingsError
from reports.campaigns import Campaign, load_campaigns
from reports.chart import province_chart, ward_chart
from reports.commendation import EvidenceWanted, evidence_wanted, with_evidence
from reports.digest import province_digest, ward_digest
from reports.excel import province_workbook, ward_workbook
from reports.labels import KIND_LABELS, file_names
from reports.month_rule import months_of
from reports.periods import Period, calendar_year, month, rating_year, started
from reports.phases import phase_named
from reports.rating_rules import RatingRules, load_rating_rules
from reports.records import RecordSet, ReportRecord
from reports.summary import (
    ProvinceSummary,
    WardSummary,
    roll_up,
    summarise_province,
    summarise_ward,
)
from reports.word import province_report, ward_report
from storage.models import Unit
from storage.plain_rows import collector_paused
from storage.ward_targets import ward_targets
from summaries.record_sets import (
    counted_wards,
    evidence_for,
    load_record_set,
    report_rows,
    unit_record,
)


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


def reach(period: Period, months: tuple[Period, ...]) -> tuple[dt.date, dt.date]:
    """The first and last day whose records a period's summary reads: its own days and those
    of the whole months it is judged on."""
    if not months:
        return period.start, period.end
    return min(period.start, months[0].start), max(period.end, months[-1].end)


def campaign_named(campaign_id: str) -> Campaign:
    """A campaign by its id, read from its file and checked, or a PeriodError listing the
    known ones. Read once where a process starts; what runs after is handed the campaign."""
    campaigns = load_campaigns()
    if campaign_id not in campaigns:
        known = ", ".join(sorted(campaigns))
        raise PeriodError(f"no campaign {campaign_id!r}: expected one of {known}")
    return campaigns[campaign_id]


def configured_campaign(settings: Settings) -> Campaign:
    """The campaign ANTT_CAMPAIGN names, read at start-up, or a SettingsError in one line."""
    try:
        return campaign_named(settings.campaign)
    except PeriodError as error:
        raise SettingsError(f"ANTT_CAMPAIGN: {error}") from None


@dataclass(frozen=True)
class WardPackage:
    """What the police receive: the digest messages and the files, by file name."""

    summary: WardSummary | ProvinceSummary
    digest: list[str]
    files: dict[str, bytes]


WARD_COLUMN = "Xã, phường"


async def reports_csv(session: AsyncSession, unit: Unit, period: Period) -> bytes:
    """Every active report under the unit in the period, one row each: number, kind, ward
    (when the unit spans several), team, day, photos (never a report's text), UTF-8 with BOM
    for Excel. Read as plain columns, so a
    province's year is a few seconds, not a summary's worth of work."""
    rows = await report_rows(session, unit.id, period.start, period.end)
    many_wards = unit.kind not in ("commune", "team")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Số", "Loại", *([WARD_COLUMN] if many_wards else []), "Tổ", "Ngày", "Ảnh"])
    writer.writerows(
        (
            number,
            KIND_LABELS.get(kind, kind),
            *([ward] if many_wards else []),
            team,
            f"{day:%d/%m/%Y}",
            photos,
        )
        for number, kind, ward, team, day, photos in rows
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


async def summarise_province_by_ward(
    session: AsyncSession,
    province_id: int,
    campaign: Campaign,
    period: Period,
    zone: ZoneInfo,
    rules: RatingRules | None = None,
    as_of: dt.date | None = None,
) -> ProvinceSummary:
    """The province's summary made one ward at a time from the stored counts (no report is
    read but the call-outs, those around the stored half-months and those cited as evidence):
    equal to `summarise_province` over every report (tests/test_province_by_ward.py)."""
    if rules is None and period.kind == "rating_year":
        rules = load_rating_rules()
    province = await unit_record(session, province_id)
    wards: list[WardSummary] = []
    # The wards' summaries pile up; the cyclic collector would walk them again and again (a
    # fifth of a year's roll-up, measured). None of them is garbage: it resumes afterwards.
    with collector_paused():
        months = started(months_of(period, campaign), as_of)
        async for counted in counted_wards(
            session, province_id, period, zone, campaign.id, months, as_of
        ):
            summary = await asyncio.to_thread(
                summarise_ward,
                counted.records,
                counted.ward.id,
                period,
                await ward_campaign(session, counted.ward.id, campaign),
                rules,
                counted.scope,
            )
            wards.append(await _justified(session, summary, zone))
    return roll_up(province, campaign, period, wards, as_of)


async def ward_campaign(session: AsyncSession, ward_id: int, campaign: Campaign) -> Campaign:
    """The campaign as the ward reads it: the targets it set itself in place of the file's
    (only where the plan sets none, or sets it as the ward's own)."""
    return campaign.with_ward_targets(await ward_targets(session, ward_id, campaign.id))


async def _justified(session: AsyncSession, summary: WardSummary, zone: ZoneInfo) -> WardSummary:
    """The ward's commendation candidates with their evidence, read from storage."""
    commendation = summary.commendation
    team_of = {member.id: member.unit_id for member in summary.scope.members}
    found: dict[EvidenceWanted, tuple[ReportRecord, ...]] = {}
    for candidate in (*commendation.collectives, *commendation.individuals):
        team_id = candidate.id if candidate.kind == "collective" else team_of[candidate.id]
        wanted = evidence_wanted(candidate, team_id)
        found[wanted] = await evidence_for(session, wanted, summary.period, zone)
    return replace(summary, commendation=with_evidence(commendation, team_of, found))


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
    summary = await summarise_province_by_ward(
        session, unit.id, campaign, period, zone, as_of=issued_on
    )
    async with _RENDERING:
        return await asyncio.to_thread(_province_package, summary, unit.name, issued_on)


def render_province(
    records: RecordSet,
    province_id: int,
    name: str,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
) -> WardPackage:
    """The province's summary, digest and files, from records (pure), made on `issued_on`."""
    summary = summarise_province(records, province_id, period, campaign, as_of=issued_on)
    return _province_package(summary, name, issued_on)


def _province_package(summary: ProvinceSummary, name: str, issued_on: dt.date) -> WardPackage:
    """The digest and files of a province's summary."""
    names = file_names(summary.period, name)
    files = {
        names["xlsx"]: province_workbook(summary, issued_on),
        names["docx"]: province_report(summary, issued_on=issued_on),
        names["png"]: province_chart(summary),
    }
    return WardPackage(summary, province_digest(summary, list(files)), files)


async def ward_package(
    session: AsyncSession,
    ward: Unit,
    campaign: Campaign,
    period: Period,
    issued_on: dt.date,
    zone: ZoneInfo,
) -> WardPackage:
    """Summarise the ward over the period and render every file (in a worker thread: the
    rendering is pure and takes CPU the bot's loop should not lose). The records read are
    those of the period and of the whole months it is judged on (reports/month_rule.py)."""
    first, last = reach(period, months_of(period, campaign))
    records = await load_record_set(session, ward.id, first, last, zone, campaign.id)
    campaign = await ward_campaign(session, ward.id, campaign)
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
    """The summary as of `issued_on` (later months are not judged), the digest and the files,
    from records (pure)."""
    summary = summarise_ward(records, ward_id, period, campaign, as_of=issued_on)
    names = file_names(period, ward_name)
    files = {
        names["xlsx"]: ward_workbook(summary, issued_on),
        names["docx"]: ward_report(summary, issued_on=issued_on),
        names["png"]: ward_chart(summary),
    }
    return WardPackage(summary, ward_digest(summary, list(files)), files)
