"""getUpdates through aiogram's client, for the shared long polling."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter, TelegramUnauthorizedError
from aiogram.methods import GetUpdates

from bot.intake import Dispatcher
from bot.polling import LongPolling, PollError
from bot.telegram_shared import ALLOWED_UPDATES
from storage.database import Database


class AiogramUpdates:
    """aiogram's getUpdates, giving Bot API JSON (field names as Telegram spells them)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(
        self, offset: int | None, wait_seconds: int
    ) -> list[tuple[int, dict[str, Any]]]:
        request = GetUpdates(offset=offset, timeout=wait_seconds, allowed_updates=ALLOWED_UPDATES)
        updates = await self.bot(request, request_timeout=wait_seconds + 10)
        return [
            (u.update_id, u.model_dump(mode="json", exclude_none=True, by_alias=True))
            for u in updates
        ]

    def classify(self, error: Exception) -> PollError | None:
        if isinstance(error, TelegramUnauthorizedError):
            return PollError(fatal=True)
        if isinstance(error, TelegramRetryAfter):
            return PollError(retry_after=float(error.retry_after))
        if isinstance(error, TelegramAPIError):
            return PollError()
        return None


class Polling(LongPolling):
    """The shared long polling on aiogram's client."""

    def __init__(self, bot: Bot, db: Database, dispatcher: Dispatcher, timeout: int) -> None:
        super().__init__(AiogramUpdates(bot), db, dispatcher, timeout)
