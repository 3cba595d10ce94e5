"""`antt-bot admin recount-work`: the stored work counts rebuilt from the reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.admin import admin_session
from storage.work_counts import rebuild

if TYPE_CHECKING:
    from config.settings import Settings


async def recount_work_command(settings: Settings) -> str:
    """Count every active report again into the per-team, per-half-month counts the summaries
    read (after data were written around the bot, or to check nothing drifted)."""
    async with admin_session(settings) as session:
        connection = await session.connection()
        counted = await connection.run_sync(rebuild)
    return f"work counts rebuilt: {counted} active report(s) counted"
