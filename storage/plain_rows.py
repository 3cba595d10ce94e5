"""Many rows read as plain values, fast: each value as the driver gives it back (text on
SQLite, a Python object on PostgreSQL) read by Python's C parsers, with the cyclic garbage
collector paused while the rows' objects are made."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast


def stored_day(value: dt.date | str) -> dt.date:
    """A stored date: PostgreSQL's driver gives a date, SQLite's an ISO text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def stored_answers(value: dict[str, object] | str | None) -> dict[str, object]:
    """A report's answers: PostgreSQL's driver decodes them already, SQLite gives JSON text;
    anything but an object reads as no answers."""
    if isinstance(value, dict):
        return value
    found = json.loads(value) if value else {}
    return cast(dict[str, object], found) if isinstance(found, dict) else {}


def stored_utc(value: dt.datetime | str) -> dt.datetime:
    """A stored UTC moment (kept without a zone) as an aware datetime."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment.replace(tzinfo=dt.UTC)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many new objects are made: none of them is garbage
    yet, and the collector would walk them again and again (most of a load's time, measured).
    Nothing is lost: collection resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
