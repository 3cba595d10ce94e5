"""Quiet hours: the local span at night when nothing but call-outs is sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class QuietHours:
    """From `start` to `end`, local time; the span may cross midnight (21:00-07:00)."""

    start: dt.time
    end: dt.time

    def covers(self, moment: dt.datetime) -> bool:
        """Whether a message at `moment` (local) would arrive at night."""
        at = moment.timetz().replace(tzinfo=None)
        if self.start <= self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def next_morning(self, moment: dt.datetime) -> dt.datetime:
        """The first moment after `moment` that is not quiet (`moment` itself when awake)."""
        if not self.covers(moment):
            return moment
        day = moment.date()
        if moment.timetz().replace(tzinfo=None) >= self.start and self.start > self.end:
            day += dt.timedelta(days=1)
        return dt.datetime.combine(day, self.end, moment.tzinfo)

    def evening(self, moment: dt.datetime) -> dt.datetime:
        """When quiet hours begin on `moment`'s day."""
        return dt.datetime.combine(moment.date(), self.start, moment.tzinfo)


DEFAULT_QUIET_HOURS = QuietHours(dt.time(21), dt.time(7))
