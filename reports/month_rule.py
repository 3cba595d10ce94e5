"""Which calendar months a period is judged on: the one rule every monthly figure follows (the
police's monthly entries, a good deed every month, a member's active months).

A calendar month belongs to the period of its series (the campaign's phases, the rating years,
the calendar years) that holds most of its days; on a tie, to the one holding its last day. A
month that only one phase of the campaign touches belongs to that phase, however few of its
days it holds (days between phases or outside the campaign compete for nothing). So a period
is judged on whole calendar months, and each month in exactly one period of its series."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from reports.campaigns import Campaign
from reports.periods import Period, holds_month, month_of, shared_days
from reports.phases import phase_containing


def _winner(whole: Period, rivals: Iterable[Period]) -> Period | None:
    """The period holding most of the month's days (on a tie, the one holding its last day)."""
    best: Period | None = None
    for rival in rivals:
        days = shared_days(whole, rival)
        if days == 0:
            continue
        if best is None or (days, rival.contains(whole.end)) > (
            shared_days(whole, best),
            best.contains(whole.end),
        ):
            best = rival
    return best


def _phases_touching(campaign: Campaign, whole: Period) -> list[Period]:
    """The campaign's phases (fixed and yearly) sharing at least one day with the month."""
    found = [
        Period("phase", phase.start, phase.end, phase.name)
        for phase in campaign.phases
        if phase.start <= whole.end and whole.start <= phase.end
    ]
    days = [whole.start, whole.end]
    if campaign.recurring is not None and whole.contains(campaign.recurring.start):
        days.append(campaign.recurring.start)
    for day in days:
        phase = phase_containing(campaign, day)
        if phase is not None and phase not in found:
            found.append(phase)
    return found


def _belongs(whole: Period, period: Period, campaign: Campaign | None) -> bool:
    """Whether the calendar month `whole` is judged in `period`."""
    if period.kind == "phase" and campaign is not None:
        winner = _winner(whole, _phases_touching(campaign, whole))
        # a phase cut short (a phase so far) is still the phase: its start and name say which
        return winner is not None and (winner.start, winner.name) == (period.start, period.name)
    return holds_month(period, whole)


def months_of(period: Period, campaign: Campaign | None = None) -> tuple[Period, ...]:
    """The whole calendar months `period` is judged on, in order, by the campaign's
    `month_rule` (a phase needs its campaign: its neighbours are the campaign's other phases;
    without one, a phase is taken as one of a gapless series)."""
    found: list[Period] = []
    cursor = period.start.replace(day=1)
    while cursor <= period.end:
        whole = month_of(cursor)
        if _belongs(whole, period, campaign):
            found.append(whole)
        cursor = whole.end + timedelta(days=1)
    return tuple(found)
