"""Typed, forgiving reads of a report's answers: a malformed value reads as missing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime


def text(payload: Mapping[str, object], key: str) -> str:
    """A text answer, or "" when absent."""
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ""


def number(payload: Mapping[str, object], key: str) -> int:
    """A non-negative whole number, or 0 when absent or malformed."""
    value = payload.get(key)
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return 0


def flag(payload: Mapping[str, object], key: str) -> bool | None:
    """A yes/no answer, or None when not (yet) given."""
    value = payload.get(key)
    return value if isinstance(value, bool) else None


def member_ids(payload: Mapping[str, object], key: str = "participants") -> frozenset[int]:
    """The member ids listed under `key`."""
    value = payload.get(key)
    if not isinstance(value, list | tuple):
        return frozenset()
    return frozenset(item for item in value if isinstance(item, int) and not isinstance(item, bool))


def member_list(payload: Mapping[str, object], key: str = "participants") -> list[int]:
    """The member ids listed under `key`, in their order, each once."""
    value = payload.get(key)
    if not isinstance(value, list | tuple):
        return []
    ids = [item for item in value if isinstance(item, int) and not isinstance(item, bool)]
    return list(dict.fromkeys(ids))


def moment(payload: Mapping[str, object], key: str) -> datetime | None:
    """An ISO local date-time, or None; a time zone, if given, is dropped (times are local)."""
    value = payload.get(key)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        return None


def day(payload: Mapping[str, object], key: str) -> date | None:
    """An ISO date, or None."""
    value = payload.get(key)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
