"""Calendar months as the conversation pages through them ("2026-11" in button data)."""

from __future__ import annotations

import datetime as dt

from chat import button_data


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month `day` is in."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def parse_month(text: str, today: dt.date) -> dt.date | None:
    """The first day of a "YYYY-MM" month that has begun; None for anything else."""
    first = button_data.month(text)
    return first if first is not None and first <= today else None
