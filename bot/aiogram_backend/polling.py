"""Long polling that stores each batch of updates in the inbox before confirming its offset."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter, TelegramUnauthorizedError
from aiogram.methods import GetUpdates

from bot.aiogram_backend.convert import CHANNEL, chat_ref_of
from bot.intake import Dispatcher, take_batch
from storage.database import Database
from storage.inbox import Delivered

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)


class Polling:
    """getUpdates → inbox → lanes. Telegram drops an update only once the next call confirms it."""

    def __init__(self, bot: Bot, db: Database, pipeline: Dispatcher, timeout: int) -> None:
        self.bot = bot
        self.db = db
        self.pipeline = pipeline
        self.timeout = timeout
        self.offset: int | None = None

    async def run(self) -> None:
        """Poll until cancelled; transient errors are waited out."""
        failures = 0
        while True:
            try:
                await self.poll_once()
                failures = 0
            except TelegramUnauthorizedError:
                log.error("the Bot API refused the token: check ANTT_BOT_TOKEN")
                raise
            except TelegramRetryAfter as error:
                await asyncio.sleep(error.retry_after)
            except TelegramAPIError as error:
                wait = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(error).__name__, wait
                )
                await asyncio.sleep(wait)

    async def poll_once(self) -> int:
        """One getUpdates call; returns how many updates it brought."""
        request = GetUpdates(
            offset=self.offset, timeout=self.timeout, allowed_updates=ALLOWED_UPDATES
        )
        updates = await self.bot(request, request_timeout=self.timeout + 10)
        if not updates:
            return 0
        delivered = [
            Delivered(u.update_id, chat_ref_of(u), u.model_dump(mode="json", exclude_none=True))
            for u in updates
        ]
        await take_batch(self.db, self.pipeline, CHANNEL, delivered)
        # Only now may the next call confirm them.
        self.offset = updates[-1].update_id + 1
        return len(updates)
