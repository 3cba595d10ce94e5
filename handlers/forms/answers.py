"""Turning what a person typed into a field's value, or saying what was wrong."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from handlers.forms.spec import FieldSpec

DAY_PATTERN = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?\s*$")
TIME_PATTERN = re.compile(r"^\s*(\d{1,2})\s*[:hg.]\s*(\d{2})?\s*(?:p|')?\s*$", re.IGNORECASE)
NUMBER_PATTERN = re.compile(r"(?<![\d-])(-?\d{1,7})(?!\d)")
TODAY_WORDS = {"hôm nay", "hom nay", "today"}
YESTERDAY_WORDS = {"hôm qua", "hom qua", "yesterday"}
YES_WORDS = {"có", "co", "yes", "c", "y"}
NO_WORDS = {"không", "khong", "ko", "no", "k", "n"}


@dataclass(frozen=True)
class Problem:
    """Why an answer was refused: a catalogue key and its arguments."""

    key: str
    args: dict[str, str | int] = field(default_factory=dict)


def _shown(typed: str) -> str:
    return typed.strip()[:40]


def read_text(spec: FieldSpec, text: str) -> str | Problem:
    """The trimmed text, if its length is within the field's limits."""
    cleaned = text.strip()
    if not cleaned:
        return Problem("problem-text-empty")
    if len(cleaned) < spec.min_length:
        return Problem("problem-text-too-short", {"min": spec.min_length})
    if len(cleaned) > spec.max_length:
        return Problem("problem-text-too-long", {"max": spec.max_length, "got": len(cleaned)})
    return cleaned


def read_number(spec: FieldSpec, text: str) -> int | Problem:
    """The first whole number in the text ("3", "3 vụ", "khoảng 45 người"), within range."""
    match = NUMBER_PATTERN.search(text.replace(".", "").replace(",", ""))
    if match is None:
        return Problem("problem-number-format", {"typed": _shown(text)})
    return check_number(spec, int(match[1]))


def check_number(spec: FieldSpec, value: int) -> int | Problem:
    """`value` if the field allows it."""
    if not spec.min_value <= value <= spec.max_value:
        return Problem("problem-number-range", {"min": spec.min_value, "max": spec.max_value})
    return value


def read_yes_no(text: str) -> bool | Problem:
    """Có or Không, typed."""
    word = text.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return Problem("problem-yes-no")


def read_day(spec: FieldSpec, text: str, today: dt.date) -> dt.date | Problem:
    """A day typed as dd/mm or dd/mm/yyyy (or "hôm nay", "hôm qua"), not in the future."""
    typed = text.strip()
    lowered = typed.lower()
    if lowered in TODAY_WORDS:
        return today
    if lowered in YESTERDAY_WORDS:
        return today - dt.timedelta(days=1)
    match = DAY_PATTERN.match(typed)
    if match is None:
        return Problem("problem-day-format", {"typed": _shown(typed)})
    day, month, year_text = int(match[1]), int(match[2]), match[3]
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return Problem("problem-day-invalid", {"typed": _shown(typed)})
    if year_text is None and value > today:
        # "28/12" typed on 5 January means last December.
        try:
            value = value.replace(year=year - 1)
        except ValueError:
            return Problem("problem-day-invalid", {"typed": _shown(typed)})
    return check_day(spec, value, today)


def check_day(spec: FieldSpec, value: dt.date, today: dt.date) -> dt.date | Problem:
    """`value` if it is neither in the future nor older than the field allows."""
    if value > today:
        return Problem("problem-day-future", {"day": value.strftime("%d/%m/%Y")})
    if (today - value).days > spec.max_past_days:
        return Problem("problem-day-too-old", {"days": spec.max_past_days})
    return value


def read_clock(text: str) -> dt.time | None:
    """ "8:30", "08h30", "20h", "20:05" as a time of day; None when it is not one."""
    match = TIME_PATTERN.match(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def read_moment(spec: FieldSpec, text: str, now: dt.datetime) -> dt.datetime | Problem:
    """ "hh:mm" (today, or yesterday when that is still to come) or "hh:mm dd/mm"."""
    clock_text, _, day_text = text.strip().partition(" ")
    clock = read_clock(clock_text)
    if clock is None:
        return Problem("problem-time-format", {"typed": _shown(text)})
    today = now.date()
    if day_text.strip():
        day = read_day(spec, day_text, today)
        if isinstance(day, Problem):
            return day
    else:
        day = today if clock <= now.time() else today - dt.timedelta(days=1)
    return dt.datetime.combine(day, clock)


def read_span(text: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | Problem:
    """ "19:00-21:30" (ending today, or yesterday if still to come; may cross midnight)."""
    start_text, sep, end_text = text.replace("–", "-").replace("đến", "-").partition("-")
    start, end = read_clock(start_text), read_clock(end_text)
    if not sep or start is None or end is None:
        return Problem("problem-span-format", {"typed": _shown(text)})
    end_day = now.date() if end <= now.time() else now.date() - dt.timedelta(days=1)
    end_at = dt.datetime.combine(end_day, end)
    start_at = dt.datetime.combine(end_day, start)
    if start_at >= end_at:
        start_at -= dt.timedelta(days=1)
    return start_at, end_at
