"""Telegram's flood limits, enforced when a test or benchmark asks: more than `per_second`
messages in any second overall, a second message to one chat within `chat_interval`, or more
than `group_per_minute` to one group in a minute gets 429 Too Many Requests with retry_after."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator.errors import ApiError, too_many_requests

SENDING = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "sendLocation",
        "sendContact",
    }
)
# Requests cross a socket and an event loop: arrival times jitter by a few milliseconds.
JITTER = 0.05


@dataclass
class FloodLimits:
    """The limits and what they refused."""

    per_second: int = 30
    chat_interval: float = 1.0
    group_per_minute: int = 20
    clock: Callable[[], float] = time.monotonic
    refused: int = 0
    accepted: int = 0
    _overall: deque[float] = field(default_factory=deque)
    _last_in_chat: dict[int, float] = field(default_factory=dict)
    _group: dict[int, deque[float]] = field(default_factory=dict)

    def check(self, method: str, chat_id: object) -> None:
        """Raise 429 when this send would break a limit; otherwise count it."""
        if method not in SENDING:
            return
        now = self.clock()
        window = self._overall
        while window and window[0] <= now - (1.0 - JITTER):
            window.popleft()
        if len(window) >= self.per_second:
            raise self._refuse(window[0] + 1.0 - now)
        chat = _chat_number(chat_id)
        if chat is not None:
            last = self._last_in_chat.get(chat)
            if last is not None and now - last < self.chat_interval - JITTER:
                raise self._refuse(last + self.chat_interval - now)
            if chat < 0:
                minute = self._group.setdefault(chat, deque())
                while minute and minute[0] <= now - 60.0:
                    minute.popleft()
                if len(minute) >= self.group_per_minute:
                    raise self._refuse(minute[0] + 60.0 - now)
                minute.append(now)
            self._last_in_chat[chat] = now
        window.append(now)
        self.accepted += 1

    def _refuse(self, wait: float) -> ApiError:
        self.refused += 1
        return too_many_requests(max(1, math.ceil(wait)))


def _chat_number(chat_id: object) -> int | None:
    try:
        return int(str(chat_id))
    except ValueError:
        return None
