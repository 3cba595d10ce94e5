"""The aiogram backend as the bot uses it."""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand, BufferedInputFile

from bot.aiogram_backend.channel import AiogramChannel
from bot.aiogram_backend.client import make_bot
from bot.aiogram_backend.polling import AiogramUpdates, Polling
from bot.intake import Dispatcher
from bot.polling import LongPolling
from bot.telegram_shared import ALLOWED_UPDATES
from bot.webhook import WebhookOptions, WebhookServer
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

    def webhook(
        self, db: Database, dispatcher: Dispatcher, options: WebhookOptions
    ) -> WebhookServer:
        return WebhookServer(AiogramUpdates(self.bot), db, dispatcher, options)

    async def set_webhook(self, options: WebhookOptions) -> None:
        certificate = options.certificate()
        await self.bot.set_webhook(
            options.url,
            certificate=BufferedInputFile(certificate, "certificate.pem")
            if certificate is not None
            else None,
            max_connections=options.max_connections,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            secret_token=options.secret,
        )

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def close(self) -> None:
        await self.bot.session.close()
