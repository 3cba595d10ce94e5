"""Zalo as one of the bot's messengers: the same few things a Telegram backend gives the running
bot (`bot.backends.TelegramBackend`), on Zalo's Bot API."""

from __future__ import annotations

from bot.channel import FileLinks
from bot.intake import Dispatcher
from bot.polling import LongPolling
from bot.webhook import WebhookOptions, WebhookServer
from bot.zalo.channel import ZaloChannel
from bot.zalo.client import ZaloApiError, ZaloClient, ZaloNetworkError
from bot.zalo.polling import zalo_polling, zalo_webhook
from chat.texts import Texts
from storage.database import Database


class ZaloBackend:
    """One Zalo bot: its client, its channel, its intake."""

    def __init__(
        self,
        token: str,
        api_url: str,
        texts: Texts,
        links: FileLinks | None = None,
        request_timeout: float = 30.0,
    ) -> None:
        self.client = ZaloClient(token, api_url, request_timeout)
        self.channel = ZaloChannel(self.client, texts, links)

    async def open(self) -> str:
        """getMe: the bot's account name (such as "bot.VDKyGxQvc")."""
        me = await self.client.call("getMe")
        if isinstance(me, dict):
            return str(me.get("account_name") or me.get("display_name") or me.get("id") or "")
        return ""

    def unreachable(self, error: Exception) -> bool:
        if isinstance(error, ZaloNetworkError):
            return True
        return isinstance(error, ZaloApiError) and (
            error.error_code >= 500 or error.error_code == 429
        )

    def refused(self, error: Exception) -> bool:
        return isinstance(error, ZaloApiError) and error.error_code == 401

    def polling(self, db: Database, dispatcher: Dispatcher, timeout: int) -> LongPolling:
        return zalo_polling(self.client, db, dispatcher, timeout)

    async def publish_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        """Zalo has no command menu."""

    def webhook(
        self, db: Database, dispatcher: Dispatcher, options: WebhookOptions
    ) -> WebhookServer:
        return zalo_webhook(self.client, db, dispatcher, options)

    async def set_webhook(self, options: WebhookOptions) -> None:
        await self.client.call("setWebhook", {"url": options.url, "secret_token": options.secret})

    async def delete_webhook(self) -> None:
        await self.client.call("deleteWebhook")

    async def close(self) -> None:
        await self.client.close()
