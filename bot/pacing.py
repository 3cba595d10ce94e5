"""Telegram's sending limits kept by reservation: each send takes the next free slot overall,
and a chat is not written to again before its own interval has passed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How fast the bot may send: overall, to one person, and to one group."""

    per_second: float = 25.0
    chat_interval: float = 1.0
    group_per_minute: float = 20.0

    def interval_for(self, chat_ref: str) -> float:
        """Seconds between two messages to this chat (groups have negative ids)."""
        if chat_ref.startswith("-"):
            return max(self.chat_interval, 60.0 / self.group_per_minute)
        return self.chat_interval


class Pacer:
    """Hands out send slots; `pause` pushes every later slot back (a 429's retry_after)."""

    def __init__(
        self,
        limits: Limits,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0
        self._chat_ready: dict[str, float] = {}

    async def turn(self, chat_ref: str) -> None:
        """Wait until a message may go to this chat, and take that slot."""
        ready = self._chat_ready.get(chat_ref, 0.0)
        now = self._clock()
        if ready > now:
            await self._sleep(ready - now)
        now = self._clock()
        start = max(now, self._next_slot)
        self._next_slot = start + 1.0 / self.limits.per_second
        self._chat_ready[chat_ref] = start + self.limits.interval_for(chat_ref)
        if start > now:
            await self._sleep(start - now)
        self._forget_idle(start)

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait: nothing goes out before `seconds` from now."""
        self._next_slot = max(self._next_slot, self._clock() + seconds)

    def _forget_idle(self, now: float) -> None:
        if len(self._chat_ready) > 50_000:
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}
