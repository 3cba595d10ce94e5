"""Moments shown as the wards' local time, without a time zone (Excel and Word cannot hold one)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WARD_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def local(moment: datetime) -> datetime:
    """A moment as naive local time; a naive moment is taken to be local already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(WARD_TIME).replace(tzinfo=None)
