"""INSERT … ON CONFLICT DO NOTHING for the dialect in use (SQLite or PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def insert_ignoring_duplicates(session: AsyncSession, table: type[DeclarativeBase]) -> Any:
    """An insert that skips rows whose unique key exists; execute it with the rows as
    parameters (one cached statement, sent as a multi-row insert), returning clause left open."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()
