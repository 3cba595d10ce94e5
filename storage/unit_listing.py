"""The unit tree as the command line lists it: plain rows read through SQLAlchemy's lexical
`table()`/`column()`, so `antt-bot admin list` neither declares the ORM models nor configures
their mappers (two fifths of its own work, measured: bench/RESULTS.md). The columns named here
are checked against storage/models.py by tests/test_admin_cli.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, String, column, func, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from storage.invite_terms import problem_with
from storage.utc import UTCDateTime

UNITS = table(
    "units",
    column("id", Integer),
    column("name", String),
    column("kind", String),
    column("parent_id", Integer),
)
MEMBERS = table("members", column("id", Integer), column("unit_id", Integer), column("status"))
INVITES = table(
    "invites",
    column("id", Integer),
    column("unit_id", Integer),
    column("role", String),
    column("uses_left", Integer),
    column("expires_at", UTCDateTime),
    column("revoked_at", UTCDateTime),
)


@dataclass(frozen=True)
class ListedUnit:
    """One unit of the tree and how many active members it has."""

    id: int
    name: str
    kind: str
    parent_id: int | None
    members: int


@dataclass(frozen=True)
class ListedInvite:
    """An invite's terms: what `problem_with` reads, and what the listing shows."""

    id: int
    unit_id: int
    role: str
    uses_left: int
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class UnitListing:
    """Every unit (parents before children) and the invites that can still be used."""

    units: list[ListedUnit]
    usable_invites: list[ListedInvite]


async def unit_listing(session: AsyncSession, now: dt.datetime) -> UnitListing:
    """The whole tree with member counts, and the invites usable at `now`, newest first."""
    units, members, invites = UNITS.c, MEMBERS.c, INVITES.c
    count_rows = await session.execute(
        select(members.unit_id, func.count(members.id))
        .where(members.status == "active")
        .group_by(members.unit_id)
    )
    counted = {unit_id: count for unit_id, count in count_rows}
    unit_rows = await session.execute(
        select(units.id, units.name, units.kind, units.parent_id).order_by(units.id)
    )
    invite_rows = await session.execute(
        select(
            invites.id,
            invites.unit_id,
            invites.role,
            invites.uses_left,
            invites.expires_at,
            invites.revoked_at,
        ).order_by(invites.id.desc())
    )
    listed_invites = [ListedInvite(*row) for row in invite_rows]
    return UnitListing(
        units=[
            ListedUnit(id_, name, kind, parent, counted.get(id_, 0))
            for id_, name, kind, parent in unit_rows
        ],
        usable_invites=[i for i in listed_invites if problem_with(i, now) is None],
    )
