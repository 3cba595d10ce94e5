"""An aiosqlite-shaped SQLite connection that runs each call on the event loop's own thread.

Why: aiosqlite sends every call to a helper thread and back; SQLAlchemy makes four such calls
per statement, so a short transaction of the conversation spends milliseconds in hand-offs
while SQLite itself needs microseconds. Under load that hand-off time, not SQLite, capped the
bot (bench/RESULTS.md). Plugged in through SQLAlchemy's documented `async_creator` hook, so the
aiosqlite dialect, its types and Alembic are unchanged.

The cost: a slow statement blocks the loop. The conversation's statements touch a few rows by
index; long report queries belong on a thread-backed engine (a plain
`create_async_engine(url)` gives aiosqlite's), which does not exist yet."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any


class InlineCursor:
    """The awaitable cursor SQLAlchemy's aiosqlite adapter expects, finishing at once."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> InlineCursor:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class InlineConnection:
    """The parts of aiosqlite.Connection that SQLAlchemy's adapter uses."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        # The adapter checks `_connection` (aiosqlite's name) before commit and rollback.
        self._connection: sqlite3.Connection | None = connection

    @property
    def _live(self) -> sqlite3.Connection:
        if self._connection is None:
            raise sqlite3.ProgrammingError("connection closed")
        return self._connection

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._live.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._live.commit()

    async def rollback(self) -> None:
        self._live.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        """Terminate (SQLAlchemy's hard close); nothing runs in the background to stop."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def create_function(
        self, name: str, arity: int, function: Callable[..., Any], *, deterministic: bool = False
    ) -> None:
        self._live.create_function(name, arity, function, deterministic=deterministic)

    @property
    def isolation_level(self) -> str | None:
        return self._live.isolation_level

    @property
    def in_transaction(self) -> bool:
        return self._live.in_transaction


def inline_creator(path: str, busy_timeout_seconds: float) -> Callable[[], Any]:
    """An `async_creator` for create_async_engine: a new inline connection to `path`."""

    async def connect() -> InlineConnection:
        # isolation_level=None: no implicit BEGIN; SQLAlchemy's begin event issues our own.
        connection = sqlite3.connect(
            path,
            timeout=busy_timeout_seconds,
            isolation_level=None,
            check_same_thread=False,
            detect_types=0,
        )
        return InlineConnection(connection)

    return connect
