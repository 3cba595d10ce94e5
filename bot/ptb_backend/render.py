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

from handlers.replies import Button, Edit, Say

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def markup_of(say: Say) -> Markup:
    """Telegram allows one keyboard per message: inline buttons, the phone button, or removal."""
    if say.buttons:
        return inline(say.buttons)
    if say.ask_contact is not None:
        button = KeyboardButton(text=say.ask_contact, request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if say.remove_keyboard:
        return ReplyKeyboardRemove()
    return None


def inline(rows: list[list[Button]]) -> InlineKeyboardMarkup:
    """Inline buttons whose callback data is the reply's action."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text=b.label, callback_data=b.action) for b in row] for row in rows]
    )


async def render(bot: Bot, chat_id: int, reply: Say | Edit) -> None:
    """Make the API call a reply stands for."""
    if isinstance(reply, Edit):
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
