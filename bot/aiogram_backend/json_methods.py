"""The two Bot API calls almost every update makes (sendMessage, editMessageText), with the
keyboard given as Telegram's JSON and the answer left as JSON: the bot never reads the message
Telegram sends back, and aiogram's own methods build a pydantic object for every button on the
way out and for every part of the answer on the way back (measured: the larger share of a
reply's cost in aiogram for a keyboard of eleven buttons). What goes over the wire is the same:
aiogram sends a keyboard as a JSON form field either way."""

from __future__ import annotations

import json
from typing import Any

from aiogram.methods.base import TelegramMethod

from bot.telegram_shared import keyboard_of
from chat.replies import Button, Say

# What Telegram answers: the message sent or edited (left as JSON), or True.
Answer = dict[str, Any] | bool


class SendMessageJSON(TelegramMethod[Answer]):
    """sendMessage; `reply_markup` is the keyboard's JSON text."""

    __returning__ = Answer
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: str | None = None


class EditMessageTextJSON(TelegramMethod[Answer]):
    """editMessageText; `reply_markup` is the inline keyboard's JSON text."""

    __returning__ = Answer
    __api_method__ = "editMessageText"

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: str | None = None


def inline_json(rows: list[list[Button]]) -> str:
    """Inline buttons whose callback data is the reply's action, as the Bot API spells them."""
    keyboard = [[{"text": b.label, "callback_data": b.action} for b in row] for row in rows]
    return json.dumps({"inline_keyboard": keyboard})


def markup_json(say: Say) -> str | None:
    """The keyboard the reply needs, as the Bot API's JSON."""
    keyboard = keyboard_of(say)
    if keyboard is None:
        return None
    if keyboard.inline is not None:
        return inline_json(keyboard.inline)
    if keyboard.contact_label is not None:
        button = {"text": keyboard.contact_label, "request_contact": True}
        return json.dumps(
            {"keyboard": [[button]], "resize_keyboard": True, "one_time_keyboard": True}
        )
    return json.dumps({"remove_keyboard": True})
