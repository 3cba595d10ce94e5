"""A stored Telegram update (Bot API JSON, as either backend stores it) turned into the plain
Incoming event the conversation reads. One reading for every backend."""

from __future__ import annotations

from typing import Any

from bot.telegram_html import html_of
from bot.telegram_shared import CHANNEL, command_of
from chat.events import Contact, Incoming, Location

Json = dict[str, Any]


def incoming_of(inbox_id: int, payload: Json) -> Incoming | None:
    """The event a person caused, or None for updates the conversation has no use for."""
    message = payload.get("message")
    if message is not None and "from" in message:
        return _from_message(inbox_id, message)
    query = payload.get("callback_query")
    if query is not None:
        return _from_button(inbox_id, query)
    change = payload.get("my_chat_member")
    if (
        change is not None
        and change["chat"]["type"] in ("group", "supergroup")
        and change["new_chat_member"]["status"] in ("left", "kicked")
    ):  # the bot removed from a group (in a private chat, "kicked" is a block: not an event)
        return Incoming(
            channel=CHANNEL,
            update_ref=inbox_id,
            chat_ref=str(change["chat"]["id"]),
            user_ref=str(change["from"]["id"]),
            user_name=full_name(change["from"]),
            bot_removed=True,
        )
    return None


def full_name(user: Json) -> str:
    """First and last name, as Telegram shows them."""
    return " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)


def _from_message(inbox_id: int, message: Json) -> Incoming:
    text = message.get("text")
    command, args = command_of(text)
    photos = (message["photo"][-1]["file_id"],) if message.get("photo") else ()
    contact = None
    if "contact" in message:
        owner = message["contact"].get("user_id")
        contact = Contact(message["contact"]["phone_number"], str(owner) if owner else None)
    location = None
    if "location" in message:
        shared = message["location"]
        location = Location(shared["latitude"], shared["longitude"], "live_period" in shared)
    return Incoming(
        channel=CHANNEL,
        update_ref=inbox_id,
        chat_ref=str(message["chat"]["id"]),
        user_ref=str(message["from"]["id"]),
        user_name=full_name(message["from"]),
        user_first_name=message["from"].get("first_name") or "",
        user_last_name=message["from"].get("last_name") or "",
        text=text if text is not None else message.get("caption"),
        command=command,
        command_args=args,
        photos=photos,
        contact=contact,
        location=location,
    )


def _from_button(inbox_id: int, query: Json) -> Incoming:
    message: Json | None = query.get("message")
    data = query.get("data") or ""
    label = None
    if message is not None:
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        label = next(
            (
                button["text"]
                for row in rows
                for button in row
                if button.get("callback_data") == data
            ),
            None,
        )
    text = message.get("text") if message is not None else None
    return Incoming(
        channel=CHANNEL,
        update_ref=inbox_id,
        chat_ref=str(message["chat"]["id"] if message is not None else query["from"]["id"]),
        user_ref=str(query["from"]["id"]),
        user_name=full_name(query["from"]),
        user_first_name=query["from"].get("first_name") or "",
        user_last_name=query["from"].get("last_name") or "",
        button=data,
        button_label=label,
        button_message_id=message.get("message_id") if message is not None else None,
        button_message_html=html_of(text, message.get("entities") or [])
        if text and message
        else None,
        callback_ref=query["id"],
    )
