"""Works through what fell due: for each duty, every occurrence since its mark, enqueued once.

The mark and the notices of an occurrence are written in one transaction, so a stop at any
moment either left both or neither; the outbox's unique keys make a repeat harmless anyway."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from chat.clock import Clock
from scheduler.duties import AUTO_CLOSE, Duty, occurrences
from scheduler.notices import NoticeWriter
from storage.database import Database
from storage.outbox import Notice, enqueue_notices
from storage.schedule import advance_mark, marks, start_marks

log = logging.getLogger(__name__)

# Closes what is overdue now, inside the pass's transaction; the notices it owes.
Closer = Callable[[AsyncSession, dt.datetime], Awaitable[list[Notice]]]


@dataclass
class RunReport:
    """What one pass did: occurrences handled and dropped, notices newly queued."""

    handled: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    queued: int = 0


class DutyRunner:
    """Enqueues what each duty owes, from its mark up to now."""

    def __init__(
        self,
        db: Database,
        duties: list[Duty],
        writer: NoticeWriter,
        clock: Clock,
        channel: str,
        on_queued: Callable[[], None] = lambda: None,
        closer: Closer | None = None,
    ) -> None:
        self.db = db
        self.duties = duties
        self.writer = writer
        self.clock = clock
        self.channel = channel
        self.on_queued = on_queued
        self.closer = closer

    async def run_due(self) -> RunReport:
        """One pass over every duty; safe to call at any time, any number of times."""
        now = self.clock.now()
        report = RunReport()
        async with self.db.write() as session:
            known = await marks(session)
            # A new duty owes nothing from before it existed.
            new = [d.id for d in self.duties if d.id not in known and not d.is_auto_close]
            await start_marks(session, new, now)
            done = await marks(session)
        for duty in self.duties:
            if duty.is_auto_close:
                await self._close_overdue(report)
            else:
                await self._catch_up(duty, done[duty.id], now, report)
        if report.queued:
            self.on_queued()
        return report

    async def close_overdue(self) -> RunReport:
        """Close the call-outs whose time is up (the minute's duty, between passes)."""
        report = RunReport()
        await self._close_overdue(report)
        if report.queued:
            self.on_queued()
        return report

    async def _close_overdue(self, report: RunReport) -> None:
        """Close the call-outs whose time is up (each once: it is locked and must still be
        open), with their notices in the same transaction; a pass that finds nothing overdue
        writes nothing and reports nothing."""
        if self.closer is None:
            return
        now = self.clock.now()
        async with self.db.write() as session:
            notices = await self.closer(session, now)
            if notices:
                queued = await enqueue_notices(session, self.channel, notices)
                report.queued += len(queued)
                report.handled.append(f"{AUTO_CLOSE}@{now:%Y-%m-%d %H:%M}")
                log.info("%s: call-outs closed, %d notices queued", AUTO_CLOSE, len(queued))

    async def _catch_up(
        self, duty: Duty, since: dt.datetime, now: dt.datetime, report: RunReport
    ) -> None:
        seen = since
        for due_at in occurrences(duty, since.astimezone(now.tzinfo), now):
            label = f"{duty.id}@{due_at:%Y-%m-%d %H:%M}"
            notices = await self.writer.notices(duty, due_at, now)
            async with self.db.write() as session:
                if not await advance_mark(session, duty.id, seen, due_at):
                    log.info("%s: another scheduler got there first", label)
                    return
                if notices is None:
                    report.dropped.append(label)
                else:
                    queued = await enqueue_notices(session, self.channel, notices)
                    report.queued += len(queued)
                    report.handled.append(label)
                    log.info("%s: %d notices queued", label, len(queued))
            seen = due_at
        if seen != now:
            async with self.db.write() as session:
                await advance_mark(session, duty.id, seen, now)
