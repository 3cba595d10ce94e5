"""getUpdates whose answer aiogram leaves as Telegram's JSON."""

from __future__ import annotations

from typing import Any

from aiogram.methods.base import TelegramMethod


class RawGetUpdates(TelegramMethod[list[Any]]):
    """getUpdates, the batch left as JSON: aiogram's own GetUpdates reads the whole batch into
    `Update`s, and one update it cannot read (ClientDecodeError) fails them all."""

    __returning__ = list[Any]
    __api_method__ = "getUpdates"

    offset: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None
