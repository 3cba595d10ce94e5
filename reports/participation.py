"""Who took part in a report: its author and the members it lists."""

from __future__ import annotations

from collections.abc import Iterable

from reports.payload import member_ids
from reports.records import ReportRecord


def participants(report: ReportRecord) -> frozenset[int]:
    """The author and every member listed as taking part."""
    return member_ids(report.payload) | {report.author_id}


def everyone_in(reports: Iterable[ReportRecord]) -> frozenset[int]:
    """Every member who took part in any of `reports`."""
    found: set[int] = set()
    for report in reports:
        found |= participants(report)
    return frozenset(found)
