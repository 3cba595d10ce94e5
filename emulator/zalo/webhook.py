"""Push delivery: with a webhook set, each waiting update is POSTed to it, one at a time, with
the secret in X-Bot-Api-Secret-Token, wrapped as getUpdates answers it (`{"ok": true,
"result": update}`, as clients of Zalo's webhook read it). Anything but a 2xx (the bot down,
a 500) is tried again after a short wait, so an update is delivered at least once."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Any

import aiohttp

from emulator.zalo.state import ZaloState

SECRET_HEADER = "X-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
RETRY_SECONDS = (0.05, 0.1, 0.2, 0.5, 1.0)


class ZaloPusher:
    """The background task posting updates while a webhook is set."""

    def __init__(self, state: ZaloState) -> None:
        self.state = state
        self.attempts = 0
        self.refusals: list[int] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="zalo-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        async with aiohttp.ClientSession() as session:
            while True:
                update = await self.state.pending.get()
                await self._deliver(session, update)

    async def _deliver(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        failures = 0
        while True:
            webhook = self.state.webhook
            self.attempts += 1
            try:
                async with session.post(
                    webhook.url,
                    json={"ok": True, "result": update},
                    headers={SECRET_HEADER: webhook.secret},
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as answer:
                    status = answer.status
            except (aiohttp.ClientError, TimeoutError):
                status = 0
            if 200 <= status < 300:
                self.state.taken(update)
                return
            self.refusals.append(status)
            await asyncio.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
            failures += 1
