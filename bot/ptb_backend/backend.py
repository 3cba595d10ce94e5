"""The python-telegram-bot backend as the bot uses it."""

from __future__ import annotations

from telegram import BotCommand
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter

from bot.intake import Dispatcher
from bot.polling import LongPolling
from bot.ptb_backend.channel import PtbChannel
from bot.ptb_backend.client import make_bot, open_bot
from bot.ptb_backend.polling import PtbPolling, PtbUpdates
from bot.telegram_shared import ALLOWED_UPDATES
from bot.webhook import WebhookOptions, WebhookServer
from storage.database import Database


class PtbBackend:
    """Telegram through python-telegram-bot 22."""

    def __init__(self, token: str, api_url: str, request_timeout: float = 30.0) -> None:
        self.bot = make_bot(token, api_url, request_timeout)
        self.channel = PtbChannel(self.bot)

    async def open(self) -> str:
        return (await open_bot(self.bot)).username or ""

    def unreachable(self, error: Exception) -> bool:
        # PTB's BadRequest is a NetworkError: that one is an answer.
        return isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)

    def refused(self, error: Exception) -> bool:
        return isinstance(error, InvalidToken)

    def polling(self, db: Database, dispatcher: Dispatcher, timeout: int) -> LongPolling:
        return PtbPolling(self.bot, db, dispatcher, timeout)

    async def publish_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        menu = [BotCommand(command=name, description=text) for name, text in commands]
        await self.bot.set_my_commands(menu, language_code=language)

    def webhook(
        self, db: Database, dispatcher: Dispatcher, options: WebhookOptions
    ) -> WebhookServer:
        return WebhookServer(PtbUpdates(self.bot), db, dispatcher, options)

    async def set_webhook(self, options: WebhookOptions) -> None:
        await self.bot.set_webhook(
            options.url,
            certificate=options.certificate(),
            max_connections=options.max_connections,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            secret_token=options.secret,
        )

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def close(self) -> None:
        await self.bot.shutdown()
