"""The aiogram backend as the bot uses it."""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand

from bot.aiogram_backend.channel import AiogramChannel
from bot.aiogram_backend.client import make_bot
from bot.aiogram_backend.polling import Polling
from bot.intake import Dispatcher
from bot.polling import LongPolling
from storage.database import Database


class AiogramBackend:
    """Telegram through aiogram 3."""

    def __init__(self, token: str, api_url: str, request_timeout: float = 30.0) -> None:
        self.bot = make_bot(token, api_url, request_timeout)
        self.channel = AiogramChannel(self.bot)

    async def open(self) -> str:
        return (await self.bot.get_me()).username or ""

    def unreachable(self, error: Exception) -> bool:
        return isinstance(error, TelegramNetworkError | TelegramServerError | TelegramRetryAfter)

    def refused(self, error: Exception) -> bool:
        return isinstance(error, TelegramUnauthorizedError)

    def polling(self, db: Database, dispatcher: Dispatcher, timeout: int) -> LongPolling:
        return Polling(self.bot, db, dispatcher, timeout)

    async def publish_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        menu = [BotCommand(command=name, description=text) for name, text in commands]
        await self.bot.set_my_commands(menu, language_code=language)

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def close(self) -> None:
        await self.bot.session.close()
