"""The paced sender: delivers the notices the scheduler queued (reminders, digests), within
Telegram's limits, each once. `now` is the schedule's clock (when a notice is due); leases are
kept on the machine's clock, since they are about processes staying alive.

Several senders may run (one per bot process on PostgreSQL): each claims rows for a short lease
that it renews while it works, so a sender that dies lets its rows go within one lease. A
delivery and its record are one unit a stop cannot split: a kill lets the message in flight be
recorded before connections close (a power cut in that instant could still repeat it)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channel import Channel, DeliveryFailure
from bot.pacing import Limits, Pacer
from chat.replies import REPLY, Edit, Say, SendFile
from storage.database import Database
from storage.models import OutboxMessage
from storage.outbox import (
    ALERT,
    claim_notices,
    defer,
    mark_blocked,
    mark_failed,
    mark_sent,
    release,
)

log = logging.getLogger(__name__)

INLINE_RETRIES = 4
BACKOFF_SECONDS = (0.5, 1.0, 2.0, 4.0)
# After the quick retries fail, the row waits this long (then longer) before another try.
DEFER_MINUTES = (1, 5, 15, 60)
GIVE_UP_AFTER = 12
MAX_RETRY_AFTER = 3600.0


# What happens when a chat refuses the bot for good (a person blocked it, a group removed it),
# given the messages it will never take; returns what was done, for the log. The running bot
# passes the conversation's answer (handlers/lost_groups.py); the delivery loop knows none.
ChatRefused = Callable[[AsyncSession, Sequence[OutboxMessage]], Awaitable[str]]


async def only_logged(session: AsyncSession, undelivered: Sequence[OutboxMessage]) -> str:
    """Nothing more to do than the log line (a sender without a conversation behind it)."""
    return "the chat refused the bot"


@dataclass
class SenderStats:
    """What the benchmark and the tests read."""

    sent: int = 0
    rate_limited: int = 0
    retried: int = 0
    deferred: int = 0
    blocked: int = 0
    failed: int = 0
    waited: float = 0.0  # seconds: flood waits asked of everyone, and backoff before a retry
    cut_short: int = 0  # batches of reminders stopped so that newly queued alerts go first


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _MoreUrgent(Exception):
    """Something was queued while a batch of ordinary notices was being sent."""


class NoticeSender:
    """Drains due notices from the outbox, paced, in each chat's order. A call-out's alerts
    (priority ALERT) jump the queue: they are claimed first, and notices queued while a batch of
    reminders is going out cut that batch short at the next message, so the alerts are claimed
    within a few sends instead of after the whole batch (its unsent rows are given back, oldest
    first again, each chat's order kept)."""

    def __init__(
        self,
        db: Database,
        channel: Channel,
        limits: Limits,
        now: Callable[[], dt.datetime] = utc_now,
        *,
        concurrency: int = 8,
        lease: dt.timedelta = dt.timedelta(seconds=30),
        idle_seconds: float = 1.0,
        name: str | None = None,
        chat_refused: ChatRefused = only_logged,
    ) -> None:
        self.db = db
        self.chat_refused = chat_refused
        self.channel = channel
        self.pacer = Pacer(limits)
        self.now = now
        self.name = name or f"sender-{uuid.uuid4().hex[:12]}"
        self.lease = lease
        self.idle_seconds = idle_seconds
        self.batch_size = max(10, int(limits.per_second * 2))
        self.stats = SenderStats()
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        # Set by `wake`: a batch of ordinary notices stops at its next message and the next
        # claim takes the highest priority first.
        self._queued_meanwhile = asyncio.Event()
        # One batch at a time in this process: `drain()` waits for the background loop's batch
        # instead of returning while it is still being sent.
        self._batch = asyncio.Lock()
        self._inflight: set[asyncio.Task[DeliveryFailure | None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._renewer: asyncio.Task[None] | None = None

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Send in the background until stopped."""
        self._task = asyncio.create_task(self._run(), name=self.name)
        self._renewer = asyncio.create_task(self._renew_claims(), name=f"{self.name}-lease")

    @property
    def busy(self) -> bool:
        """A delivery is in flight."""
        return bool(self._inflight)

    def wake(self) -> None:
        """Something new was queued: look now rather than at the next idle tick (and cut a
        batch of ordinary notices short: what was queued may be a call-out's alerts)."""
        self._wake.set()
        self._queued_meanwhile.set()

    async def drain(self) -> int:
        """Send everything due now, including a batch the background loop is sending; the
        number this call delivered (tests, benchmark, one-shot runs)."""
        before = self.stats.sent
        while await self._one_batch():
            pass
        return self.stats.sent - before

    async def stop(self) -> None:
        """Finish what is in flight, give back the rest, stop."""
        await self._cancel()
        async with self.db.write() as session:
            await release(session, self.name)

    async def kill(self) -> None:
        """Stop as a crash would, except that a delivery in flight is still recorded."""
        await self._cancel()

    async def _cancel(self) -> None:
        for task in (self._task, self._renewer):
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
        self._task = self._renewer = None
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=30)

    async def _run(self) -> None:
        while True:
            try:
                busy = await self._one_batch()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a database hiccup must not end the sender
                log.error("sender: batch failed: %s", type(error).__name__)
                busy = False
            if not busy:
                self._wake.clear()
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.idle_seconds)

    async def _renew_claims(self) -> None:
        every = max(self.lease.total_seconds() / 3, 0.05)
        while True:
            await asyncio.sleep(every)
            with suppress(Exception):
                async with self.db.write() as session:
                    await session.execute(
                        update(OutboxMessage)
                        .where(
                            OutboxMessage.claimed_by == self.name,
                            OutboxMessage.status == "pending",
                        )
                        .values(claimed_until=utc_now() + self.lease)
                        .execution_options(synchronize_session=False)
                    )

    # -- one batch -------------------------------------------------------------------------

    async def _one_batch(self) -> bool:
        """Claim a batch and send it, chats side by side, each chat in order."""
        async with self._batch:
            return await self._claim_and_send()

    async def _claim_and_send(self) -> bool:
        self._queued_meanwhile.clear()
        batch = await self.db.transaction(
            lambda session: claim_notices(
                session,
                self.channel.name,
                self.name,
                due_by=self.now(),
                held_until=utc_now() + self.lease,
                limit=self.batch_size,
            )
        )
        if not batch:
            return False
        by_chat: dict[str, list[OutboxMessage]] = {}
        for message in batch:
            by_chat.setdefault(message.chat_ref, []).append(message)
        given_back: list[int] = []
        await asyncio.gather(
            *(self._send_chat(messages, given_back) for messages in by_chat.values())
        )
        if given_back:
            self.stats.cut_short += 1
            async with self.db.write() as session:
                await release(session, self.name, given_back)
        return True

    async def _send_chat(self, messages: list[OutboxMessage], given_back: list[int]) -> None:
        for position, message in enumerate(messages):
            try:
                failure = await self._send_with_retries(message)
            except _MoreUrgent:
                given_back.extend(later.id for later in messages[position:])
                return
            if failure is None:
                continue
            if failure.blocked:
                self.stats.blocked += 1
                undelivered = messages[position:]
                async with self.db.write() as session:
                    for later in undelivered:
                        await mark_blocked(session, later, self.now(), failure.reason)
                    done = await self.chat_refused(session, undelivered)
                log.info("outbox %d: %s", message.id, done)
                return
            if failure.permanent or message.attempts + 1 >= GIVE_UP_AFTER:
                self.stats.failed += 1
                log.warning("outbox %d given up: %s", message.id, failure.reason)
                async with self.db.write() as session:
                    await mark_failed(session, message.id, failure.reason, give_up=True)
                continue
            # Keep the chat's order: this one and the rest of the chat wait together.
            wait = DEFER_MINUTES[min(message.attempts, len(DEFER_MINUTES) - 1)]
            until = self.now() + dt.timedelta(minutes=wait)
            self.stats.deferred += 1
            log.info("outbox %d deferred %d min: %s", message.id, wait, failure.reason)
            async with self.db.write() as session:
                for later in messages[position:]:
                    await defer(session, later.id, until, failure.reason)
            return

    async def _send_with_retries(self, message: OutboxMessage) -> DeliveryFailure | None:
        reply = REPLY.validate_python(message.payload)
        assert isinstance(reply, Say | Edit | SendFile)
        failure: DeliveryFailure | None = None
        attempt = 0
        while attempt <= INLINE_RETRIES:
            await self.pacer.chat_ready(message.chat_ref)
            async with self._slots:
                if attempt == 0 and self._yields(message):
                    raise _MoreUrgent
                # The slot is taken once a connection is free, so a slow answer does not
                # bunch the sends queued behind it.
                await self.pacer.take(message.chat_ref)
                unit = asyncio.create_task(self._deliver_and_record(message, reply))
                self._inflight.add(unit)
                unit.add_done_callback(self._inflight.discard)
                failure = await asyncio.shield(unit)
                self.pacer.sent(message.chat_ref)
            if failure is None or failure.permanent or failure.blocked:
                return failure
            if failure.retry_after is not None:
                # Flood control: everyone waits; this try does not count against the message.
                self.stats.rate_limited += 1
                self.stats.waited += min(failure.retry_after, MAX_RETRY_AFTER)
                self.pacer.pause(min(failure.retry_after, MAX_RETRY_AFTER))
                continue
            self.stats.retried += 1
            backoff = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
            self.stats.waited += backoff
            await asyncio.sleep(backoff)
            attempt += 1
        return failure

    def _yields(self, message: OutboxMessage) -> bool:
        """An ordinary notice gives way when something was queued meanwhile."""
        return message.priority < ALERT and self._queued_meanwhile.is_set()

    async def _deliver_and_record(
        self, message: OutboxMessage, reply: Say | Edit | SendFile
    ) -> DeliveryFailure | None:
        try:
            await self.channel.deliver(message.chat_ref, reply)
        except DeliveryFailure as failure:
            return failure
        await self.db.statements(lambda session: mark_sent(session, [message.id], self.now()))
        self.stats.sent += 1
        return None
