"""What every `antt-bot admin …` command shares: its error and its database session.

The commands live in modules of their own (cli/units.py, cli/invites.py, cli/roster_files.py,
cli/members.py, cli/work_counts.py), each importing only what it uses, so that a command that
does not talk to Telegram starts without a messenger library."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from storage.database import Database
from storage.schema_revision import schema_is_current

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from config.settings import Settings


class AdminError(Exception):
    """An admin command was given something it cannot use; the message says what and why."""


@asynccontextmanager
async def admin_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """A migrated database and one write transaction for an admin command (Alembic is loaded
    only when there is something to migrate)."""
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(settings.database_url)
    try:
        if not await schema_is_current(db):
            await db.migrate()
        async with db.write() as session:
            yield session
    finally:
        await db.dispose()
