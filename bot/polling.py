"""Long polling for any messenger backend (both Telegram libraries, Zalo): each batch is stored
in the inbox before the next getUpdates confirms it. A backend supplies only the call, how to
read its library's errors, and (`UpdateKeys`) what an update is stored under.

The batch is read as Telegram's raw JSON, update by update: one the library cannot read (a field
missing, as an older self-hosted Bot API server may send) is stored as a failed inbox row with
its error's type, confirmed and skipped, instead of failing the whole batch again and again."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from bot.intake import (
    TELEGRAM_KEYS,
    Dispatcher,
    IntakeStats,
    UpdateKeys,
    UpdateReader,
    read_update,
    take_batch,
)
from storage.database import Database

log = logging.getLogger(__name__)
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)


# The counts polling keeps are those of any intake.
PollingStats = IntakeStats


@dataclass(frozen=True)
class PollError:
    """How to go on after a failed getUpdates: give up, wait what Telegram asked, or back off."""

    fatal: bool = False
    retry_after: float | None = None


class UpdateSource(UpdateReader, Protocol):
    """One library's getUpdates (and its reading of one update)."""

    async def fetch(self, offset: int | None, wait_seconds: int) -> list[Any]:
        """The next updates as Telegram sent them (Bot API JSON, not read by the library);
        confirms those before `offset`."""

    def classify(self, error: Exception) -> PollError | None:
        """How to treat a failure of `fetch`; None for errors that are not the API's."""


# After a small batch, a moment before the next call lets the updates arriving meanwhile come
# in one batch: each batch costs its own request, store and commit, and at 200 updates/s
# batches of one or two cost twice a flood's CPU per update (bench/RESULTS.md, throughput:
# 4.6 → 3.8 ms an update, round trip p99 150–460 → 105–130 ms). A flood's batches are larger
# and never wait.
GATHER_BELOW = 8
GATHER_SECONDS = 0.008


class LongPolling:
    """getUpdates → inbox → lanes. Telegram drops an update only once the next call confirms it."""

    def __init__(
        self,
        source: UpdateSource,
        db: Database,
        dispatcher: Dispatcher,
        timeout: int,
        keys: UpdateKeys = TELEGRAM_KEYS,
    ) -> None:
        self.source = source
        self.keys = keys
        self.db = db
        self.dispatcher = dispatcher
        self.timeout = timeout
        self.offset: int | None = None
        self.stats = PollingStats()

    async def run(self) -> None:
        """Poll until cancelled; transient errors are waited out, a refused token stops it."""
        failures = 0
        while True:
            try:
                got = await self.poll_once()
                failures = 0
                if 0 < got < GATHER_BELOW:
                    await asyncio.sleep(GATHER_SECONDS)
            except Exception as error:
                # Not the API's (the database, a bug): nothing was confirmed, so the batch
                # comes again; wait and try again rather than stop the bot.
                verdict = self.source.classify(error) or PollError()
                if verdict.fatal:
                    log.error("the Bot API refused the token: check %s", self.keys.token_setting)
                    raise
                if verdict.retry_after is not None:
                    await asyncio.sleep(verdict.retry_after)
                    continue
                wait = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(error).__name__, wait
                )
                await asyncio.sleep(wait)

    async def poll_once(self) -> int:
        """One getUpdates call; returns how many updates it brought."""
        updates = await self.source.fetch(self.offset, self.timeout)
        if not updates:
            return 0
        batch = [
            delivered
            for raw in updates
            if (delivered := read_update(raw, self.source, self.stats, self.keys)) is not None
        ]
        await take_batch(self.db, self.dispatcher, self.keys, batch)
        # Only now may the next call confirm them.
        if batch:
            self.offset = batch[-1].update_id + 1
        return len(updates)
