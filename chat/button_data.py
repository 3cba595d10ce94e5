"""The values a button's data carries, read back in one place: each reader here returns a typed,
range-checked value or None, and None is answered like any forged press ("Nút này không hợp
lệ."). A press comes from the person's client, so anything in it may be forged: "²" passes
`str.isdigit()` but not `int()`, twenty digits pass `int()` but not the database's integer, and
a year 1 passes `date` but not the month before it.

Each button of the bot is described in `chat/actions.py` (its scope, verb and typed values);
`chat/buttons.py` writes and reads it, each value with one of these functions."""

from __future__ import annotations

import datetime as dt
import re

from storage.units import MAX_ROW_ID

# Telegram's limit for callback_data; anything longer was not made by the bot.
MAX_BYTES = 64
MAX_ID = MAX_ROW_ID
# A draft's version counts its steps.
MAX_VERSION = 10**9
# Months and years the bot pages through or sums up.
FIRST_YEAR = 2000
LAST_YEAR = 2100
# Quick "N minutes ago" / "the last N minutes" buttons: at most a month back.
MAX_MINUTES = 31 * 24 * 60
# A team's planned size (a team has 3 to 5 members in Hà Nội) and a list's page.
MAX_TEAM_SIZE = 20
MAX_PAGE = 9999

_DIGITS = re.compile(r"[0-9]{1,18}")
_NAME = re.compile(r"[a-z0-9_]{1,40}")
_KEY = re.compile(r"[a-z0-9_-]{1,40}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def fits(data: str) -> bool:
    """Data no longer than Telegram lets a button carry."""
    return len(data.encode("utf-8", "surrogatepass")) <= MAX_BYTES


def number(text: str, low: int, high: int) -> int | None:
    """An integer written in ASCII digits (no sign, no other script), within [low, high]."""
    if _DIGITS.fullmatch(text) is None:
        return None
    value = int(text)
    return value if low <= value <= high else None


def identifier(text: str) -> int | None:
    """The id of a stored row (a unit, member, report, request, invite)."""
    return number(text, 1, MAX_ID)


def version(text: str) -> int | None:
    """A draft's version in `f<version>:` and `j<version>:`."""
    return number(text, 0, MAX_VERSION)


def minutes(text: str) -> int | None:
    """A quick time button's minutes."""
    return number(text, 0, MAX_MINUTES)


def year(text: str) -> int | None:
    """A four-digit year the bot can page through or sum up."""
    return number(text, FIRST_YEAR, LAST_YEAR) if len(text) == 4 else None


def month(text: str) -> dt.date | None:
    """The first day of a "YYYY-MM" month in the years the bot knows."""
    found = _MONTH.fullmatch(text)
    if found is None or year(found[1]) is None:
        return None
    number_of_month = number(found[2], 1, 12)
    if number_of_month is None:
        return None
    return dt.date(int(found[1]), number_of_month, 1)


def period(text: str) -> str | None:
    """A /baocao period as its buttons write it: "YYYY-MM", "year:YYYY", "rating-year:YYYY" or
    "phase:<name>" (the campaign decides whether the phase exists)."""
    kind, sep, value = text.partition(":")
    if not sep:
        return text if month(text) is not None else None
    if kind in ("year", "rating-year"):
        return text if year(value) is not None else None
    return text if kind == "phase" and value else None


def name(text: str) -> str | None:
    """A name from the bot's own configuration (a form kind, a field, a choice's value)."""
    return text if _NAME.fullmatch(text) else None


def key(text: str) -> str | None:
    """The id of something a campaign declares (a police figure, an indicator)."""
    return text if _KEY.fullmatch(text) else None


def flag(text: str) -> bool | None:
    """A yes or a no: "1" or "0"."""
    return {"1": True, "0": False}.get(text)


def team_size(text: str) -> int | None:
    """A team's planned size."""
    return number(text, 1, MAX_TEAM_SIZE)


def page(text: str) -> int | None:
    """A list's page, counted from 0."""
    return number(text, 0, MAX_PAGE)


def signed(text: str) -> int | None:
    """A quick number button's value (a form's range decides whether it fits)."""
    value = number(text.removeprefix("-"), 0, MAX_ID)
    if value is None:
        return None
    return -value if text.startswith("-") else value
