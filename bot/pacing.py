"""Telegram's sending limits kept by reservation: each send takes the next free slot overall,
and a chat is not written to again before its own interval has passed. A sliding window over the
sends of the last second keeps a stall (a busy loop, a slow disk) from turning into a burst."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
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
        self._last_second: deque[float] = deque()

    async def chat_ready(self, chat_ref: str) -> None:
        """Wait until the chat's own interval since its last message has passed."""
        ready = self._chat_ready.get(chat_ref, 0.0)
        now = self._clock()
        if ready > now:
            await self._sleep(ready - now)

    async def take(self, chat_ref: str) -> None:
        """Take the next free slot overall (and mark the chat busy until its interval ends)."""
        now = self._clock()
        start = max(now, self._next_slot, self._chat_ready.get(chat_ref, 0.0))
        self._next_slot = start + 1.0 / self.limits.per_second
        self._chat_ready[chat_ref] = start + self.limits.interval_for(chat_ref)
        if start > now:
            await self._sleep(start - now)
        await self._within_window()
        self._forget_idle(start)

    async def _within_window(self) -> None:
        """Never more than `per_second` sends in any second, as the sender's clock sees them."""
        most = max(1, math.floor(self.limits.per_second))
        while True:
            now = self._clock()
            window = self._last_second
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) < most:
                window.append(now)
                return
            await self._sleep(window[0] + 1.0 - now)

    def sent(self, chat_ref: str) -> None:
        """A message to the chat has just been answered: its next one waits a whole interval
        from now. Telegram counts a chat's interval between arrivals, and a send taken on time
        may arrive late (a busy machine, a slow connection), which would bring the next one
        closer than the interval at Telegram's end."""
        ready = self._clock() + self.limits.interval_for(chat_ref)
        self._chat_ready[chat_ref] = max(self._chat_ready.get(chat_ref, 0.0), ready)

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait: nothing goes out before `seconds` from now."""
        self._next_slot = max(self._next_slot, self._clock() + seconds)

    def _forget_idle(self, now: float) -> None:
        if len(self._chat_ready) > 50_000:
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}
