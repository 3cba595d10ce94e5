"""A campaign's phases as periods: the fixed ones, then the yearly ones that follow."""

from __future__ import annotations

from datetime import date, timedelta

from reports.campaigns import Campaign, RecurringSpec
from reports.periods import Period


def _recurring_phase(recurring: RecurringSpec, day: date) -> Period | None:
    """The yearly phase containing `day`, or None before the first one starts."""
    if day < recurring.start:
        return None
    opening = recurring.year_starts.of(day.year)
    if opening > day:
        opening = recurring.year_starts.of(day.year - 1)
    closing = recurring.year_starts.of(opening.year + 1) - timedelta(days=1)
    start = max(opening, recurring.start)
    return Period("phase", start, closing, recurring.name.format(year=closing.year))


def phase_containing(campaign: Campaign, day: date) -> Period | None:
    """The phase `day` belongs to, or None (before the campaign, after it, or between phases)."""
    for phase in campaign.phases:
        if phase.start <= day <= phase.end:
            return Period("phase", phase.start, phase.end, phase.name)
    if campaign.recurring is None:
        return None
    return _recurring_phase(campaign.recurring, day)


def phases_until(campaign: Campaign, day: date) -> tuple[Period, ...]:
    """Every phase that has started by `day`, in order."""
    found = [
        Period("phase", phase.start, phase.end, phase.name)
        for phase in campaign.phases
        if phase.start <= day
    ]
    recurring = campaign.recurring
    cursor = recurring.start if recurring else None
    while recurring and cursor and cursor <= day:
        phase = _recurring_phase(recurring, cursor)
        assert phase is not None
        found.append(phase)
        cursor = phase.end + timedelta(days=1)
    return tuple(found)


def phase_named(campaign: Campaign, name: str) -> Period:
    """The phase called `name`: a fixed one, or a yearly one ("Năm 2026"); KeyError when
    there is none."""
    for phase in campaign.phases:
        if phase.name == name:
            return Period("phase", phase.start, phase.end, phase.name)
    recurring = campaign.recurring
    if recurring is not None:
        year = _year_in(recurring.name, name)
        # the yearly phase named after `year` holds the day before `year_starts` of `year`
        # or of the year after (which one depends on when its year starts)
        for ending in (year, year + 1) if year is not None else ():
            found = _recurring_phase(
                recurring, recurring.year_starts.of(ending) - timedelta(days=1)
            )
            if found is not None and found.name == name:
                return found
    raise KeyError(name)


def _year_in(pattern: str, name: str) -> int | None:
    """The year `name` gives to a pattern such as "Năm {year}", or None when it does not fit."""
    before, _, after = pattern.partition("{year}")
    if not (name.startswith(before) and name.endswith(after)):
        return None
    digits = name[len(before) : len(name) - len(after)]
    if not (len(digits) == 4 and digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


def report_due(campaign: Campaign, year: int) -> date | None:
    """The last day to send the yearly report ("before 10/11" is 09/11), if the plan sets one."""
    if campaign.report_before is None:
        return None
    return campaign.report_before.of(year) - timedelta(days=1)
