"""Reports read as the summaries and the counts read them: plain columns (no ORM objects), the
day, the moment sent and the answers as the driver gives them, parsed by Python's C parsers
into `reports.records.ReportRecord`. Building ORM objects for a province's year (600,000
reports) cost several times the query; SQLAlchemy's own date and JSON processing, a third."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, String, Text, func, literal, select, type_coerce

from reports.records import ReportRecord
from storage.models import Attachment, Report
from storage.plain_rows import stored_answers, stored_day, stored_utc


def photo_count() -> ColumnElement[int]:
    """A report's photos, counted per report (not by grouping the whole attachments table)."""
    return (
        select(func.count(Attachment.id))
        .where(Attachment.report_id == Report.id)
        .correlate(Report)
        .scalar_subquery()
    )


def report_columns(*, with_photos: bool = True) -> tuple[ColumnElement[Any], ...]:
    """What to select for `report_records`: number, kind, team, author, day, moment sent,
    answers and photos (0 when not needed)."""
    return (
        Report.id.expression,
        Report.kind.expression,
        Report.team_id.expression,
        Report.author_id.expression,
        type_coerce(Report.occurred_on, String),
        type_coerce(Report.created_at, String),
        type_coerce(Report.payload, Text),
        photo_count() if with_photos else literal(0),
    )


def report_records(rows: Iterable[Sequence[Any]], zone: ZoneInfo) -> list[ReportRecord]:
    """Reports from rows selected as `report_columns`, their moment sent in `zone`."""
    return [
        ReportRecord(
            id=row[0],
            kind=row[1],
            team_id=row[2],
            author_id=row[3],
            occurred_on=stored_day(row[4]),
            created_at=stored_utc(row[5]).astimezone(zone),
            payload=stored_answers(row[6]),
            photo_count=int(row[7]),
        )
        for row in rows
    ]
