"""A stored Telegram update (as aiogram parses it) turned into a plain Incoming event."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message, Update, User

from bot.telegram_html import html_of
from bot.telegram_shared import CHANNEL, command_of
from handlers.events import Contact, Incoming, Location


def to_incoming(inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
    """The event a person caused, or None for updates the conversation has no use for."""
    update = Update.model_validate(payload)
    if update.message is not None and update.message.from_user is not None:
        return _from_message(inbox_id, update.message, update.message.from_user)
    if update.callback_query is not None:
        return _from_button(inbox_id, update.callback_query)
    return None


def _from_message(inbox_id: int, message: Message, user: User) -> Incoming:
    text = message.text if message.text is not None else message.caption
    command, args = command_of(message.text)
    photos = (message.photo[-1].file_id,) if message.photo else ()
    contact = None
    if message.contact is not None:
        owner = message.contact.user_id
        contact = Contact(message.contact.phone_number, str(owner) if owner is not None else None)
    location = None
    if message.location is not None:
        location = Location(message.location.latitude, message.location.longitude)
    return Incoming(
        channel=CHANNEL,
        update_ref=inbox_id,
        chat_ref=str(message.chat.id),
        user_ref=str(user.id),
        user_name=user.full_name,
        text=text,
        command=command,
        command_args=args,
        photos=photos,
        contact=contact,
        location=location,
    )


def _from_button(inbox_id: int, query: CallbackQuery) -> Incoming:
    message = query.message if isinstance(query.message, Message) else None
    label = None
    if message is not None and message.reply_markup is not None:
        for row in message.reply_markup.inline_keyboard:
            for button in row:
                if button.callback_data == query.data:
                    label = button.text
    chat = message.chat.id if message is not None else query.from_user.id
    return Incoming(
        channel=CHANNEL,
        update_ref=inbox_id,
        chat_ref=str(chat),
        user_ref=str(query.from_user.id),
        user_name=query.from_user.full_name,
        button=query.data or "",
        button_label=label,
        button_message_id=message.message_id if message is not None else None,
        button_message_html=_html(message) if message is not None and message.text else None,
        callback_ref=query.id,
    )


def _html(message: Message) -> str:
    """The message's text as Telegram HTML, spelled as every backend spells it."""
    entities = [
        entity.model_dump(mode="json", exclude_none=True) for entity in message.entities or []
    ]
    return html_of(message.text or "", entities)
