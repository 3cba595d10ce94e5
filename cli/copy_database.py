"""`antt-bot admin copy-database`: move a ward's database (SQLite) to PostgreSQL, every row.

The target must be empty; it is migrated to this code's schema, then every table is copied in
foreign-key order with its ids, in one transaction (a failure leaves the target as it was), and
PostgreSQL's id sequences are moved past the copied ids. Then each table is read again on both
sides: its row count and a checksum of its rows (order-independent, over every column) must
match. The source is only read; stop the bot that uses it first."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Row, Table, func, inspect, select, table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database, head_revisions
from storage.models import Base

BATCH_ROWS = 2000
CHECKSUM_MODULUS = 2**256
DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class CopyError(Exception):
    """Why the copy did not start (or was rolled back), in one line."""


@dataclass(frozen=True)
class TableCheck:
    """One table after the copy: rows and checksum on each side."""

    name: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def arrived(self) -> bool:
        return (self.source_rows, self.source_checksum) == (self.target_rows, self.target_checksum)


def async_url(url: str, flag: str) -> str:
    """The URL with the async driver the product uses (sqlite:/// and postgresql:// accepted)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CopyError(
            f"{flag}: not a database URL: expected sqlite:///path or "
            "postgresql+asyncpg://user@host:5432/db"
        ) from None
    driver = DRIVERS.get(parsed.drivername)
    if driver is None:
        raise CopyError(f"{flag}: {parsed.drivername} is not supported (SQLite or PostgreSQL)")
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def tables() -> list[Table]:
    """The product's tables, each after every table it refers to."""
    return list(Base.metadata.sorted_tables)


async def copy_database(
    source_url: str, target_url: str, progress: Callable[[str], None] = lambda _line: None
) -> list[TableCheck]:
    """Copy every row of `source_url` into the empty `target_url`; the check of each table."""
    source_url, target_url = async_url(source_url, "--from"), async_url(target_url, "--to")
    if make_url(source_url).render_as_string() == make_url(target_url).render_as_string():
        raise CopyError("--from and --to are the same database")
    _source_file_exists(source_url)
    source, target = Database(source_url), Database(target_url)
    try:
        await _source_is_current(source)
        await _target_is_empty(target)
        progress("migrating the target to the newest schema")
        await target.migrate()
        async with source.engine.connect() as reading, target.engine.begin() as writing:
            for each in tables():
                copied = await _copy_table(reading, writing, each)
                progress(f"copied {each.name}: {copied:,} rows")
            if writing.dialect.name == "postgresql":
                await _move_sequences(writing)
        progress("checking every row arrived")
        return [await _check(source, target, each) for each in tables()]
    finally:
        await source.dispose()
        await target.dispose()


def summary_lines(checks: Sequence[TableCheck]) -> list[str]:
    """The per-table summary, then one line saying whether every row arrived."""
    width = max(len(check.name) for check in checks)
    lines = [f"{'table':<{width}}  {'source':>9}  {'target':>9}  check"]
    for check in checks:
        verdict = (
            f"ok ({check.target_checksum[:12]})"
            if check.arrived
            else f"DIFFERENT: checksums {check.source_checksum[:12]} / {check.target_checksum[:12]}"
        )
        lines.append(
            f"{check.name:<{width}}  {check.source_rows:>9,}  {check.target_rows:>9,}  {verdict}"
        )
    rows = sum(check.source_rows for check in checks)
    missing = [check.name for check in checks if not check.arrived]
    if missing:
        lines.append(f"NOT every row arrived: {', '.join(missing)} differ")
    else:
        lines.append(f"every row arrived: {len(checks)} tables, {rows:,} rows")
    return lines


# -- before the copy ---------------------------------------------------------------------------


def _source_file_exists(url: str) -> None:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        path = parsed.database or ""
        if path in ("", ":memory:") or not Path(path).is_file():
            raise CopyError(f"--from: no database file at {path or '(none)'}")


async def _source_is_current(source: Database) -> None:
    current, expected = await source.revisions(), head_revisions()
    if current != expected:
        found = ", ".join(sorted(current)) or "no schema"
        raise CopyError(
            f"--from is at {found}, this version needs {', '.join(sorted(expected))}: run "
            "`antt-bot migrate` with ANTT_DATABASE_URL set to it first"
        )
    async with source.engine.connect() as connection:
        names = set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
    unknown = sorted(names - {each.name for each in tables()} - {"alembic_version"})
    if unknown:
        raise CopyError(f"--from has tables this version does not copy: {', '.join(unknown)}")


async def _target_is_empty(target: Database) -> None:
    async with target.engine.connect() as connection:
        names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        for name in sorted(set(names) - {"alembic_version"}):
            rows = await connection.scalar(select(func.count()).select_from(table(name)))
            if rows:
                raise CopyError(
                    f"--to already holds data ({name}: {rows:,} row(s)); "
                    "copy into an empty database"
                )


# -- the copy ----------------------------------------------------------------------------------


async def _copy_table(reading: AsyncConnection, writing: AsyncConnection, each: Table) -> int:
    copied = 0
    async for batch in _batches(reading, each):
        await writing.execute(each.insert(), [dict(row._mapping) for row in batch])
        copied += len(batch)
    return copied


async def _batches(reading: AsyncConnection, each: Table) -> AsyncIterator[Sequence[Row[Any]]]:
    """The table's rows in batches; a table that refers to itself (units: parent_id) parents
    first, as the target checks each reference when the row arrives."""
    query = select(each).order_by(*each.primary_key.columns)
    parents = [
        (key.parent.name, key.column.name) for key in each.foreign_keys if key.column.table is each
    ]
    if not parents:
        result = await reading.stream(query)
        async for batch in result.partitions(BATCH_ROWS):
            yield batch
        return
    rows = list((await reading.execute(query)).all())
    ordered = _parents_first(rows, parents)
    for start in range(0, len(ordered), BATCH_ROWS):
        yield ordered[start : start + BATCH_ROWS]


def _parents_first(rows: list[Row[Any]], parents: list[tuple[str, str]]) -> list[Row[Any]]:
    placed: set[Any] = set()
    ordered: list[Row[Any]] = []
    waiting = rows
    while waiting:
        ready = [
            row
            for row in waiting
            if all(
                row._mapping[child] is None or row._mapping[child] in placed
                for child, _parent in parents
            )
        ]
        if not ready:  # a cycle or a dangling reference: let the database say which
            ready = waiting
        ordered += ready
        for row in ready:
            placed |= {row._mapping[parent] for _child, parent in parents}
        ready_ids = {id(row) for row in ready}
        waiting = [row for row in waiting if id(row) not in ready_ids]
    return ordered


async def _move_sequences(writing: AsyncConnection) -> None:
    """PostgreSQL hands out the next id from a sequence the copy did not move: set each past
    the largest copied id."""
    for each in tables():
        keys = list(each.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        key = keys[0]
        sequence = func.pg_get_serial_sequence(each.name, key.name)
        await writing.execute(
            select(func.setval(sequence, func.coalesce(func.max(key), 0) + 1, False))
        )


# -- the check ---------------------------------------------------------------------------------


async def _check(source: Database, target: Database, each: Table) -> TableCheck:
    source_rows, source_sum = await _fingerprint(source, each)
    target_rows, target_sum = await _fingerprint(target, each)
    return TableCheck(each.name, source_rows, target_rows, source_sum, target_sum)


async def _fingerprint(db: Database, each: Table) -> tuple[int, str]:
    """Rows and a checksum of the table: the sum of every row's SHA-256 (so row order does not
    matter), each row every column's value in one spelling for both databases."""
    rows, total = 0, 0
    async with db.engine.connect() as connection:
        count = await connection.scalar(select(func.count()).select_from(each))
        result = await connection.stream(select(each))
        async for batch in result.partitions(BATCH_ROWS):
            for row in batch:
                digest = hashlib.sha256(_canonical(tuple(row)).encode()).digest()
                total = (total + int.from_bytes(digest, "big")) % CHECKSUM_MODULUS
                rows += 1
    if rows != count:  # rows arrived while counting: the source is in use
        raise CopyError(f"{each.name} changed while it was checked: stop the bot and run again")
    return rows, f"{total:064x}"


def _canonical(values: tuple[Any, ...]) -> str:
    return json.dumps(values, default=_plain, sort_keys=True, ensure_ascii=False)


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot compare a {type(value).__name__}")
