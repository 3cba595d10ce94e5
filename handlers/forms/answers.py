"""Turning what a person typed into a field's value, or saying what was wrong."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from handlers.forms.spec import FieldSpec

DAY_PATTERN = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?\s*$")
TODAY_WORDS = {"hôm nay", "hom nay", "today"}
YESTERDAY_WORDS = {"hôm qua", "hom qua", "yesterday"}


@dataclass(frozen=True)
class Problem:
    """Why an answer was refused: a catalogue key and its arguments."""

    key: str
    args: dict[str, str | int] = field(default_factory=dict)


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
        return Problem("problem-day-format", {"typed": typed[:40]})
    day, month, year_text = int(match[1]), int(match[2]), match[3]
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return Problem("problem-day-invalid", {"typed": typed[:40]})
    if year_text is None and value > today:
        # "28/12" typed on 5 January means last December.
        try:
            value = value.replace(year=year - 1)
        except ValueError:
            return Problem("problem-day-invalid", {"typed": typed[:40]})
    if value > today:
        return Problem("problem-day-future", {"day": value.strftime("%d/%m/%Y")})
    if (today - value).days > spec.max_past_days:
        return Problem("problem-day-too-old", {"days": spec.max_past_days})
    return value
