"""The bot's update queue with getUpdates semantics (global ids, offsets, long polling) and what
a webhook needs of it (pending updates, acknowledged one by one)."""

from __future__ import annotations

import asyncio
import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import conflict
from emulator.wakeup import Signal

# Update types Telegram withholds unless the bot lists them in allowed_updates.
OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class QueuedUpdate:
    """One update and its delivery bookkeeping."""

    update_id: int
    payload: dict[str, Any] = field(repr=False)
    chat_id: int | None
    deliveries: int = 0
    redelivered: bool = False
    """Survives the next offset confirmation until delivered again (duplicate-delivery tests)."""

    @property
    def kind(self) -> str:
        """The update type, e.g. "message" or "callback_query"."""
        return next(key for key in self.payload if key != "update_id")


class UpdateQueue:
    """Pending updates in id order, as Telegram keeps them for one bot."""

    def __init__(self, wakeup: Signal, on_delivered: Callable[[QueuedUpdate], None]) -> None:
        self._wakeup = wakeup
        self._on_delivered = on_delivered
        self._next_id = 1
        self._pending: list[QueuedUpdate] = []
        self._all: dict[int, QueuedUpdate] = {}
        self._generation = 0
        self._closed = False
        self.confirmed_id = 0
        """Highest update id the bot confirmed by passing a larger offset."""
        self.allowed: frozenset[str] | None = None
        """allowed_updates from the last getUpdates that sent it; None means the defaults."""
        self.dropped: dict[int, str] = {}
        """Updates never queued, with the reason (filtered by allowed_updates)."""

    def push(self, payload: dict[str, Any], chat_id: int | None) -> QueuedUpdate:
        """Create an update with the next id; it is dropped if the bot's filter excludes it."""
        update = QueuedUpdate(self._next_id, {"update_id": self._next_id, **payload}, chat_id)
        self._next_id += 1
        self._all[update.update_id] = update
        if self._accepts(update.kind):
            bisect.insort(self._pending, update, key=lambda item: item.update_id)
        else:
            allowed = sorted(self.allowed) if self.allowed is not None else "default"
            self.dropped[update.update_id] = (
                f"update type {update.kind!r} is not in the bot's allowed_updates ({allowed})"
            )
        self._wakeup.notify()
        return update

    def get(self, update_id: int) -> QueuedUpdate | None:
        """Any update ever created, by id."""
        return self._all.get(update_id)

    def was_delivered(self, update_id: int) -> bool:
        """True once getUpdates has returned the update at least once."""
        update = self._all.get(update_id)
        return update is not None and update.deliveries > 0

    def pending_ids(self) -> list[int]:
        """Ids still waiting for confirmation, delivered or not."""
        return [update.update_id for update in self._pending]

    def redeliver(self, update_id: int) -> None:
        """Queue an already delivered update again under the same id."""
        update = self._all.get(update_id)
        if update is None:
            raise KeyError(f"no update with id {update_id}")
        update.redelivered = True
        if update not in self._pending:
            bisect.insort(self._pending, update, key=lambda item: item.update_id)
        self._wakeup.notify()

    def drop_pending(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        if self._pending:
            self.confirmed_id = max(self.confirmed_id, self._pending[-1].update_id)
        self._pending.clear()

    def confirm(self, offset: int) -> None:
        """Apply getUpdates' offset: forget updates below it; a negative offset keeps the last N."""
        if offset < 0:
            keep = self._pending[offset:]
            dropped = self._pending[: len(self._pending) - len(keep)]
            if dropped:
                self.confirmed_id = max(self.confirmed_id, dropped[-1].update_id)
            self._pending = keep
            return
        if offset > 0:
            self.confirmed_id = max(self.confirmed_id, offset - 1)
        self._pending = [
            update for update in self._pending if update.update_id >= offset or update.redelivered
        ]

    def pending(self) -> list[QueuedUpdate]:
        """Updates not confirmed yet, in id order (what a webhook still has to deliver)."""
        return list(self._pending)

    def set_allowed(self, allowed: Iterable[str] | None) -> None:
        """allowed_updates as setWebhook or getUpdates gave it (None: keep the previous)."""
        if allowed is not None:
            self.allowed = frozenset(allowed) or None

    def sending(self, update: QueuedUpdate) -> None:
        """A webhook request for the update begins: a redelivery asked for earlier is it."""
        update.redelivered = False

    def acknowledge(self, update: QueuedUpdate) -> None:
        """The webhook answered 2xx: the bot has the update; Telegram forgets it (unless a
        redelivery was asked for meanwhile)."""
        update.deliveries += 1
        self._on_delivered(update)
        self.confirmed_id = max(self.confirmed_id, update.update_id)
        if not update.redelivered and update in self._pending:
            self._pending.remove(update)
        self._wakeup.notify()

    def close(self) -> None:
        """Make every waiting poll return at once (server shutdown)."""
        self._closed = True
        self._wakeup.notify()

    async def poll(
        self, offset: int | None, limit: int, wait_seconds: float, allowed: Iterable[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm the offset, return up to ``limit`` updates, long-polling if none."""
        self._generation += 1
        generation = self._generation
        # A newer request ends an older one still waiting, as Telegram does (409 to the old one).
        self._wakeup.notify()
        self.set_allowed(allowed)
        if offset is not None:
            self.confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            if self._closed:
                return []
            if generation != self._generation:
                raise conflict(
                    "terminated by other getUpdates request; "
                    "make sure that only one bot instance is running"
                )
            batch = self._pending[:limit]
            if batch:
                return [self._deliver(update) for update in batch]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            await self._wakeup.wait(remaining)

    def _accepts(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in OPT_IN_TYPES
        return kind in self.allowed

    def _deliver(self, update: QueuedUpdate) -> dict[str, Any]:
        update.deliveries += 1
        update.redelivered = False
        self._on_delivered(update)
        return update.payload
