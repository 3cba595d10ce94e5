"""Updates left behind when a process dies. Only the process that stored an update hands it to
its lanes, so one that dies mid-update (its transaction rolls back, the claim with it) or with
updates still queued leaves them unhandled where no other process looks. Every few seconds each
webhook process hands its lanes the chats with an update waiting longer than `after` seconds;
the claim skips a chat another process is handling, so nothing is handled twice.

Replies too: each is held by the process that committed it while it sends (a lease it renews);
the same look takes the replies whose lease lapsed (their process died) and sends them. A live
process's reply is never taken."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from contextlib import suppress
from typing import Protocol

from storage.database import Database
from storage.inbox import waiting_chats
from storage.models import utcnow

log = logging.getLogger(__name__)
EVERY_SECONDS = 1.0
AFTER_SECONDS = 3.0


class ChatTaker(Protocol):
    """Whoever takes a chat's next updates (the pipeline, in chat-order mode)."""

    def take_chats(self, chat_refs: list[str]) -> None: ...

    async def take_owed_replies(self) -> int: ...


class StrandedUpdates:
    """A background look, every `every` seconds, for updates waiting longer than `after`."""

    def __init__(
        self,
        db: Database,
        taker: ChatTaker,
        channel: str,
        every: float = EVERY_SECONDS,
        after: float = AFTER_SECONDS,
    ) -> None:
        self.db = db
        self.taker = taker
        self.channel = channel
        self.every = every
        self.after = after
        self.found = 0  # chats handed on so far
        self.replies = 0  # replies of dead processes taken so far
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="stranded-updates")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def look_once(self) -> int:
        """Take the replies nobody sends any more, and hand on the chats with an update
        waiting too long; how many chats."""
        replies = await self.taker.take_owed_replies()
        if replies:
            self.replies += replies
            log.info("%d replies of a process that stopped are sent by this one", replies)
        before = utcnow() - dt.timedelta(seconds=self.after)
        async with self.db.read() as session:
            chats = await waiting_chats(session, self.channel, before)
        if chats:
            self.found += len(chats)
            log.info("%d chats have updates waiting longer than %.0f s", len(chats), self.after)
            self.taker.take_chats(chats)
        return len(chats)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.look_once()
            except Exception as error:  # the database: look again next time
                log.warning("could not look for waiting updates: %s", type(error).__name__)
