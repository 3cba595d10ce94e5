"""getUpdates through python-telegram-bot's client, for the shared long polling.

Our own loop, not PTB's Application/Updater: those confirm offsets on their own. The batch comes
back as Telegram's JSON and PTB reads each update on its own: `Bot.get_updates` reads the whole
batch, and one update it cannot read (a TypeError) fails them all."""

from __future__ import annotations

from typing import Any

from telegram import Bot, Update
from telegram.error import InvalidToken, RetryAfter, TelegramError

from bot.intake import Dispatcher
from bot.polling import LongPolling, PollError
from bot.ptb_backend.client import POLL_GRACE_SECONDS
from bot.ptb_backend.errors import retry_seconds
from bot.telegram_shared import ALLOWED_UPDATES
from storage.database import Database


class PtbUpdates:
    """PTB's getUpdates, giving Bot API JSON."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(self, offset: int | None, wait_seconds: int) -> list[Any]:
        arguments: dict[str, Any] = {"timeout": wait_seconds, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            arguments["offset"] = offset
        # Bot.get_updates without its last line (`Update.de_list`): the same request, its own
        # connection and error handling. The public `do_api_request` would do, but it warns
        # when asked for a method PTB has, and reports a refused token as a missing endpoint.
        result = await self.bot._post(
            "getUpdates", arguments, read_timeout=POLL_GRACE_SECONDS + wait_seconds
        )
        return result if isinstance(result, list) else []

    def unreadable(self, payload: dict[str, Any]) -> str | None:
        try:
            Update.de_json(payload, self.bot)
        except Exception as error:
            return type(error).__name__
        return None

    def classify(self, error: Exception) -> PollError | None:
        if isinstance(error, InvalidToken):
            return PollError(fatal=True)
        if isinstance(error, RetryAfter):
            return PollError(retry_after=retry_seconds(error))
        if isinstance(error, TelegramError):
            return PollError()
        return None


class PtbPolling(LongPolling):
    """The shared long polling on python-telegram-bot's client."""

    def __init__(self, bot: Bot, db: Database, dispatcher: Dispatcher, timeout: int) -> None:
        super().__init__(PtbUpdates(bot), db, dispatcher, timeout)
