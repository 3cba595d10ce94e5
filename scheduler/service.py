"""The scheduler as a running service: APScheduler fires each duty at its time; every firing
(and the start itself) runs one pass of the DutyRunner, which catches up whatever fell due.

With PostgreSQL, only the process holding an advisory lock schedules; the others wait and
take over if it goes away. With SQLite there is one process, so it always schedules."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from scheduler.duties import Duty
from scheduler.runner import DutyRunner
from storage.database import Database

log = logging.getLogger(__name__)

# pg_try_advisory_lock key: "antt" + scheduler, any constant the product owns.
LOCK_KEY = 0x616E7474_0001
RETRY_LEADERSHIP_SECONDS = 15.0


class Leadership:
    """Who may schedule: the holder of a PostgreSQL advisory lock, kept on its own connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._connection: AsyncConnection | None = None

    @property
    def needs_lock(self) -> bool:
        return self.db.engine.dialect.name == "postgresql"

    async def acquire(self) -> bool:
        """True when this process may schedule now."""
        if not self.needs_lock:
            return True
        if self._connection is None:
            self._connection = await self.db.engine.connect()
        got = await self._connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
        )
        await self._connection.commit()
        return bool(got)

    async def still_held(self) -> bool:
        """False when the lock's connection is gone (the server restarted, the network broke):
        the lock went with it, and another process may lead now."""
        if not self.needs_lock:
            return True
        if self._connection is None:
            return False
        try:
            await self._connection.scalar(text("SELECT 1"))
            await self._connection.commit()
        except Exception:
            await self.release()
            return False
        return True

    async def release(self) -> None:
        if self._connection is not None:
            with suppress(Exception):
                await self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY}
                )
            await self._connection.close()
            self._connection = None


class SchedulerService:
    """Runs the duties on their triggers once this process leads."""

    def __init__(self, runner: DutyRunner, duties: list[Duty], zone: ZoneInfo) -> None:
        self.runner = runner
        self.duties = duties
        self.zone = zone
        self.leadership = Leadership(runner.db)
        self.leading = False
        self._apscheduler: AsyncIOScheduler | None = None
        self._waiting: asyncio.Task[None] | None = None
        self._pass = asyncio.Lock()

    async def start(self) -> None:
        """Lead at once if possible (catching up first), else wait for the leader to go."""
        if await self.leadership.acquire():
            await self._lead()
        else:
            log.info("scheduler: another process leads; standing by")
            self._waiting = asyncio.create_task(self._wait_for_leadership())

    async def _wait_for_leadership(self) -> None:
        while True:
            await asyncio.sleep(RETRY_LEADERSHIP_SECONDS)
            try:
                if await self.leadership.acquire():
                    await self._lead()
                    return
            except Exception as error:
                log.warning("scheduler: could not ask for leadership: %s", type(error).__name__)

    async def _lead(self) -> None:
        self.leading = True
        log.info("scheduler: leading, %d duties", len(self.duties))
        await self.run_pass()
        scheduler = AsyncIOScheduler(timezone=self.zone)
        for duty in self.duties:
            scheduler.add_job(
                self.run_auto_close if duty.is_auto_close else self.run_pass,
                trigger=duty.trigger,
                id=duty.id,
                name=duty.kind,
                coalesce=True,
                misfire_grace_time=None,
                max_instances=1,
                replace_existing=True,
            )
        scheduler.start()
        self._apscheduler = scheduler

    async def run_pass(self) -> None:
        """Catch up every duty (a firing of any one of them, or the start)."""
        async with self._pass:
            if self.leading and not await self.leadership.still_held():
                log.warning("scheduler: lost the leader lock; standing by")
                await self._stand_down()
                return
            try:
                report = await self.runner.run_due()
            except Exception as error:
                log.error("scheduler: pass failed: %s", type(error).__name__)
                return
            if report.handled or report.dropped:
                log.info(
                    "scheduler: %d occurrences, %d dropped, %d notices queued",
                    len(report.handled),
                    len(report.dropped),
                    report.queued,
                )

    async def run_auto_close(self) -> None:
        """Each minute: close the call-outs whose time is up (not the whole pass)."""
        async with self._pass:
            if self.leading and not await self.leadership.still_held():
                log.warning("scheduler: lost the leader lock; standing by")
                await self._stand_down()
                return
            try:
                await self.runner.close_overdue()
            except Exception as error:
                log.error("scheduler: closing call-outs failed: %s", type(error).__name__)

    async def _stand_down(self) -> None:
        self.leading = False
        if self._apscheduler is not None:
            self._apscheduler.shutdown(wait=False)
            self._apscheduler = None
        self._waiting = asyncio.create_task(self._wait_for_leadership())

    def next_runs(self) -> dict[str, str]:
        """When each duty fires next (for `antt-bot scheduler --list` and the logs)."""
        if self._apscheduler is None:
            return {}
        return {
            job.id: f"{job.next_run_time:%Y-%m-%d %H:%M}" if job.next_run_time else "-"
            for job in self._apscheduler.get_jobs()
        }

    async def stop(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()
            with suppress(asyncio.CancelledError):
                await self._waiting
            self._waiting = None
        if self._apscheduler is not None:
            self._apscheduler.shutdown(wait=False)
            self._apscheduler = None
        async with self._pass:
            await self.leadership.release()
        self.leading = False
