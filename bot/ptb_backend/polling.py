"""getUpdates through python-telegram-bot's client, for the shared long polling.

Our own loop, not PTB's Application/Updater: those confirm offsets on their own."""

from __future__ import annotations

from typing import Any

from telegram import Bot
from telegram.error import InvalidToken, RetryAfter, TelegramError

from bot.intake import Dispatcher
from bot.polling import LongPolling, PollError
from bot.ptb_backend.errors import retry_seconds
from bot.telegram_shared import ALLOWED_UPDATES
from storage.database import Database


class PtbUpdates:
    """PTB's getUpdates, giving Bot API JSON."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(
        self, offset: int | None, wait_seconds: int
    ) -> list[tuple[int, dict[str, Any]]]:
        updates = await self.bot.get_updates(
            offset=offset, timeout=wait_seconds, allowed_updates=ALLOWED_UPDATES
        )
        return [(update.update_id, update.to_dict()) for update in updates]

    def classify(self, error: Exception) -> PollError | None:
        if isinstance(error, InvalidToken):
            return PollError(fatal=True)
        if isinstance(error, RetryAfter):
            return PollError(retry_after=retry_seconds(error))
        if isinstance(error, TelegramError):
            return PollError()
        return None


class PtbPolling(LongPolling):
    """The shared long polling on python-telegram-bot's client."""

    def __init__(self, bot: Bot, db: Database, dispatcher: Dispatcher, timeout: int) -> None:
        super().__init__(PtbUpdates(bot), db, dispatcher, timeout)
