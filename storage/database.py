"""The engine, its sessions and migrations: SQLite (embedded) or PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, event, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.group_commit import GroupCommit
from storage.sqlite_inline import inline_creator

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL: a pooled connection idle longer than this is pinged before it is used, so one the
# server dropped meanwhile (a restart, a firewall's idle timeout) is replaced unseen. One used
# more recently is taken as it is: `pool_pre_ping` pinged at every checkout, and asyncpg's ping
# is three round trips (BEGIN, ";", ROLLBACK), ~5 transactions per update (throughput bench).
# A busy connection the server dropped therefore fails the transaction that finds it dead: the
# transactions a person waits on run through `Database.transaction`, which runs them once more
# on a fresh connection (the pool replaces the others older than the failure at their checkout).
PING_AFTER_IDLE_SECONDS = 5.0
# PostgreSQL: connections a process keeps open, and how many more it may open for a burst
# (closed again when returned). A connection opened under load costs ~1.5 ms of the bot's CPU
# and the server's fork, then a prepare of each statement on its first use: with SQLAlchemy's
# 5 + 10 a webhook process at 200 updates/s opened ~130 in 8 s and its handling p99 doubled
# (bench/RESULTS.md, 2026-11-30, fourth session). The most recently returned connection is
# taken first (LIFO), so the busy few stay warm and the rest idle.
POOL_SIZE = 15
MAX_OVERFLOW = 5


class MigrationError(RuntimeError):
    """A migration would leave the data inconsistent; nothing was changed."""


class Database:
    """One engine and the two kinds of transaction the product uses."""

    def __init__(
        self, url: str, pool_size: int | None = None, max_overflow: int | None = None
    ) -> None:
        """`pool_size` and `max_overflow`: PostgreSQL's connections (SQLite has one file);
        None: `POOL_SIZE` and `MAX_OVERFLOW`."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine: AsyncEngine
        if self.is_sqlite:
            path = make_url(url).database or ""
            self.engine = create_async_engine(
                url,
                async_creator=inline_creator(path, SQLITE_BUSY_TIMEOUT_MS / 1000),
                pool_reset_on_return=None,
            )
            _tune_sqlite(self.engine)
        else:
            self.engine = create_async_engine(
                url,
                pool_size=POOL_SIZE if pool_size is None else pool_size,
                max_overflow=MAX_OVERFLOW if max_overflow is None else max_overflow,
                pool_use_lifo=True,
            )
            _ping_when_idle(self.engine, PING_AFTER_IDLE_SECONDS)
        self._glancer = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._autocommitter = async_sessionmaker(self._glancer, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._writer = async_sessionmaker(writer, expire_on_commit=False)
        self._reader = async_sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time; queueing writers here is fairer and faster than
        # letting them spin in SQLite's busy handler.
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self.groups = GroupCommit(self.write, self.transaction) if self.is_sqlite else None

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A transaction that reads then writes: commits on success, rolls back on error."""
        async with self._write_lock or nullcontext(), self._writer() as session, session.begin():
            yield session

    async def transaction(self, body: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """`body` in a `write()` transaction; run once more, on a fresh connection, when the
        server dropped the connection under it (a restart, a killed backend). The first try
        was rolled back, so `body` must do nothing outside the database before it returns.
        Any other error, or a second disconnect, is raised as it is."""
        return await self._run_again_if_dropped(self.write, body)

    async def grouped_transaction(self, body: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """`transaction`, which on SQLite may commit together with the transactions waiting
        at the same moment (storage/group_commit.py: one BEGIN and COMMIT for all; an error
        in one runs each alone). `body` may share its session with other bodies: it must
        leave alone what it did not load."""
        if self.groups is None:
            return await self.transaction(body)
        return await self.groups.run(body)

    async def statements(self, body: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """`body` whose statements each stand alone (one statement, or several that need not
        commit together): on PostgreSQL each commits as it runs, with no BEGIN and COMMIT (two
        round trips fewer: the inbox's store, a delivery's record). On SQLite a `write()`
        transaction. Run once more on a dropped connection, as `transaction`."""
        opening = self.write if self.is_sqlite else self._autocommitter
        return await self._run_again_if_dropped(opening, body)

    async def _run_again_if_dropped(
        self,
        opening: Callable[[], AbstractAsyncContextManager[AsyncSession]],
        body: Callable[[AsyncSession], Awaitable[T]],
    ) -> T:
        try:
            async with opening() as session:
                return await body(session)
        except DBAPIError as error:
            if self.is_sqlite or not error.connection_invalidated:
                raise  # SQLite's file is never dropped: nothing to try again
            log.warning("the database dropped a connection: the transaction runs again")
        async with opening() as session:
            return await body(session)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A read-only transaction."""
        async with self._reader() as session, session.begin():
            yield session

    @asynccontextmanager
    async def glance(self) -> AsyncIterator[AsyncConnection]:
        """A connection for one read outside any transaction: on PostgreSQL in autocommit,
        one round trip instead of three (BEGIN, the read, COMMIT). For a look whose answer may
        change the moment it comes anyway; SQLite reads in a transaction as usual."""
        async with self._glancer.connect() as connection:
            yield connection

    async def migrate(self, revision: str = "head") -> None:
        """Bring the schema to the newest Alembic revision (or to `revision`)."""
        await self._change_schema(_upgrade, revision)

    async def downgrade(self, revision: str) -> None:
        """Take the schema back to `revision` (the tests of an upgrade go back and up again)."""
        await self._change_schema(_downgrade, revision)

    async def _change_schema(self, step: Callable[[Connection, str], None], revision: str) -> None:
        if not self.is_sqlite:
            async with self.engine.begin() as connection:
                await connection.run_sync(step, revision)
            return
        # SQLite changes a table by copying it and dropping the old one, which foreign keys
        # forbid while other tables refer to it: the migration runs with them off, on a
        # connection of its own, and is rolled back unless every reference still holds.
        path = make_url(self.url).database or ""
        engine = create_async_engine(
            self.url,
            async_creator=inline_creator(path, SQLITE_BUSY_TIMEOUT_MS / 1000),
            pool_reset_on_return=None,
        )
        _tune_sqlite(engine, foreign_keys=False)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(step, revision)
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if broken:
                    raise MigrationError(f"a migration broke references: {broken[:3]}")
        finally:
            await engine.dispose()

    async def revisions(self) -> frozenset[str]:
        """The Alembic revisions the database is at (empty before the first migration)."""
        async with self.engine.connect() as connection:
            return await connection.run_sync(_current_revisions)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def head_revisions() -> frozenset[str]:
    """The revisions this code's migrations end at (`antt-bot migrate` brings a database there)."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def _current_revisions(connection: Connection) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    return frozenset(MigrationContext.configure(connection).get_current_heads())


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic settings without an ini file; the connection is shared when given."""
    from alembic.config import Config  # Alembic is loaded only to migrate (a tenth of a second)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def _downgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(connection), revision)


def _ping_when_idle(engine: AsyncEngine, after: float) -> None:
    """Ping a pooled connection before use only when it sat idle longer than `after` seconds;
    a dead one is replaced (the pool tries a new connection on DisconnectionError)."""
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    @event.listens_for(pool, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < after:
            return  # new, or busy a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError("a pooled connection was dropped while idle") from error


def _tune_sqlite(engine: AsyncEngine, *, foreign_keys: bool = True) -> None:
    """WAL, a busy timeout, foreign keys, and transactions begun by us (IMMEDIATE for writes).

    The connections come without implicit transactions (see storage.sqlite_inline)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))
