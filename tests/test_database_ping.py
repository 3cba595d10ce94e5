"""PostgreSQL connections are pinged before use only after sitting idle: a busy process pays no
ping per transaction, and one the server dropped while idle is replaced unseen; a transaction
that finds its connection dropped (busy a moment ago, or under it) runs once more."""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncSession

import storage.database
from storage.database import Database

pytestmark = pytest.mark.skipif(
    not os.environ.get("ANTT_TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="PostgreSQL's pool (set ANTT_TEST_DATABASE_URL)",
)


async def drop_every_other_connection(url: str) -> None:
    """What a server restart does to the pool's idle connections."""
    killer = Database(url)
    async with killer.engine.connect() as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    await killer.dispose()


async def test_a_connection_used_a_moment_ago_is_not_pinged(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(database_url)
    pings: list[Any] = []
    original = db.engine.sync_engine.dialect.do_ping

    def ping(connection: Any) -> bool:
        pings.append(connection)
        return original(connection)

    monkeypatch.setattr(db.engine.sync_engine.dialect, "do_ping", ping)
    for _ in range(5):
        async with db.read() as session:
            await session.execute(text("SELECT 1"))
    await db.dispose()
    assert pings == []


async def test_a_connection_dropped_while_idle_is_replaced_unseen(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.database, "PING_AFTER_IDLE_SECONDS", 0.0)
    db = Database(database_url)
    async with db.read() as session:
        await session.execute(text("SELECT 1"))
    await drop_every_other_connection(database_url)
    async with db.read() as session:  # the pooled connection is dead: pinged, replaced
        assert (await session.execute(text("SELECT 2"))).scalar_one() == 2
    await db.dispose()


async def test_a_transaction_whose_connection_was_dropped_runs_once_more(
    database_url: str,
) -> None:
    db = Database(database_url)
    tries: list[int] = []

    async def count_after_a_drop(session: AsyncSession) -> int:
        tries.append(len(tries) + 1)
        await session.execute(text("SELECT 1"))  # the connection is taken...
        if len(tries) == 1:
            await drop_every_other_connection(database_url)  # ...and dropped under the body
        return int((await session.execute(text("SELECT 2"))).scalar_one())

    assert await db.transaction(count_after_a_drop) == 2
    assert tries == [1, 2]
    await db.dispose()


async def test_only_a_dropped_connection_is_tried_again_and_only_once(database_url: str) -> None:
    db = Database(database_url)
    tries: list[str] = []

    async def mistaken(session: AsyncSession) -> None:
        tries.append("mistaken")
        await session.execute(text("SELECT no_such_column"))

    with pytest.raises(ProgrammingError):
        await db.transaction(mistaken)
    assert tries == ["mistaken"]

    async def dropped_every_time(session: AsyncSession) -> None:
        tries.append("dropped")
        await session.execute(text("SELECT 1"))
        await drop_every_other_connection(database_url)
        await session.execute(text("SELECT 2"))

    with pytest.raises(DBAPIError) as dropped:
        await db.transaction(dropped_every_time)
    assert dropped.value.connection_invalidated
    assert tries == ["mistaken", "dropped", "dropped"]
    await db.dispose()
