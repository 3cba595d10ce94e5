"""The Telegram channel on python-telegram-bot: events in, replies out, failures sorted."""

from __future__ import annotations

from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from bot.ptb_backend.errors import failure_of
from bot.ptb_backend.render import render
from bot.telegram_shared import CHANNEL
from bot.telegram_updates import incoming_of
from chat.events import Incoming
from chat.replies import Edit, Say, SendFile


class PtbChannel:
    """Telegram through python-telegram-bot's client."""

    name = CHANNEL
    buttons_as_text = False  # Telegram shows buttons

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def to_incoming(self, inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
        return incoming_of(inbox_id, payload)

    async def deliver(self, chat_ref: str, reply: Say | Edit | SendFile) -> None:
        try:
            await render(self.bot, int(chat_ref), reply)
        except TelegramError as error:
            raise failure_of(error) from None

    async def answer_button(self, callback_ref: str, text: str | None) -> None:
        try:
            await self.bot.answer_callback_query(callback_ref, text=text)
        except TelegramError as error:
            raise failure_of(error) from None
