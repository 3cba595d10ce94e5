"""Reporting periods: month, phase, rating year and calendar year; both ends inclusive."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

PeriodKind = Literal["month", "phase", "rating_year", "year"]


class MonthDay(NamedTuple):
    """A day of the year without the year, such as 15/11."""

    month: int
    day: int

    def of(self, year: int) -> date:
        """This day in `year` (29/02 becomes 28/02 in a common year)."""
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, min(self.day, last))


@dataclass(frozen=True)
class Period:
    """A stretch of days a summary covers; `name` is a phase's own name ("Đợt 1")."""

    kind: PeriodKind
    start: date
    end: date
    name: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        """Whether `day` falls inside the period, ends included."""
        return self.start <= day <= self.end

    def until(self, day: date) -> Period:
        """The same period cut at `day` (a phase so far); unchanged when `day` is past its end."""
        return replace(self, end=max(self.start, min(self.end, day)))

    def months(self) -> tuple[Period, ...]:
        """The calendar months this period touches, each cut to the period."""
        return _months(self.start, self.end)


@lru_cache(maxsize=256)
def _months(start: date, end: date) -> tuple[Period, ...]:
    """The calendar months `start`..`end` touches, each cut to it (asked for thousands of
    times by a province's summary, for a handful of periods)."""
    found: list[Period] = []
    cursor = start.replace(day=1)
    while cursor <= end:
        whole = month(cursor.year, cursor.month)
        found.append(Period("month", max(whole.start, start), min(whole.end, end)))
        cursor = whole.end + timedelta(days=1)
    return tuple(found)


def shared_days(one: Period, other: Period) -> int:
    """How many days the two periods have in common."""
    return max(0, (min(one.end, other.end) - max(one.start, other.start)).days + 1)


def holds_month(period: Period, whole: Period) -> bool:
    """Whether the calendar month `whole` belongs to `period` in a series of periods that follow
    one another without gaps (months, calendar years, rating years): the period holding most of
    its days, on a tie the one holding its last day (see reports/month_rule.py)."""
    held = shared_days(whole, period)
    rest = (whole.end - whole.start).days + 1 - held
    return held > rest or (held == rest and period.contains(whole.end))


def majority_months(period: Period) -> tuple[Period, ...]:
    """The whole calendar months a period of a gapless series is judged on."""
    return tuple(
        month_of(window.start)
        for window in period.months()
        if holds_month(period, month_of(window.start))
    )


def started(months: tuple[Period, ...], as_of: date | None) -> tuple[Period, ...]:
    """The months begun by `as_of` (all without a day): later months are not judged yet."""
    if as_of is None:
        return months
    return tuple(whole for whole in months if whole.start <= as_of)


def in_progress(whole: Period, as_of: date | None) -> bool:
    """Whether the month has not ended by `as_of`."""
    return as_of is not None and whole.end > as_of


def month_span(months: tuple[Period, ...]) -> str:
    """ "02–08/2025", "12/2025–01/2026", "11/2025" (months that follow one another)."""
    first, last = months[0].start, months[-1].start
    if first == last:
        return f"{first:%m/%Y}"
    if first.year == last.year:
        return f"{first:%m}–{last:%m/%Y}"
    return f"{first:%m/%Y}–{last:%m/%Y}"


def month(year: int, number: int) -> Period:
    """A calendar month."""
    last = calendar.monthrange(year, number)[1]
    return Period("month", date(year, number, 1), date(year, number, last))


def month_of(day: date) -> Period:
    """The calendar month containing `day`."""
    return month(day.year, day.month)


def calendar_year(year: int) -> Period:
    """1/1 to 31/12 of `year`."""
    return Period("year", date(year, 1, 1), date(year, 12, 31))


def rating_year(year: int, starts: MonthDay) -> Period:
    """The rating year that ends in `year`: from `starts` of the year before to the day before
    `starts` of `year` (15/11/2025–14/11/2026 for 2026)."""
    start = starts.of(year - 1)
    return Period("rating_year", start, starts.of(year) - timedelta(days=1))


def rating_year_of(day: date, starts: MonthDay) -> Period:
    """The rating year containing `day`."""
    ending = day.year + 1 if day >= starts.of(day.year) else day.year
    return rating_year(ending, starts)


def add_months(day: date, count: int) -> date:
    """`day` moved by `count` months, kept inside the target month (31/01 + 1 → 28/02)."""
    index = day.year * 12 + day.month - 1 + count
    year, number = divmod(index, 12)
    last = calendar.monthrange(year, number + 1)[1]
    return date(year, number + 1, min(day.day, last))


def whole_months(start: date, end: date) -> int:
    """How many whole months fit in `start`..`end` inclusive (15/11–14/08 is 9)."""
    after = end + timedelta(days=1)
    if after <= start:
        return 0
    count = (after.year - start.year) * 12 + after.month - start.month
    while count > 0 and add_months(start, count) > after:
        count -= 1
    return count
