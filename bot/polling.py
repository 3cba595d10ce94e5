"""Long polling for any Telegram backend: each batch is stored in the inbox before the next
getUpdates confirms it. A backend supplies only the call and how to read its library's errors.

The batch is read as Telegram's raw JSON, update by update: one the library cannot read (a field
missing, as an older self-hosted Bot API server may send) is stored as a failed inbox row with
its error's type, confirmed and skipped, instead of failing the whole batch again and again."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.intake import Dispatcher, take_batch
from bot.telegram_shared import CHANNEL, chat_ref_of
from storage.database import Database
from storage.inbox import Delivered

log = logging.getLogger(__name__)
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)
_CHAT_REF = re.compile(r"-?[0-9]{1,20}|-")


@dataclass
class PollingStats:
    """What the logs and, later, the metrics read."""

    updates: int = 0  # stored for handling
    unreadable: int = 0  # kept as failed inbox rows (or, without an update id, dropped)
    unreadable_by_error: dict[str, int] = field(default_factory=dict)

    def count_unreadable(self, error: str) -> None:
        self.unreadable += 1
        self.unreadable_by_error[error] = self.unreadable_by_error.get(error, 0) + 1


@dataclass(frozen=True)
class PollError:
    """How to go on after a failed getUpdates: give up, wait what Telegram asked, or back off."""

    fatal: bool = False
    retry_after: float | None = None


class UpdateSource(Protocol):
    """One library's getUpdates."""

    async def fetch(self, offset: int | None, wait_seconds: int) -> list[Any]:
        """The next updates as Telegram sent them (Bot API JSON, not read by the library);
        confirms those before `offset`."""

    def unreadable(self, payload: dict[str, Any]) -> str | None:
        """The type of the error the library raises reading this update; None if it can."""

    def classify(self, error: Exception) -> PollError | None:
        """How to treat a failure of `fetch`; None for errors that are not the API's."""


class LongPolling:
    """getUpdates → inbox → lanes. Telegram drops an update only once the next call confirms it."""

    def __init__(
        self, source: UpdateSource, db: Database, dispatcher: Dispatcher, timeout: int
    ) -> None:
        self.source = source
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
                await self.poll_once()
                failures = 0
            except Exception as error:
                # Not the API's (the database, a bug): nothing was confirmed, so the batch
                # comes again; wait and try again rather than stop the bot.
                verdict = self.source.classify(error) or PollError()
                if verdict.fatal:
                    log.error("the Bot API refused the token: check ANTT_BOT_TOKEN")
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
        batch = [delivered for raw in updates if (delivered := self._read(raw)) is not None]
        await take_batch(self.db, self.dispatcher, CHANNEL, batch)
        # Only now may the next call confirm them.
        if batch:
            self.offset = batch[-1].update_id + 1
        return len(updates)

    def _read(self, raw: Any) -> Delivered | None:
        """One update of the batch: readable, or kept with the type of its error."""
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            # Nothing to store it under, nor to confirm it by; the next ones confirm it.
            self.stats.count_unreadable("no update_id")
            log.warning("an update without an update_id was skipped")
            return None
        error = self.source.unreadable(raw)
        chat_ref = "-"
        if error is None:
            try:
                chat_ref = chat_ref_of(raw)
            except Exception as failure:
                error = type(failure).__name__
            if _CHAT_REF.fullmatch(chat_ref) is None:
                chat_ref, error = "-", error or "chat id"
        if error is None:
            self.stats.updates += 1
            return Delivered(update_id, chat_ref, raw)
        self.stats.count_unreadable(error)
        log.warning(
            "update %d could not be read (%s): kept as failed in the inbox, not handled "
            "(%d unreadable so far)",
            update_id,
            error,
            self.stats.unreadable,
        )
        return Delivered(update_id, chat_ref, raw, unreadable=f"unreadable: {error}")
