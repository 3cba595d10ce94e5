"""Plain replies turned into python-telegram-bot method calls."""

from __future__ import annotations

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode

from bot.telegram_shared import keyboard_of
from chat.replies import Button, Edit, Say, SendFile

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def markup_of(say: Say) -> Markup:
    """The keyboard the reply needs, as PTB's types."""
    keyboard = keyboard_of(say)
    if keyboard is None:
        return None
    if keyboard.inline is not None:
        return inline(keyboard.inline)
    if keyboard.contact_label is not None:
        button = KeyboardButton(text=keyboard.contact_label, request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    return ReplyKeyboardRemove()


def inline(rows: list[list[Button]]) -> InlineKeyboardMarkup:
    """Inline buttons whose callback data is the reply's action."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text=b.label, callback_data=b.action) for b in row] for row in rows]
    )


async def render(bot: Bot, chat_id: int, reply: Say | Edit | SendFile) -> None:
    """Make the API call a reply stands for."""
    if isinstance(reply, SendFile):
        await bot.send_document(
            chat_id,
            reply.content(),
            filename=reply.name,
            caption=reply.caption,
            parse_mode=ParseMode.HTML,
        )
    elif isinstance(reply, Edit):
        await bot.edit_message_text(
            text=reply.text,
            chat_id=chat_id,
            message_id=reply.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=inline(reply.buttons) if reply.buttons else None,
        )
    elif reply.photo is not None:
        await bot.send_photo(
            chat_id,
            reply.photo,
            caption=reply.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup_of(reply),
        )
    else:
        await bot.send_message(
            chat_id, reply.text, parse_mode=ParseMode.HTML, reply_markup=markup_of(reply)
        )
