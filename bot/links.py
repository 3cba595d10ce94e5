"""Links people open on their phones."""

from __future__ import annotations


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with `/start <code>`."""
    return f"https://t.me/{bot_username}?start={code}"
