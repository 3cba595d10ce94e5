"""The reports counted per team and half-month (`team_half_months`, `member_half_months`), kept
exactly in step with the reports: a province's summary adds these rows up instead of reading
every report.

Every write to a report recounts the (team, half-month) it touches from scratch, in the same
transaction (`recount`): a count never drifts, because it is never adjusted, only redone. On
PostgreSQL the team's row is locked first, so two reports saved to one team at once are counted
one after the other and neither is lost (SQLite has one writer at a time already). `rebuild`
empties both tables and counts every active report again: the migration that made the tables,
`antt-bot admin recount-work`, and data written around `storage/reports.py` (the benchmark)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession

from reports.records import PATROL_KINDS, REPORT_KINDS, ReportRecord
from reports.work import (
    TEAM_FIGURES,
    MemberCounts,
    MemberWork,
    TeamCounts,
    TeamWork,
    count_reports,
    half_month_end,
    half_month_of,
)
from storage.models import MEMBER_HALF_MONTHS, TEAM_HALF_MONTHS, Report, Unit
from storage.plain_rows import collector_paused
from storage.report_rows import report_columns, report_records

UTC = ZoneInfo("UTC")

# What to select for `team_work_of`: team_id, starts_on, then every figure of TEAM_FIGURES.
TEAM_COLUMNS: tuple[Column[Any], ...] = (
    TEAM_HALF_MONTHS.c.team_id,
    TEAM_HALF_MONTHS.c.starts_on,
    *(TEAM_HALF_MONTHS.c[name] for name in TEAM_FIGURES),
)
# What to select for `member_work_of`: team_id, member_id, starts_on (the table's key, in its
# order), a count per kind of REPORT_KINDS, then patrol_kinds (the bit mask).
MEMBER_COLUMNS: tuple[Column[Any], ...] = (
    MEMBER_HALF_MONTHS.c.team_id,
    MEMBER_HALF_MONTHS.c.member_id,
    MEMBER_HALF_MONTHS.c.starts_on,
    *(MEMBER_HALF_MONTHS.c[kind] for kind in REPORT_KINDS),
    MEMBER_HALF_MONTHS.c.patrol_kinds,
)
TEAM_KEY_WIDTH = 2  # team_id, starts_on
MEMBER_KEY_WIDTH = 3  # team_id, member_id, starts_on

# Every set of patrol kinds, by its mask (bit i = PATROL_KINDS[i]).
_KINDS_OF_MASK: tuple[frozenset[str], ...] = tuple(
    frozenset(kind for bit, kind in enumerate(PATROL_KINDS) if mask >> bit & 1)
    for mask in range(1 << len(PATROL_KINDS))
)
_BIT_OF_KIND = {kind: 1 << bit for bit, kind in enumerate(PATROL_KINDS)}
# Reports counted per step of `rebuild` (whole teams at a time, so at least one team's).
REBUILD_CHUNK = 20_000
_INSERT_CHUNK = 5_000


def patrol_mask(kinds: Iterable[str]) -> int:
    """The bit mask of a set of patrol kinds (bit i = PATROL_KINDS[i])."""
    mask = 0
    for kind in kinds:
        bit = _BIT_OF_KIND.get(kind)
        if bit is None:
            raise ValueError(f"unknown patrol kind {kind!r}")
        mask |= bit
    return mask


def patrol_kinds_of(mask: int) -> frozenset[str]:
    """The patrol kinds a bit mask stands for."""
    if not 0 <= mask < len(_KINDS_OF_MASK):
        raise ValueError(f"patrol kinds mask out of range: {mask}")
    return _KINDS_OF_MASK[mask]


def team_work_of(row: Sequence[Any]) -> TeamWork:
    """A `team_half_months` row selected as TEAM_COLUMNS (a Core row or a tuple)."""
    return TeamWork(*row[TEAM_KEY_WIDTH:])


def member_work_of(row: Sequence[Any]) -> MemberWork:
    """A `member_half_months` row selected as MEMBER_COLUMNS (a Core row or a tuple)."""
    return MemberWork(tuple(row[MEMBER_KEY_WIDTH:-1]), _KINDS_OF_MASK[row[-1]])


async def recount(session: AsyncSession, keys: Iterable[tuple[int, dt.date]]) -> None:
    """Count again the active reports of each (team id, half-month) and store the rows (none for
    a half-month left empty); a half-month is named by its first day or any day in it. Call it
    after the reports' changes are flushed, in their transaction."""
    wanted = sorted({(team_id, half_month_of(day)) for team_id, day in keys})
    if not wanted:
        return
    connection = await session.connection()
    await connection.run_sync(_recount, wanted)


def rebuild(connection: Connection) -> int:
    """Empty both tables and count every active report again; how many were counted.

    Synchronous, for a migration (`op.get_bind()`) and for async code alike
    (`await connection.run_sync(rebuild)`). Reads whole teams at a time, about REBUILD_CHUNK
    reports per step (one team with more is read alone), so memory stays bounded however many
    reports there are: 594,000 took 15 s on SQLite, 19 s on PostgreSQL, 130 MB at most."""
    if connection.dialect.name == "postgresql":
        # A report saved meanwhile waits (its recount deletes rows) until this commits, then
        # counts its half-month again: nothing it does is lost or counted twice.
        connection.execute(
            text("LOCK TABLE team_half_months, member_half_months IN EXCLUSIVE MODE")
        )
    connection.execute(delete(TEAM_HALF_MONTHS))
    connection.execute(delete(MEMBER_HALF_MONTHS))
    per_team = connection.execute(
        select(Report.team_id, func.count())
        .where(Report.status == "active")
        .group_by(Report.team_id)
        .order_by(Report.team_id)
    ).all()
    counted = 0
    with collector_paused():
        for first, last in _team_ranges([(team_id, int(count)) for team_id, count in per_team]):
            records = _records(
                connection.execute(
                    _reports_query(Report.team_id.between(first, last)).order_by(Report.id)
                )
            )
            _store(connection, count_reports(records, half_month_of))
            counted += len(records)
    return counted


def _recount(connection: Connection, keys: list[tuple[int, dt.date]]) -> None:
    if connection.dialect.name == "postgresql":
        # FOR NO KEY UPDATE, not FOR UPDATE: saving a report already took a KEY SHARE lock on
        # its team (the foreign key check), which FOR UPDATE would wait for, so two saves to
        # one team would deadlock. NO KEY UPDATE still queues the recounts one after the
        # other, and the next one reads what the previous one committed.
        connection.execute(_LOCK_TEAMS, {"teams": sorted({team_id for team_id, _ in keys})})
    named = [{"team": team_id, "starts_on": starts_on} for team_id, starts_on in keys]
    connection.execute(_DELETE_TEAM_ROWS, named)
    connection.execute(_DELETE_MEMBER_ROWS, named)
    records: list[ReportRecord] = []
    for team_id, starts_on in keys:
        records += _records(
            connection.execute(
                _HALF_MONTH_REPORTS,
                {"team": team_id, "first": starts_on, "last": half_month_end(starts_on)},
            )
        )
    _store(connection, count_reports(records, half_month_of))


def _reports_query(where: ColumnElement[bool]) -> Select[Any]:
    """The active reports matching `where`, selected for `report_records`."""
    return select(*report_columns()).where(Report.status == "active", where)


# The statements of a recount, built once (it runs inside every report save).
_LOCK_TEAMS = (
    select(Unit.id)
    .where(Unit.id.in_(bindparam("teams", expanding=True)))
    .order_by(Unit.id)
    .with_for_update(key_share=True)
)
_DELETE_TEAM_ROWS = delete(TEAM_HALF_MONTHS).where(
    TEAM_HALF_MONTHS.c.team_id == bindparam("team"),
    TEAM_HALF_MONTHS.c.starts_on == bindparam("starts_on"),
)
_DELETE_MEMBER_ROWS = delete(MEMBER_HALF_MONTHS).where(
    MEMBER_HALF_MONTHS.c.team_id == bindparam("team"),
    MEMBER_HALF_MONTHS.c.starts_on == bindparam("starts_on"),
)
_HALF_MONTH_REPORTS = _reports_query(
    and_(
        Report.team_id == bindparam("team"),
        Report.occurred_on.between(bindparam("first"), bindparam("last")),
    )
)


def _records(rows: Iterable[Sequence[Any]]) -> list[ReportRecord]:
    return report_records(rows, UTC)  # when a report was sent does not count


def _store(
    connection: Connection, counts: tuple[TeamCounts[dt.date], MemberCounts[dt.date]]
) -> None:
    team_counts, member_counts = counts
    team_rows = [
        {"team_id": team_id, "starts_on": starts_on, **_team_figures(work)}
        for (team_id, starts_on), work in team_counts.items()
    ]
    member_rows = [
        {
            "team_id": team_id,
            "starts_on": starts_on,
            "member_id": member_id,
            **dict(zip(REPORT_KINDS, done.by_kind, strict=True)),
            "patrol_kinds": patrol_mask(done.patrol_kinds),
        }
        for (team_id, member_id, starts_on), done in member_counts.items()
    ]
    for table, rows in ((TEAM_HALF_MONTHS, team_rows), (MEMBER_HALF_MONTHS, member_rows)):
        for start in range(0, len(rows), _INSERT_CHUNK):
            connection.execute(insert(table), rows[start : start + _INSERT_CHUNK])


def _team_figures(work: TeamWork) -> dict[str, int]:
    return dict(zip(TEAM_FIGURES, work.figures(), strict=True))


def _team_ranges(per_team: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Consecutive teams (by id) packed into ranges of about REBUILD_CHUNK reports each."""
    first: int | None = None
    last = 0
    held = 0
    for team_id, count in per_team:
        if first is not None and held + count > REBUILD_CHUNK:
            yield first, last
            first, held = None, 0
        if first is None:
            first = team_id
        last = team_id
        held += count
    if first is not None:
        yield first, last
