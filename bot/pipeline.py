"""Inbox → conversation → outbox → messenger, one chat at a time, safe to kill at any point."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.channel import Channel, DeliveryFailure
from bot.lanes import ChatLanes
from handlers.clock import Clock
from handlers.forms.spec import FormSpec
from handlers.jobs import JOBS, Job, JobContext
from handlers.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from handlers.replies import REPLY, Edit, Later, Reply, Say, SendFile, Toast
from handlers.texts import Texts
from handlers.turn import Turn
from storage.database import Database
from storage.inbox import Stored, claim_update, unhandled_updates
from storage.models import OutboxMessage, utcnow
from storage.outbox import NOTICES_QUEUED, enqueue, mark_failed, mark_sent, pending_messages

log = logging.getLogger(__name__)

Conversation = Callable[[Turn], Awaitable[list[Reply]]]
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (0.5, 1.0, 2.0, 4.0)
WARDS_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class PipelineStats:
    """What the benchmark reads: how long each update took from receipt to its last reply."""

    handled: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)


class Pipeline:
    """Handles stored updates in each chat's order and delivers what the outbox holds."""

    def __init__(
        self,
        db: Database,
        channel: Channel,
        conversation: Conversation,
        texts: Texts,
        forms: dict[str, FormSpec],
        clock: Clock,
        edit_window: dt.timedelta = dt.timedelta(hours=24),
        zone: ZoneInfo = WARDS_ZONE,
        jobs: dict[str, Job] | None = None,
        campaign_id: str = "ha-noi-357",
        quiet_hours: QuietHours = DEFAULT_QUIET_HOURS,
    ) -> None:
        self.db = db
        self.channel = channel
        self.conversation = conversation
        self.texts = texts
        self.forms = forms
        self.clock = clock
        self.edit_window = edit_window
        self.zone = zone
        self.campaign_id = campaign_id
        self.quiet_hours = quiet_hours
        self.bot_username = ""  # known once the bot has asked Telegram (getMe)
        self.notices_queued: Callable[[], None] = lambda: None
        self.jobs = JOBS if jobs is None else jobs
        self.lanes = ChatLanes()
        self.stats = PipelineStats()
        self._delivered: list[int] = []
        self._recorder: asyncio.Task[None] | None = None

    def dispatch(self, stored: list[Stored]) -> None:
        """Queue newly stored updates on their chats' lanes."""
        received = time.perf_counter()
        for row in stored:
            self.lanes.push(row.chat_ref, self._job(row.chat_ref, row.id, received))

    async def recover(self) -> None:
        """After a stop: send what was owed, then handle what was stored but not handled."""
        async with self.db.read() as session:
            owed = await pending_messages(session, self.channel.name)
            unhandled = await unhandled_updates(session, self.channel.name)
        by_chat: dict[str, list[OutboxMessage]] = {}
        for message in owed:
            by_chat.setdefault(message.chat_ref, []).append(message)
        for chat_ref, messages in by_chat.items():
            self.lanes.push(chat_ref, self._sending(chat_ref, messages))
        if owed or unhandled:
            log.info(
                "recovering: %d replies to send, %d updates to handle", len(owed), len(unhandled)
            )
        self.dispatch(unhandled)

    def _job(self, chat_ref: str, inbox_id: int, received: float) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            await self.handle_update(chat_ref, inbox_id, received)

        return job

    def _sending(
        self, chat_ref: str, messages: list[OutboxMessage]
    ) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            await self._send(chat_ref, messages)

        return job

    async def handle_update(self, chat_ref: str, inbox_id: int, received: float) -> None:
        """Handle one stored update in one transaction, then deliver its replies."""
        callback_ref: str | None = None
        toast: str | None = None
        later: list[Later] = []
        notices = False
        try:
            async with self.db.write() as session:
                payload = await claim_update(session, inbox_id, utcnow())
                if payload is None:
                    return  # handled already (a redelivery, or recovery raced a live update)
                incoming = self.channel.to_incoming(inbox_id, payload)
                replies: list[Reply] = []
                if incoming is not None:
                    callback_ref = incoming.callback_ref
                    turn = Turn(
                        session,
                        incoming,
                        self.texts,
                        self.forms,
                        self.clock.now(),
                        self.edit_window,
                        self.campaign_id,
                        bot_username=self.bot_username,
                        quiet_hours=self.quiet_hours,
                    )
                    replies = await self.conversation(turn)
                toast = next((r.text for r in replies if isinstance(r, Toast)), None)
                later = [r for r in replies if isinstance(r, Later)]
                queued = await self._queue(session, chat_ref, f"{inbox_id}", replies)
                notices = bool(session.info.get(NOTICES_QUEUED))
        except Exception as error:
            self.stats.failed += 1
            # Only the kind of error: its text may quote what the person typed.
            log.error("update %d could not be handled: %s", inbox_id, type(error).__name__)
            queued = await self._record_failure(chat_ref, inbox_id, error)
        if notices:
            self.notices_queued()  # committed: the paced sender may take them now
        if callback_ref is not None:
            await self._answer_button(callback_ref, toast)
        await self._send(chat_ref, queued)
        for number, work in enumerate(later):
            await self._run_later(chat_ref, f"{inbox_id}:later{number}", work)
        self.stats.handled += 1
        self.stats.latencies.append(time.perf_counter() - received)

    async def _queue(
        self, session: AsyncSession, chat_ref: str, key: str, replies: list[Reply]
    ) -> list[OutboxMessage]:
        items = [
            (f"reply:{key}:{number}", chat_ref, reply.model_dump(mode="json"))
            for number, reply in enumerate(r for r in replies if not isinstance(r, Toast | Later))
        ]
        return await enqueue(session, self.channel.name, items)

    async def _run_later(self, chat_ref: str, key: str, work: Later) -> None:
        """Run a job after the update's transaction; queue and send what it answers."""
        job = self.jobs.get(work.job)
        try:
            if job is None:
                raise LookupError(f"no job {work.job!r}")
            context = JobContext(self.db, self.texts, self.clock.now(), self.zone)
            replies = await job(context, work.args)
        except Exception as error:
            log.error("job %s failed: %s", work.job, type(error).__name__)
            replies = [Say(text=self.texts("error-internal"))]
        async with self.db.write() as session:
            queued = await self._queue(session, chat_ref, key, replies)
        await self._send(chat_ref, queued)

    async def _record_failure(
        self, chat_ref: str, inbox_id: int, error: Exception
    ) -> list[OutboxMessage]:
        """Mark the update handled with its error, and tell the person; their draft is intact."""
        try:
            async with self.db.write() as session:
                detail = f"{type(error).__name__}: {error}"[:2000]
                if await claim_update(session, inbox_id, utcnow(), error=detail) is None:
                    return []
                apology = Say(text=self.texts("error-internal"))
                return await self._queue(session, chat_ref, f"{inbox_id}", [apology])
        except Exception as second:
            log.error(
                "update %d: could not record the failure: %s", inbox_id, type(second).__name__
            )
            return []

    async def _answer_button(self, callback_ref: str, text: str | None) -> None:
        try:
            await self.channel.answer_button(callback_ref, text)
        except DeliveryFailure as failure:
            log.info("a button press was not acknowledged: %s", failure.reason)

    async def _send(self, chat_ref: str, messages: list[OutboxMessage]) -> None:
        """Deliver in order and retry what can be retried; a transient failure holds the rest."""
        for message in messages:
            failure = await self._deliver_with_retries(chat_ref, message)
            if failure is None:
                self._record_delivered(message.id)
                continue
            async with self.db.write() as session:
                await mark_failed(session, message.id, failure.reason, give_up=failure.permanent)
            if not failure.permanent:
                break  # keep the chat's order: the rest waits for the next recovery

    def _record_delivered(self, message_id: int) -> None:
        """Queue the id; one transaction records every delivery that piled up meanwhile."""
        self._delivered.append(message_id)
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._record_deliveries())

    async def _record_deliveries(self) -> None:
        while self._delivered:
            async with self.db.write() as session:
                batch, self._delivered = self._delivered, []
                await mark_sent(session, batch, utcnow())

    async def flush(self) -> None:
        """Wait until every delivery so far is recorded (before a graceful stop)."""
        if self._recorder is not None:
            await self._recorder

    async def _deliver_with_retries(
        self, chat_ref: str, message: OutboxMessage
    ) -> DeliveryFailure | None:
        reply = REPLY.validate_python(message.payload)
        assert isinstance(reply, Say | Edit | SendFile)
        for attempt in range(MAX_ATTEMPTS):
            try:
                await self.channel.deliver(chat_ref, reply)
                return None
            except DeliveryFailure as failure:
                if failure.permanent or attempt == MAX_ATTEMPTS - 1:
                    log.warning("outbox %d not delivered: %s", message.id, failure.reason)
                    return failure
                wait = (
                    failure.retry_after or BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
                )
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")
