"""What both Telegram backends (aiogram and python-telegram-bot) share: the channel name, which
updates to ask for, the chat an update belongs to, commands, and which keyboard a reply needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chat.replies import Button, Say

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]


def chat_ref_of(payload: dict[str, Any]) -> str:
    """The chat an update (Bot API JSON) belongs to, which decides the order it is handled in."""
    if "message" in payload:
        return str(payload["message"]["chat"]["id"])
    if "callback_query" in payload:
        query = payload["callback_query"]
        message = query.get("message")
        return str(message["chat"]["id"] if message else query["from"]["id"])
    if "my_chat_member" in payload:
        return str(payload["my_chat_member"]["chat"]["id"])
    return "-"


def command_of(text: str | None) -> tuple[str | None, str]:
    """("start", "abc") for "/start abc" or "/start@some_bot abc"; (None, "") otherwise."""
    if not text or not text.startswith("/"):
        return None, ""
    head, _, args = text.partition(" ")
    name = head[1:].split("@", 1)[0].lower()
    return (name or None), args.strip()


@dataclass(frozen=True)
class Keyboard:
    """The one keyboard a Telegram message may carry, before a library builds it."""

    inline: list[list[Button]] | None = None
    contact_label: str | None = None
    remove: bool = False


def keyboard_of(say: Say) -> Keyboard | None:
    """Inline buttons win over the phone button, which wins over removing the keyboard."""
    if say.buttons:
        return Keyboard(inline=say.buttons)
    if say.ask_contact is not None:
        return Keyboard(contact_label=say.ask_contact)
    if say.remove_keyboard:
        return Keyboard(remove=True)
    return None
