"""Whether an invite can still be used: a rule on its terms alone, so a listing of plain rows
(storage/unit_listing.py) applies the same rule as joining does, without the ORM."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Protocol


class InviteProblem(enum.Enum):
    """Why an invite code cannot be used."""

    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"
    USED_UP = "used-up"


class InviteTerms(Protocol):
    """What decides whether an invite can be used: a stored invite, or a listing's row."""

    @property
    def revoked_at(self) -> dt.datetime | None: ...
    @property
    def expires_at(self) -> dt.datetime: ...
    @property
    def uses_left(self) -> int: ...


def problem_with(invite: InviteTerms | None, now: dt.datetime) -> InviteProblem | None:
    """What stops this invite from being used now, if anything."""
    if invite is None:
        return InviteProblem.UNKNOWN
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if invite.expires_at <= now:
        return InviteProblem.EXPIRED
    if invite.uses_left <= 0:
        return InviteProblem.USED_UP
    return None
