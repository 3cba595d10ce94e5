"""The time the conversation lives in: local to the wards, and replaceable in tests."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Tells the current local time."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The machine's clock, seen in the wards' time zone."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.zone)


class FixedClock:
    """A clock that shows what it is set to (tests and the demo's fixed morning)."""

    def __init__(self, moment: dt.datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a FixedClock needs an aware datetime")
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment
