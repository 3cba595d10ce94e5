"""getUpdates through aiogram's client, for the shared long polling: the batch comes back as
Telegram's JSON, and aiogram reads each update on its own (one it cannot read fails alone)."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.types import Update

from bot.aiogram_backend.raw_updates import RawGetUpdates
from bot.intake import Dispatcher
from bot.polling import LongPolling, PollError
from bot.telegram_shared import ALLOWED_UPDATES
from storage.database import Database


class AiogramUpdates:
    """aiogram's getUpdates, giving Bot API JSON (field names as Telegram spells them)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(self, offset: int | None, wait_seconds: int) -> list[Any]:
        request = RawGetUpdates(
            offset=offset, timeout=wait_seconds, allowed_updates=ALLOWED_UPDATES
        )
        return await self.bot(request, request_timeout=wait_seconds + 10)

    def unreadable(self, payload: dict[str, Any]) -> str | None:
        try:
            Update.model_validate(payload, context={"bot": self.bot})
        except Exception as error:
            return type(error).__name__
        return None

    def classify(self, error: Exception) -> PollError | None:
        if isinstance(error, TelegramUnauthorizedError):
            return PollError(fatal=True)
        if isinstance(error, TelegramRetryAfter):
            return PollError(retry_after=float(error.retry_after))
        if isinstance(error, TelegramAPIError | ClientDecodeError):
            return PollError()
        return None


class Polling(LongPolling):
    """The shared long polling on aiogram's client."""

    def __init__(self, bot: Bot, db: Database, dispatcher: Dispatcher, timeout: int) -> None:
        super().__init__(AiogramUpdates(bot), db, dispatcher, timeout)
