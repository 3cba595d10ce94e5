"""aiogram's HTTP client, pointed at the configured Bot API server."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteWebhook,
    EditMessageText,
    GetMe,
    GetUpdates,
    Response,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
    SetWebhook,
)

from bot.aiogram_backend.json_methods import EditMessageTextJSON, JSONBodySession, SendMessageJSON
from bot.aiogram_backend.raw_updates import RawGetUpdates

# aiogram reads every answer as `Response[<method's result type>]`. pydantic keeps such generic
# classes only weakly, so between calls they are often collected and the next call rebuilds the
# whole schema (measured: ~40% of the cost of a sendMessage). Holding them here keeps them built.
_RESPONSE_TYPES: tuple[Any, ...] = tuple(
    Response[method.__returning__]  # type: ignore[name-defined]
    for method in (
        RawGetUpdates,
        AnswerCallbackQuery,
        DeleteWebhook,
        EditMessageText,
        EditMessageTextJSON,
        GetMe,
        GetUpdates,
        SendDocument,
        SendMessage,
        SendMessageJSON,
        SendPhoto,
        SetMyCommands,
        SetWebhook,
    )
)


def make_bot(token: str, api_url: str, request_timeout: float = 30.0) -> Bot:
    """A Bot that talks to `api_url` (Telegram, a self-hosted server, or the emulator); a call
    that gets no answer within `request_timeout` seconds fails (and is retried)."""
    session = JSONBodySession(api=TelegramAPIServer.from_base(api_url), timeout=request_timeout)
    return Bot(token=token, session=session)
