"""Waiting for something the bot does in the background, with a deadline instead of a sleep."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def eventually(condition: Callable[[], bool], what: str, seconds: float = 5.0) -> None:
    """Return as soon as `condition()` holds; fail with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s: {what}")
        await asyncio.sleep(0.02)
