"""The embedded database is set up as promised: WAL, a busy timeout, writers that lock first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.database import Database


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> Database:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    await db.migrate()
    return db


async def test_wal_and_busy_timeout(sqlite_db: Database) -> None:
    async with sqlite_db.read() as session:
        assert (await session.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await session.execute(text("PRAGMA busy_timeout"))).scalar() == 10_000
        assert (await session.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await sqlite_db.dispose()


async def test_a_write_transaction_takes_the_write_lock_at_begin(
    sqlite_db: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "x.sqlite3", timeout=0, isolation_level=None)
    async with sqlite_db.write() as session:
        await session.execute(text("SELECT count(*) FROM units"))  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    await sqlite_db.dispose()


async def test_migrations_run_twice_without_change(sqlite_db: Database) -> None:
    await sqlite_db.migrate()
    async with sqlite_db.read() as session:
        assert (
            await session.execute(text("SELECT version_num FROM alembic_version"))
        ).scalar() == "0004"
    await sqlite_db.dispose()
