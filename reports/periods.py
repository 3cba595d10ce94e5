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
