"""INSERT … ON CONFLICT DO NOTHING for the dialect in use (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

Build = Callable[[Any], Any]  # from an insert that skips duplicates, the statement wanted


def _dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind else "sqlite"


def insert_ignoring_duplicates(session: AsyncSession, table: type[DeclarativeBase] | Table) -> Any:
    """An insert that skips rows whose unique key exists; execute it with the rows as
    parameters (one cached statement, sent as a multi-row insert), returning clause left open.
    Of a model: the ORM's bulk insert; of its `Table`: Core's (cheaper, plain rows back)."""
    module = postgresql if _dialect(session) == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


class InsertOnce:
    """An insert that skips duplicates, finished by `build` (its RETURNING clause) and built
    once per dialect: the inbox and the outbox take one on every update, and building a
    statement anew cost as much as running it (bench/RESULTS.md, throughput)."""

    def __init__(self, table: type[DeclarativeBase] | Table, build: Build) -> None:
        self.table = table
        self.build = build
        self._built: dict[str, Any] = {}

    def __call__(self, session: AsyncSession) -> Any:
        dialect = _dialect(session)
        statement = self._built.get(dialect)
        if statement is None:
            statement = self.build(insert_ignoring_duplicates(session, self.table))
            self._built[dialect] = statement
        return statement
