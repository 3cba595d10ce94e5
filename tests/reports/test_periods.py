"""Months, phases, rating years and calendar years, ends included."""

from __future__ import annotations

from datetime import date

import pytest

from reports.campaigns import load_campaigns
from reports.periods import MonthDay, Period, calendar_year, month, rating_year_of, whole_months
from reports.phases import phase_containing, phase_named, phases_until, report_due

RATING_START = MonthDay(11, 15)


def test_a_month_and_a_year() -> None:
    assert month(2026, 2) == Period("month", date(2026, 2, 1), date(2026, 2, 28))
    assert calendar_year(2026) == Period("year", date(2026, 1, 1), date(2026, 12, 31))


def test_the_rating_year_runs_from_15_11_to_14_11() -> None:
    assert rating_year_of(date(2026, 11, 14), RATING_START) == Period(
        "rating_year", date(2025, 11, 15), date(2026, 11, 14)
    )
    assert rating_year_of(date(2026, 11, 15), RATING_START) == Period(
        "rating_year", date(2026, 11, 15), date(2027, 11, 14)
    )


def test_a_phase_touches_its_months_cut_at_its_ends() -> None:
    phase = phase_named(load_campaigns()["ha-noi-357"], "Đợt 1")
    assert [(window.start, window.end) for window in phase.months()] == [
        (date(2025, 12, 22), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 30)),
    ]
    assert phase.until(date(2026, 1, 5)).end == date(2026, 1, 5)
    assert phase.until(date(2027, 1, 5)) == phase


@pytest.mark.parametrize(
    ("campaign", "day", "expected"),
    [
        ("hai-an-2024", date(2024, 10, 31), None),
        ("hai-an-2024", date(2024, 11, 1), "Đợt 1"),
        ("hai-an-2024", date(2025, 2, 3), "Đợt 1"),
        ("hai-an-2024", date(2025, 2, 4), "Đợt 2"),
        ("hai-an-2024", date(2025, 8, 19), "Đợt 2"),
        ("hai-an-2024", date(2025, 8, 20), None),
        ("ha-noi-357", date(2026, 1, 30), "Đợt 1"),
        ("ha-noi-357", date(2026, 1, 31), None),  # the plan leaves 31/01 outside both phases
        ("ha-noi-357", date(2026, 2, 1), "Đợt 2"),
        ("ha-noi-357", date(2026, 4, 30), "Đợt 2"),
        ("ha-noi-357", date(2026, 5, 1), "Năm 2026"),
        ("ha-noi-357", date(2027, 3, 3), "Năm 2027"),
        ("yen-hoa-179", date(2025, 12, 31), None),
        ("yen-hoa-179", date(2026, 1, 1), "Năm 2026"),
        ("phan-dinh-phung-2025", date(2025, 3, 31), "Đợt 1"),
        ("phan-dinh-phung-2025", date(2025, 4, 1), "Đợt 2"),
        ("phan-dinh-phung-2025", date(2025, 6, 30), "Đợt 2"),
        ("phan-dinh-phung-2025", date(2025, 7, 1), "Đợt 3"),
        ("phan-dinh-phung-2025", date(2025, 12, 31), "Đợt 4"),
        ("phan-dinh-phung-2025", date(2026, 1, 1), None),
    ],
)
def test_which_phase_contains_a_day(campaign: str, day: date, expected: str | None) -> None:
    phase = phase_containing(load_campaigns()[campaign], day)
    assert (phase.name if phase else None) == expected


def test_yearly_phases_follow_the_fixed_ones() -> None:
    phases = phases_until(load_campaigns()["ha-noi-357"], date(2027, 1, 1))
    assert [(phase.name, phase.start, phase.end) for phase in phases] == [
        ("Đợt 1", date(2025, 12, 22), date(2026, 1, 30)),
        ("Đợt 2", date(2026, 2, 1), date(2026, 4, 30)),
        ("Năm 2026", date(2026, 5, 1), date(2026, 12, 31)),
        ("Năm 2027", date(2027, 1, 1), date(2027, 12, 31)),
    ]


def test_yen_hoa_reports_before_10_11() -> None:
    assert report_due(load_campaigns()["yen-hoa-179"], 2026) == date(2026, 11, 9)
    assert report_due(load_campaigns()["hai-an-2024"], 2026) is None


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 11, 15), date(2026, 11, 14), 12),
        (date(2026, 2, 15), date(2026, 11, 14), 9),  # rated
        (date(2026, 2, 16), date(2026, 11, 14), 8),  # one day short: not rated
        (date(2025, 5, 31), date(2026, 2, 28), 9),
        (date(2026, 3, 1), date(2026, 2, 28), 0),
    ],
)
def test_whole_months(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end"):
        Period("month", date(2026, 2, 2), date(2026, 2, 1))
