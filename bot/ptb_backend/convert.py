"""A PTB update as the Bot API JSON the inbox stores (read back by bot.telegram_updates)."""

from __future__ import annotations

from typing import Any

from telegram import Update


def payload_of(update: Update) -> dict[str, Any]:
    """The update as Bot API JSON."""
    return update.to_dict()
