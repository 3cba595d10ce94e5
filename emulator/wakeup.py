"""A broadcast wake-up for coroutines that wait for emulator state to change."""

from __future__ import annotations

import asyncio


class Signal:
    """Wakes every waiter on notify(); waiters re-check their own condition afterwards."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake everyone waiting now."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> bool:
        """Wait for the next notify(); False when ``seconds`` passed first."""
        if seconds <= 0:
            return False
        event = self._event
        try:
            async with asyncio.timeout(seconds):
                await event.wait()
        except TimeoutError:
            return False
        return True
