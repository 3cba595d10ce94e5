"""The messengers the bot can run on (ANTT_MESSENGERS): Telegram through the library chosen by
ANTT_TELEGRAM_BACKEND, and Zalo. Each is a backend of the same shape."""

from __future__ import annotations

from typing import Protocol

from bot.channel import Channel, FileLinks
from bot.intake import Dispatcher
from bot.polling import LongPolling
from bot.webhook import WebhookOptions, WebhookServer
from chat.texts import Texts
from config.settings import Settings
from storage.database import Database


class TelegramBackend(Protocol):
    """One messenger's client (a Telegram library, or Zalo's), wrapped to the few things the bot
    needs from it."""

    @property
    def channel(self) -> Channel:
        """Events in, replies out, through this library."""

    async def open(self) -> str:
        """Connect (getMe); the bot's username."""

    def unreachable(self, error: Exception) -> bool:
        """Whether `error` (from `open` and the calls before polling) means Telegram did not
        answer, or not yet (network, 5xx, flood wait), rather than that it refused us."""

    def refused(self, error: Exception) -> bool:
        """Whether `error` (from `open`) means Telegram refused the bot's token."""

    def polling(self, db: Database, dispatcher: Dispatcher, timeout: int) -> LongPolling:
        """Long polling through this library's getUpdates."""

    async def publish_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        """Set the command menu for one language (None: the default)."""

    def webhook(
        self, db: Database, dispatcher: Dispatcher, options: WebhookOptions
    ) -> WebhookServer:
        """The webhook server, reading updates with this library."""

    async def set_webhook(self, options: WebhookOptions) -> None:
        """Ask Telegram to post updates to `options.url` with the secret header, the same
        allowed updates polling asks for, at most `max_connections` at once, and our
        certificate when we serve HTTPS ourselves (pending updates are kept)."""

    async def delete_webhook(self) -> None:
        """Make sure no webhook stands in the way of polling (pending updates are kept)."""

    async def close(self) -> None:
        """Close the HTTP connections."""


def make_backend(
    name: str, token: str, api_url: str, request_timeout: float = 30.0
) -> TelegramBackend:
    """The backend called `name` ("aiogram" or "ptb"), pointed at `api_url`."""
    if name == "ptb":
        from bot.ptb_backend.backend import PtbBackend

        return PtbBackend(token, api_url, request_timeout)
    from bot.aiogram_backend.backend import AiogramBackend

    return AiogramBackend(token, api_url, request_timeout)


# Any messenger's backend has the Telegram backend's shape.
Messenger = TelegramBackend


def make_messenger(
    name: str, settings: Settings, texts: Texts, links: FileLinks | None = None
) -> Messenger:
    """The backend of messenger `name` ("telegram" or "zalo") as configured."""
    if name == "zalo":
        from bot.zalo.backend import ZaloBackend

        return ZaloBackend(
            settings.require_zalo_token(),
            settings.zalo_api_url,
            texts,
            links,
            settings.telegram_timeout_seconds,
        )
    return make_backend(
        settings.telegram_backend,
        settings.require_token(),
        settings.telegram_api_url,
        settings.telegram_timeout_seconds,
    )
