"""The Telegram backends the bot can run on, chosen by ANTT_TELEGRAM_BACKEND."""

from __future__ import annotations

from typing import Protocol

from bot.channel import Channel
from bot.intake import Dispatcher
from bot.polling import LongPolling
from storage.database import Database


class TelegramBackend(Protocol):
    """One Telegram client library, wrapped to the few things the bot needs from it."""

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
