"""Per-chat lanes: jobs of one chat run in order, jobs of different chats run concurrently."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class ChatLanes:
    """A queue and a worker task per busy chat; a lane's task ends when its queue is empty."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[Job]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    def push(self, chat_ref: str, job: Job) -> None:
        """Run `job` after every job already queued for this chat."""
        self._queues.setdefault(chat_ref, deque()).append(job)
        if chat_ref not in self._tasks:
            self._idle.clear()
            self._tasks[chat_ref] = asyncio.create_task(
                self._run(chat_ref), name=f"lane-{chat_ref}"
            )

    async def _run(self, chat_ref: str) -> None:
        queue = self._queues[chat_ref]
        try:
            while queue:
                job = queue.popleft()
                try:
                    await job()
                except Exception:
                    # A job handles its own failures; this only keeps the lane alive.
                    log.exception("a job in a chat lane failed")
        finally:
            del self._queues[chat_ref]
            del self._tasks[chat_ref]
            if not self._tasks:
                self._idle.set()

    def has(self, chat_ref: str) -> bool:
        """Whether this chat has work queued or in progress."""
        return chat_ref in self._tasks

    @property
    def busy(self) -> int:
        """How many chats have work in progress."""
        return len(self._tasks)

    async def idle(self) -> None:
        """Wait until every lane is empty."""
        await self._idle.wait()

    async def abort(self) -> None:
        """Stop at once, as a killed process would: queued jobs are dropped."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
