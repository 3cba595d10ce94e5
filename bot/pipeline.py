"""Inbox → conversation → outbox → messenger, one chat at a time, safe to kill at any point."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.channel import Channel, DeliveryFailure
from bot.lanes import ChatLanes
from bot.latencies import Latencies
from bot.typed_answers import answer_typed, remember_list, sendable
from chat.clock import Clock
from chat.events import Incoming
from chat.invite_ways import TELEGRAM_ONLY
from chat.replies import REPLY, Edit, Later, Reply, Say, SendFile, Toast
from chat.texts import Texts
from config.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from handlers.forms.spec import FormSpec
from handlers.turn import Turn
from reports.campaigns import Campaign
from storage.database import Database
from storage.inbox import (
    ChatLock,
    Stored,
    chat_has_waiting,
    claim_next_in_chat,
    claim_update,
    record_sent_and_look,
    unhandled_updates,
)
from storage.models import OutboxMessage, utcnow
from storage.outbox import (
    NOTICES_QUEUED,
    Lease,
    claim_replies,
    enqueue,
    mark_failed,
    mark_sent,
    pending_messages,
    release,
    renew,
    replies_unheld,
)
from summaries.jobs import JOBS, Job, JobContext

log = logging.getLogger(__name__)

Conversation = Callable[[Turn], Awaitable[list[Reply]]]
# Telegram answers a button press only for a while (about 15 minutes, then "query is too old").
CALLBACK_SECONDS = 15 * 60.0
# Beyond an hour, a 429's retry_after is doubted: we look again after an hour.
MAX_RETRY_AFTER = 3600.0
# With several processes, a reply is held by the one sending it for this long, renewed every
# third of it while it is being sent; one whose process died is taken by another after it.
REPLY_LEASE = dt.timedelta(seconds=10)
Sending = Say | Edit | SendFile  # what goes to a chat
NONE: Mapping[str, Sending] = MappingProxyType({})


@dataclass(frozen=True)
class RetryPolicy:
    """How the running bot keeps trying what Telegram did not take. A 429 is a wait (its
    `retry_after`), not a failure; network trouble and 5xx are retried after `backoff`
    (then its last value, again and again) until Telegram takes the message or says it never
    will. Tests shrink every delay."""

    backoff: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
    # Telegram's retry_after is multiplied by this (1 in production; tests make it tiny).
    rate_limit_scale: float = 1.0
    # A confirmation delivered later than this after it was queued says when it was saved.
    late_after: float = 60.0
    # How long a button press may still be answered.
    callback_seconds: float = CALLBACK_SECONDS

    def pause(self, failures: int) -> float:
        """The wait after the `failures`-th failure in a row (counted from 0)."""
        return self.backoff[min(failures, len(self.backoff) - 1)]

    def flood_wait(self, retry_after: float) -> float:
        """How long to honour Telegram's flood wait."""
        return min(retry_after, MAX_RETRY_AFTER) * self.rate_limit_scale


@dataclass
class PipelineStats:
    """What the benchmark reads: how long each update took from receipt to its last reply."""

    handled: int = 0
    failed: int = 0
    latencies: Latencies = field(default_factory=Latencies)  # bounded: buckets and a sample
    rate_limited: int = 0  # 429s waited out (replies and button answers)
    retried: int = 0  # other failed sends tried again
    late: int = 0  # confirmations that went out late, with the time they were saved
    given_up: int = 0  # replies Telegram said it can never take (blocked, chat not found)
    # For the metrics (bot/metrics.py): replies delivered, seconds spent waiting before trying
    # again (flood waits and backoff), and failures by the error's type (never its text).
    sent: int = 0
    waited: float = 0.0
    # Claims of a chat's next update that took none (another process held the chat, or its
    # update was taken already): with several processes, work that handled nothing.
    empty_claims: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def count_error(self, where: str, error: BaseException) -> None:
        key = f"{where}:{type(error).__name__}"
        self.errors[key] = self.errors.get(key, 0) + 1


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
        campaign: Campaign,
        zone: ZoneInfo,  # ANTT_TIMEZONE's: the day a job's summary is dated in
        edit_window: dt.timedelta = dt.timedelta(hours=24),
        jobs: dict[str, Job] | None = None,
        quiet_hours: QuietHours = DEFAULT_QUIET_HOURS,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.db = db
        self.channel = channel
        self.conversation = conversation
        self.texts = texts
        self.forms = forms
        self.clock = clock
        self.edit_window = edit_window
        self.zone = zone
        self.campaign = campaign
        self.quiet_hours = quiet_hours
        self.retry = retry or RetryPolicy()
        self.bot_username = ""  # known once the bot has asked Telegram (getMe)
        self.joining = TELEGRAM_ONLY  # what invites made in this bot show; set by BotApp
        self.notices_queued: Callable[[], None] = lambda: None
        self.jobs = JOBS if jobs is None else jobs
        self.lanes = ChatLanes()
        self.stats = PipelineStats()
        self._delivered: list[int] = []
        self._recorder: asyncio.Task[None] | None = None
        # --- one chat in order across processes (issue 16) ---
        # Set (webhook): a job takes its chat's oldest unhandled update, whichever process
        # stored it, unless another process holds the chat; None (polling): the update stored.
        self.chat_lock: ChatLock | None = None
        # Replies are held under a lease while being sent (only with `chat_lock`: several
        # processes); the ids this process holds and has not settled, renewed in the background.
        self.holder = f"replies-{uuid.uuid4().hex[:12]}"
        self.reply_lease = REPLY_LEASE
        self._held: set[int] = set()
        self._renewer: asyncio.Task[None] | None = None
        # Chats with replies taken from a stopped process queued on their lane, not yet sent:
        # the chat's next update waits for them (a count per chat: two looks may take some).
        self._owing: dict[str, int] = {}
        # Whether a chat had an update waiting, seen when its replies were recorded (PG).
        self._looked: dict[str, bool] = {}
        # Chats an update was stored for while a lane of ours was on them (`take_chats`).
        self._arrived: set[str] = set()

    def dispatch(self, stored: list[Stored]) -> None:
        """Queue newly stored updates on their chats' lanes."""
        if self.chat_lock is not None:
            self.take_chats([row.chat_ref for row in stored])
            return
        received = time.perf_counter()
        for row in stored:
            self.lanes.push(row.chat_ref, self._job(row.chat_ref, row.id, received))

    def take_chats(self, chat_refs: list[str]) -> None:
        """Take the next updates of these chats (stored by any process). A chat a lane of ours
        is on already is only marked: that lane claims once more before it ends, so the update
        costs no claim of its own (which the lane's would have taken already, most often)."""
        received = time.perf_counter()
        for chat_ref in chat_refs:
            if self.lanes.has(chat_ref):
                self._arrived.add(chat_ref)
            else:
                self.lanes.push(chat_ref, self._chat_job(chat_ref, received))

    def _chat_job(self, chat_ref: str, received: float) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            await self._take_chat(chat_ref, received)

        return job

    async def _take_chat(self, chat_ref: str, received: float) -> None:
        while True:
            # An update stored from now on is seen by the claim below, or marks the chat again.
            self._arrived.discard(chat_ref)
            self._looked.pop(chat_ref, None)
            if not await self.handle_update(chat_ref, None, received):
                if chat_ref in self._arrived and chat_ref not in self._owing:
                    continue  # one arrived during the claim, which may have missed it
                return
            # This process held the chat: take its next update too, if there is one (a look
            # outside a transaction, made with the record of the replies when there were
            # some; the claim then decides, as for any process).
            waiting = self._looked.pop(chat_ref, None)
            if waiting is None and chat_ref not in self._arrived:
                waiting = await self._chat_has_waiting(chat_ref)
            # No await between this test and the lane's end: a mark made later finds no lane
            # and starts one.
            if not waiting and chat_ref not in self._arrived:
                return

    def _owed_job(
        self, chat_ref: str, messages: list[OutboxMessage]
    ) -> Callable[[], Awaitable[None]]:
        """Send a stopped process's replies, then the chat's updates that waited for them
        (another process's claim was refused while they were owed)."""
        self._owing[chat_ref] = self._owing.get(chat_ref, 0) + 1

        async def job() -> None:
            try:
                await self._send(chat_ref, messages)
            finally:
                left = self._owing.pop(chat_ref) - 1
                if left:
                    self._owing[chat_ref] = left
            await self._take_chat(chat_ref, time.perf_counter())

        return job

    async def _chat_has_waiting(self, chat_ref: str) -> bool:
        try:
            async with self.db.glance() as connection:
                return await chat_has_waiting(connection, self.channel.name, chat_ref)
        except Exception as error:  # the database: the claim will say
            log.warning("could not look for a chat's next update: %s", type(error).__name__)
            return True

    # --- end of one chat in order ---

    # --- replies held while being sent (several processes, issue 16) ---
    def _lease(self) -> Lease | None:
        """A lease from now, when several processes may send replies (None: one process)."""
        if self.chat_lock is None:
            return None
        return Lease(self.holder, utcnow() + self.reply_lease)

    def _hold(self, messages: list[OutboxMessage]) -> None:
        """These committed replies are ours to send: keep their lease alive until settled."""
        if self.chat_lock is None or not messages:
            return
        self._held.update(message.id for message in messages)
        if self._renewer is None or self._renewer.done():
            self._renewer = asyncio.create_task(self._renew_leases(), name="reply-leases")

    def _settled(self, ids: list[int]) -> None:
        self._held.difference_update(ids)

    async def _renew_leases(self) -> None:
        while self._held:
            await asyncio.sleep(self.reply_lease.total_seconds() / 3)
            held, lease = sorted(self._held), self._lease()
            if not held or lease is None:
                return
            try:
                async with self.db.write() as session:
                    await renew(session, held, lease)
            except Exception as error:  # the database: try again next time, lease permitting
                log.warning("could not renew the replies' lease: %s", type(error).__name__)

    async def take_owed_replies(self) -> int:
        """Take the replies nobody is sending (their process died), oldest first, and send
        them on their chats' lanes; how many. A live process's reply is held: not taken."""
        lease = self._lease()
        if lease is None:
            return 0
        async with self.db.read() as session:  # most looks find none: no write for them
            if not await replies_unheld(session, self.channel.name):
                return 0
        owed = await self.db.transaction(
            lambda session: claim_replies(session, self.channel.name, lease)
        )
        self._hold(owed)
        self._send_owed(owed)
        return len(owed)

    async def let_go(self) -> None:
        """Stop renewing (a crash: the leases lapse, and another process takes the rows)."""
        if self._renewer is not None:
            self._renewer.cancel()
            with suppress(asyncio.CancelledError):
                await self._renewer
            self._renewer = None

    async def release_replies(self) -> None:
        """A graceful stop: give back the replies held and not sent, for others to take now."""
        await self.let_go()
        if self.chat_lock is not None:
            async with self.db.write() as session:
                await release(session, self.holder)
        self._held.clear()

    # --- end of replies held ---

    def _send_owed(self, owed: list[OutboxMessage]) -> None:
        by_chat: dict[str, list[OutboxMessage]] = {}
        for message in owed:
            by_chat.setdefault(message.chat_ref, []).append(message)
        for chat_ref, messages in by_chat.items():
            if self.chat_lock is not None:
                self.lanes.push(chat_ref, self._owed_job(chat_ref, messages))
            else:
                self.lanes.push(chat_ref, self._sending(chat_ref, messages))

    async def recover(self) -> None:
        """After a stop: send what was owed, then handle what was stored but not handled.
        With several processes, only replies nobody holds: another may be sending some."""
        if self.chat_lock is not None:
            owed_count = await self.take_owed_replies()
            async with self.db.read() as session:
                unhandled = await unhandled_updates(session, self.channel.name)
        else:
            async with self.db.read() as session:
                owed = await pending_messages(session, self.channel.name)
                unhandled = await unhandled_updates(session, self.channel.name)
            self._send_owed(owed)
            owed_count = len(owed)
        if owed_count or unhandled:
            log.info(
                "recovering: %d replies to send, %d updates to handle", owed_count, len(unhandled)
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

    async def handle_update(self, chat_ref: str, inbox_id: int | None, received: float) -> bool:
        """Handle one stored update in one transaction, then deliver its replies; with no
        `inbox_id`, the chat's next one (`chat_lock`). False when there was nothing to do."""
        callback_ref: str | None = None
        toast: str | None = None
        later: list[Later] = []
        notices = False
        queued: list[OutboxMessage] = []
        fresh: dict[str, Sending] = {}  # the replies queued, by key: sent as they are
        next_in_chat = inbox_id is None

        async def handle(session: AsyncSession) -> bool:
            """The update's transaction (run once more if the database dropped its connection:
            nothing leaves the database before it commits)."""
            nonlocal inbox_id, callback_ref, toast, later, notices, queued
            callback_ref, toast, later, notices = None, None, [], False
            fresh.clear()
            if next_in_chat:
                inbox_id = None
                claimed = await claim_next_in_chat(
                    session,
                    self.channel.name,
                    chat_ref,
                    utcnow(),
                    self.chat_lock or "rows",
                    self.holder,
                )
                if claimed is None:
                    self.stats.empty_claims += 1
                    return False  # nothing left, or another process holds the chat
                inbox_id = claimed.id
                payload: dict[str, Any] | None = claimed.payload
            else:
                assert inbox_id is not None
                payload = await claim_update(session, inbox_id, utcnow())
            if payload is None:
                return False  # handled already (a redelivery, or recovery raced a live one)
            incoming = self.channel.to_incoming(inbox_id, payload)
            replies: list[Reply] = []
            if incoming is not None:
                callback_ref = incoming.callback_ref
                replies = await self._converse(session, incoming)
            toast = next((r.text for r in replies if isinstance(r, Toast)), None)
            later = [r for r in replies if isinstance(r, Later)]
            queued = await self._queue(session, chat_ref, f"{inbox_id}", replies, fresh=fresh)
            notices = bool(session.info.pop(NOTICES_QUEUED, False))  # ours, not a groupmate's
            return True

        try:
            if inbox_id is None and chat_ref in self._owing:
                return False  # a stopped process's replies first (queued on the lane)
            if not await self.db.grouped_transaction(handle):
                return False
        except Exception as error:
            fresh.clear()  # rolled back: the apology below may take the first reply's key
            self.stats.failed += 1
            self.stats.count_error("handling", error)
            if inbox_id is None:  # not even claimed (the database): it waits in the inbox
                log.error("chat %s: no update could be claimed: %s", chat_ref, type(error).__name__)
                return False
            # Only the kind of error: its text may quote what the person typed.
            log.error("update %d could not be handled: %s", inbox_id, type(error).__name__)
            recorded = await self._record_failure(chat_ref, inbox_id, error)
            if recorded is None and self.chat_lock is not None:
                return False  # still unhandled: taken again later, not at once in a loop
            queued = recorded or []
        self._hold(queued)  # committed: ours to send, even while the button is answered
        if notices:
            self.notices_queued()  # committed: the paced sender may take them now
        if callback_ref is not None:
            await self._answer_button(callback_ref, toast, received)
        await self._send(chat_ref, queued, fresh)
        for number, work in enumerate(later):
            await self._run_later(chat_ref, f"{inbox_id}:later{number}", work)
        self.stats.handled += 1
        self.stats.latencies.record(time.perf_counter() - received)
        return True

    async def _converse(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        """The conversation's replies to one event, in the update's transaction."""
        now = self.clock.now()

        def turn_of(event: Incoming) -> Turn:
            return Turn(
                session,
                event,
                self.texts,
                self.forms,
                now,
                self.campaign,
                self.edit_window,
                bot_username=self.bot_username,
                joining=self.joining,
                quiet_hours=self.quiet_hours,
            )

        if not self.channel.buttons_as_text:
            return await self.conversation(turn_of(incoming))
        # --- a typed answer is a press (issue 17: a messenger without buttons) ---
        return await answer_typed(
            session, incoming, now, self.texts, lambda event: self.conversation(turn_of(event))
        )

    async def _queue(
        self,
        session: AsyncSession,
        chat_ref: str,
        key: str,
        replies: list[Reply],
        screen: bool = True,
        fresh: dict[str, Sending] | None = None,
    ) -> list[OutboxMessage]:
        """Queue the replies to send after commit (toasts too, as messages, on a channel
        without buttons); `screen`: they are the conversation's, whose last message sets the
        numbered list the chat sees (not an apology). `fresh` gets each reply by its key, so
        the sender need not read it back from its row."""
        text_only = self.channel.buttons_as_text
        sending = sendable(replies, text_only)
        items = [
            (f"reply:{key}:{number}", chat_ref, reply.model_dump(mode="json"))
            for number, reply in enumerate(sending)
        ]
        if fresh is not None:
            fresh.update((item[0], reply) for item, reply in zip(items, sending, strict=True))
        queued = await enqueue(session, self.channel.name, items, self._lease())
        if text_only and screen:  # the numbered list the chat sees now (issue 17)
            keys = [item[0] for item in items]
            await remember_list(session, replies, keys, queued, self.clock.now())
        return queued

    async def _run_later(self, chat_ref: str, key: str, work: Later) -> None:
        """Run a job after the update's transaction; queue and send what it answers."""
        job = self.jobs.get(work.job)
        try:
            if job is None:
                raise LookupError(f"no job {work.job!r}")
            context = JobContext(self.db, self.texts, self.clock.now(), self.zone, self.campaign)
            replies = await job(context, work.args)
        except Exception as error:
            log.error("job %s failed: %s", work.job, type(error).__name__)
            self.stats.count_error("job", error)
            replies = [Say(text=self.texts("error-internal"))]
        async with self.db.write() as session:
            queued = await self._queue(session, chat_ref, key, replies)
        await self._send(chat_ref, queued)

    async def _record_failure(
        self, chat_ref: str, inbox_id: int, error: Exception
    ) -> list[OutboxMessage] | None:
        """Mark the update handled with its error, and tell the person; their draft is intact.
        None when even that failed (the update stays unhandled)."""
        try:
            async with self.db.write() as session:
                # The type only: the text may quote what the person typed, or SQL.
                detail = type(error).__name__
                if await claim_update(session, inbox_id, utcnow(), error=detail) is None:
                    return []
                apology = Say(text=self.texts("error-internal"))
                return await self._queue(session, chat_ref, f"{inbox_id}", [apology], False)
        except Exception as second:
            log.error(
                "update %d: could not record the failure: %s", inbox_id, type(second).__name__
            )
            return None

    async def _answer_button(self, callback_ref: str, text: str | None, received: float) -> None:
        """Stop the spinner (with the toast, if any), trying again while Telegram still takes
        an answer to the press; "query is too old" (a 400) ends it."""
        failures = 0
        while True:
            try:
                await self.channel.answer_button(callback_ref, text)
                return
            except DeliveryFailure as failure:
                if failure.permanent:
                    log.info("a button press was not acknowledged: %s", failure.reason)
                    return
                if failure.retry_after is not None:
                    self.stats.rate_limited += 1
                    wait = self.retry.flood_wait(failure.retry_after)
                else:
                    self.stats.retried += 1
                    wait = self.retry.pause(failures)
                    failures += 1
                left = self.retry.callback_seconds - (time.perf_counter() - received)
                if wait >= left:
                    log.info("a button press expired unanswered: %s", failure.reason)
                    return
                self.stats.waited += wait
                await asyncio.sleep(wait)

    async def _send(
        self, chat_ref: str, messages: list[OutboxMessage], fresh: Mapping[str, Sending] = NONE
    ) -> None:
        """Deliver in order; each message is tried until Telegram takes it or says it never
        will, so the chat's later replies (queued behind it in its lane) wait for it. `fresh`:
        replies this process just queued, by key (others are read from their rows)."""
        self._hold(messages)
        at_once = self.chat_lock is not None and not self.db.is_sqlite
        delivered: list[int] = []
        for message in messages:
            failure = await self._deliver_until_settled(chat_ref, message, fresh.get(message.key))
            if failure is None:
                if at_once:
                    delivered.append(message.id)
                else:
                    self._record_delivered(message.id)
                continue
            self.stats.given_up += 1
            async with self.db.write() as session:
                await mark_failed(session, message.id, failure.reason, give_up=True)
            self._settled([message.id])
        if delivered:
            await self._record_now(chat_ref, delivered)

    async def _record_now(self, chat_ref: str, ids: list[int]) -> None:
        """Several processes: record these deliveries before the lane claims the chat again.
        Until then they read owed, and another process refuses the chat's next update (replies
        in update order); the lane's next claim, after this commit, takes it. The same
        statement looks for that next update (`_take_chat`)."""

        async def record(session: AsyncSession) -> bool:
            return await record_sent_and_look(session, ids, utcnow(), self.channel.name, chat_ref)

        try:
            self._looked[chat_ref] = await self.db.statements(record)
        except Exception as error:  # the database: the lease lapses, another sends them again
            log.warning("could not record replies sent: %s", type(error).__name__)
        finally:
            self._settled(ids)

    def _record_delivered(self, message_id: int) -> None:
        """Queue the id; one transaction records every delivery that piled up meanwhile."""
        self._delivered.append(message_id)
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._record_deliveries())

    async def _record_deliveries(self) -> None:
        while self._delivered:
            batch, self._delivered = self._delivered, []
            try:
                await self._mark_delivered(batch)
            finally:
                self._settled(batch)  # recorded, or left to the lease to lapse

    async def _mark_delivered(self, ids: list[int]) -> None:
        """Record these deliveries (once more on a connection the database dropped: a
        delivery left unrecorded would be sent again once its lease lapsed)."""
        await self.db.statements(lambda session: mark_sent(session, ids, utcnow()))

    async def flush(self) -> None:
        """Wait until every delivery so far is recorded (before a graceful stop)."""
        if self._recorder is not None:
            await self._recorder

    async def _deliver_until_settled(
        self, chat_ref: str, message: OutboxMessage, fresh: Sending | None = None
    ) -> DeliveryFailure | None:
        """None once delivered; the failure when Telegram says it can never be (blocked, chat
        not found, refused). Flood waits do not count; other failures back off, and each is
        recorded on the row (attempts, last error) so a stop leaves it owed to recovery."""
        reply = fresh if fresh is not None else REPLY.validate_python(message.payload)
        assert isinstance(reply, Say | Edit | SendFile)
        failures = 0
        while True:
            sending = self._as_late(reply, message)
            try:
                await self.channel.deliver(chat_ref, sending)
                self.stats.sent += 1
                if sending is not reply:
                    self.stats.late += 1
                return None
            except DeliveryFailure as failure:
                if failure.permanent:
                    log.warning("outbox %d not delivered: %s", message.id, failure.reason)
                    return failure
                if failure.retry_after is not None:
                    self.stats.rate_limited += 1
                    flood_wait = self.retry.flood_wait(failure.retry_after)
                    self.stats.waited += flood_wait
                    await asyncio.sleep(flood_wait)
                    continue
                self.stats.retried += 1
                wait = self.retry.pause(failures)
                self.stats.waited += wait
                failures += 1
                log.info("outbox %d: %s; trying again in %.1f s", message.id, failure.reason, wait)
                async with self.db.write() as session:
                    await mark_failed(session, message.id, failure.reason, give_up=False)
                await asyncio.sleep(wait)

    def _as_late(
        self, reply: Say | Edit | SendFile, message: OutboxMessage
    ) -> Say | Edit | SendFile:
        """A confirmation that could not go out for a while says when the report was saved."""
        if not isinstance(reply, Say) or reply.saved_at is None:
            return reply
        waited = (utcnow() - message.created_at).total_seconds()
        if waited < self.retry.late_after:
            return reply
        note = self.texts("reply-saved-at", time=reply.saved_at)
        return reply.model_copy(update={"text": f"{reply.text}\n{note}"})
