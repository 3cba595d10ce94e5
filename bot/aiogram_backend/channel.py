"""The Telegram channel on aiogram: events in, replies out, errors sorted into retry or give up."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.aiogram_backend.render import render
from bot.channel import DeliveryFailure
from bot.telegram_shared import CHANNEL
from bot.telegram_updates import incoming_of
from chat.events import Incoming
from chat.replies import Edit, Say, SendFile


class AiogramChannel:
    """Telegram through aiogram's client."""

    name = CHANNEL
    buttons_as_text = False  # Telegram shows buttons

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def to_incoming(self, inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
        return incoming_of(inbox_id, payload)

    async def deliver(self, chat_ref: str, reply: Say | Edit | SendFile) -> None:
        try:
            await render(self.bot, int(chat_ref), reply)
        except TelegramAPIError as error:
            raise failure_of(error) from None

    async def answer_button(self, callback_ref: str, text: str | None) -> None:
        try:
            await self.bot.answer_callback_query(callback_ref, text=text)
        except TelegramAPIError as error:
            raise failure_of(error) from None


def failure_of(error: TelegramAPIError) -> DeliveryFailure:
    """Which failures are worth retrying: rate limits, network trouble and server errors."""
    reason = f"{type(error).__name__}: {error.message}"
    if isinstance(error, TelegramRetryAfter):
        return DeliveryFailure(reason, retry_after=float(error.retry_after))
    if isinstance(error, TelegramNetworkError | TelegramServerError):
        return DeliveryFailure(reason)
    if isinstance(error, TelegramForbiddenError):
        return DeliveryFailure(reason, permanent=True, blocked=True)
    permanent = isinstance(error, TelegramBadRequest | TelegramNotFound)
    return DeliveryFailure(reason, permanent=permanent)
