"""Several schedulers at once: one set of messages. On PostgreSQL one leads (advisory lock)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os

import pytest
from sqlalchemy import func, select, text

from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from scheduler.service import LOCK_KEY
from scheduler.setup import build_scheduler
from storage.database import Database
from storage.models import OutboxMessage
from summaries.packages import configured_campaign
from tests.conftest import HANOI
from tests.scheduling.town import Town

NOON_20TH = dt.datetime(2026, 11, 20, 12, 0, tzinfo=HANOI)


async def test_two_schedulers_at_once_queue_one_set_of_messages(
    database_url: str, emulator: TelegramEmulator
) -> None:
    settings = Settings(database_url=database_url)
    clock = FixedClock(dt.datetime(2026, 11, 19, 9, 0, tzinfo=HANOI))
    first_db, second_db = Database(database_url), Database(database_url)
    await first_db.migrate()
    await Town.create(first_db, emulator, clock)
    campaign = configured_campaign(settings)
    first = build_scheduler(settings, campaign, first_db, clock, "telegram")
    second = build_scheduler(settings, campaign, second_db, clock, "telegram")
    try:
        await asyncio.gather(first.runner.run_due(), second.runner.run_due())  # marks set
        clock.moment = NOON_20TH
        reports = await asyncio.gather(first.runner.run_due(), second.runner.run_due())
        async with first_db.read() as session:
            queued = await session.scalar(select(func.count()).select_from(OutboxMessage))
        # Tổ 7 (Hùng, Mai) and Tổ 3 (Tâm) and Tổ 12 (Lan): nobody has a good deed yet.
        assert queued == 4
        assert sum(report.queued for report in reports) == 4
    finally:
        await first_db.dispose()
        await second_db.dispose()


@pytest.mark.skipif(
    not os.environ.get("ANTT_TEST_DATABASE_URL"), reason="the advisory lock is PostgreSQL's"
)
async def test_on_postgresql_only_one_scheduler_leads_and_another_takes_over(
    database_url: str,
) -> None:
    settings = Settings(database_url=database_url)
    clock = FixedClock(NOON_20TH)
    first_db, second_db = Database(database_url), Database(database_url)
    await first_db.migrate()
    campaign = configured_campaign(settings)
    first = build_scheduler(settings, campaign, first_db, clock, "telegram")
    second = build_scheduler(settings, campaign, second_db, clock, "telegram")
    try:
        await first.start()
        await second.start()
        assert first.leading and not second.leading
        # The leader's connection is cut (a database restart, a network break): at its next
        # firing it notices and stands by, and the other one can lead.
        async with second_db.engine.connect() as admin:
            await admin.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND objid = :low"
                ),
                {"low": LOCK_KEY & 0xFFFFFFFF},
            )
            await admin.commit()
        await first.run_pass()
        assert not first.leading
        assert await second.leadership.acquire()
    finally:
        await first.stop()
        await second.stop()
        await first_db.dispose()
        await second_db.dispose()
