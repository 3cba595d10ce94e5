"""Plain replies turned into aiogram method calls (texts and edits as JSON: json_methods.py)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.aiogram_backend.json_methods import (
    EditMessageTextJSON,
    SendMessageJSON,
    inline_json,
    markup_json,
)
from bot.telegram_shared import keyboard_of
from chat.replies import Button, Edit, Say, SendFile

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def markup_of(say: Say) -> Markup:
    """The keyboard the reply needs, as aiogram's types."""
    keyboard = keyboard_of(say)
    if keyboard is None:
        return None
    if keyboard.inline is not None:
        return inline(keyboard.inline)
    if keyboard.contact_label is not None:
        button = KeyboardButton(text=keyboard.contact_label, request_contact=True)
        return ReplyKeyboardMarkup(
            keyboard=[[button]], resize_keyboard=True, one_time_keyboard=True
        )
    return ReplyKeyboardRemove()


def inline(rows: list[list[Button]]) -> InlineKeyboardMarkup:
    """Inline buttons whose callback data is the reply's action."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=b.label, callback_data=b.action) for b in row]
            for row in rows
        ]
    )


async def render(bot: Bot, chat_id: int, reply: Say | Edit | SendFile) -> None:
    """Make the API call a reply stands for."""
    if isinstance(reply, SendFile):
        await bot.send_document(
            chat_id,
            BufferedInputFile(reply.content(), filename=reply.name),
            caption=reply.caption,
            parse_mode=ParseMode.HTML,
        )
    elif isinstance(reply, Edit):
        await bot(
            EditMessageTextJSON(
                chat_id=chat_id,
                message_id=reply.message_id,
                text=reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=inline_json(reply.buttons) if reply.buttons else None,
            )
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
        await bot(
            SendMessageJSON(
                chat_id=chat_id,
                text=reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup_json(reply),
            )
        )
