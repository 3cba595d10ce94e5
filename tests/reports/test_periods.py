"""Months, phases, rating years and calendar years, ends included."""

from __future__ import annotations

from datetime import date

import pytest

from reports.campaigns import load_campaigns
from reports.labels import file_names, period_slug
from reports.periods import (
    MonthDay,
    Period,
    calendar_year,
    month,
    rating_year,
    rating_year_of,
    whole_months,
)
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


def test_a_phase_named_like_a_year_gets_its_own_file_names() -> None:
    """Hà Nội 357's "Năm 2026" (05–12/2026) is not the calendar year 2026: the files differ."""
    phase = phase_named(load_campaigns()["ha-noi-357"], "Năm 2026")
    phase_files = file_names(phase, "Phường Yên Hòa")
    year_files = file_names(calendar_year(2026), "Phường Yên Hòa")
    assert year_files["docx"] == "BaoCao_Nam2026_YenHoa.docx"
    assert phase_files["docx"] == "BaoCao_Dot-Nam2026_YenHoa.docx"
    assert set(phase_files.values()).isdisjoint(year_files.values())


@pytest.mark.parametrize(
    "campaign", ["hai-an-2024", "ha-noi-357", "yen-hoa-179", "phan-dinh-phung-2025"]
)
def test_every_period_a_ward_can_ask_for_has_its_own_ascii_file_name(campaign: str) -> None:
    periods = set(phases_until(load_campaigns()[campaign], date(2027, 12, 31)))
    for year in (2024, 2025, 2026, 2027):
        periods.add(calendar_year(year))
        periods.add(rating_year(year, RATING_START))
        periods.update(month(year, number) for number in range(1, 13))
    slugs = {period: period_slug(period) for period in periods}
    assert len(set(slugs.values())) == len(periods), sorted(slugs.values())
    assert all(slug.isascii() and slug.replace("-", "").isalnum() for slug in slugs.values())


def test_the_names_other_periods_had_stay() -> None:
    campaigns = load_campaigns()
    assert period_slug(month(2026, 11)) == "11-2026"
    assert period_slug(calendar_year(2026)) == "Nam2026"
    assert period_slug(rating_year(2026, RATING_START)) == "XepLoai-2026"
    assert period_slug(phase_named(campaigns["ha-noi-357"], "Đợt 1")) == "Dot1-2026"
    assert period_slug(phase_named(campaigns["phan-dinh-phung-2025"], "Đợt 4")) == "Dot4-2025"
    # Yên Hòa's "Năm 2026" spans the calendar year's days, but its report is a phase's
    # ("Sơ kết"), not the year's: it is named as a phase too
    assert period_slug(phase_named(campaigns["yen-hoa-179"], "Năm 2026")) == "Dot-Nam2026"
