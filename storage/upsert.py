"""INSERT … ON CONFLICT DO NOTHING for the dialect in use (SQLite or PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def insert_ignoring_duplicates(
    session: AsyncSession, table: type[DeclarativeBase], rows: list[dict[str, Any]]
) -> Any:
    """An insert of `rows` that skips rows whose unique key exists (returning clause left open)."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).values(rows).on_conflict_do_nothing()
