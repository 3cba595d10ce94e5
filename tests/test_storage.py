"""The embedded database is set up as promised: WAL, a busy timeout, writers that lock first."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from storage.database import Database, alembic_config
from storage.models import Base
from storage.names import name_key


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


def newest_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


async def test_migrations_run_twice_without_change(sqlite_db: Database) -> None:
    await sqlite_db.migrate()
    async with sqlite_db.read() as session:
        assert (
            await session.execute(text("SELECT version_num FROM alembic_version"))
        ).scalar() == newest_revision()
    await sqlite_db.dispose()


async def test_the_migrations_build_exactly_the_models(database_url: str) -> None:
    """Every table, column and index the models declare is made by a migration, and no more:
    a figure added to `reports.work.TeamWork` (a column of the stored counts) needs one."""
    db = Database(database_url)
    await db.migrate()

    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as connection:
        found = await connection.run_sync(differences)
    await db.dispose()
    assert found == []


async def test_a_ward_with_data_upgrades_to_the_newest_schema(database_url: str) -> None:
    """A bot already in use (units, members, reports, replies sent) takes the new migrations:
    on SQLite the tables others refer to are rebuilt, and every row and reference survives;
    the report is counted into its team's and its author's half-month."""
    db = Database(database_url)
    await db.migrate("0003")
    async with db.engine.begin() as connection:
        for statement in (
            "INSERT INTO units (id, kind, name, created_at) "
            "VALUES (1, 'commune', 'Phường Yên Hòa', '2026-11-01 00:00:00')",
            "INSERT INTO units (id, kind, name, parent_id, created_at) "
            "VALUES (2, 'team', 'Tổ 12', 1, '2026-11-01 00:00:00')",
            "INSERT INTO members (id, telegram_user_id, full_name, role, unit_id, status, "
            "joined_at) VALUES (1, 1001, 'Lan', 'leader', 2, 'active', '2026-11-01 00:00:00')",
            "INSERT INTO reports (id, kind, team_id, author_id, occurred_on, payload, "
            "created_at, status) VALUES (1, 'good_deed', 2, 1, '2026-11-02', '{}', "
            "'2026-11-02 08:00:00', 'active')",
            "INSERT INTO outbox (id, key, channel, chat_ref, payload, created_at, status, "
            "attempts) VALUES (1, 'reply:1:0', 'telegram', '1001', '{}', "
            "'2026-11-02 08:00:00', 'sent', 1)",
        ):
            await connection.execute(text(statement))
        nfd = unicodedata.normalize("NFD", "Tổ  12")  # as a phone may have sent it
        await connection.execute(text("UPDATE units SET name = :name WHERE id = 2"), {"name": nfd})
    await db.migrate()
    async with db.read() as session:
        version = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        counts = [
            (await session.execute(text(f"SELECT count(*) FROM {table}"))).scalar()  # noqa: S608
            for table in (
                "units",
                "members",
                "reports",
                "outbox",
                "team_half_months",
                "member_half_months",
            )
        ]
        kind = (await session.execute(text("SELECT kind FROM outbox"))).scalar()
        names = (await session.execute(text("SELECT name, name_key FROM units ORDER BY id"))).all()
    await db.dispose()
    assert version == newest_revision()
    assert counts == [2, 1, 1, 1, 1, 1]
    assert kind == "reply"  # rows queued before the scheduler existed are replies
    # Every unit is found by its name key; a name kept in NFD with a double space is tidied.
    assert [tuple(row) for row in names] == [
        ("Phường Yên Hòa", name_key("phường yên hòa")),
        ("Tổ 12", "tổ 12"),
    ]
