"""PostgreSQL connections are pinged before use only after sitting idle: a busy process pays no
ping per transaction, and one the server dropped while idle is replaced unseen."""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import text

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
