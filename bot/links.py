"""Links people open on their phones."""

from __future__ import annotations

from chat.invite_ways import telegram_invite_link


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with `/start <code>`."""
    return telegram_invite_link(bot_username, code)
