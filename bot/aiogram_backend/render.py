"""Plain replies turned into aiogram method calls (texts and edits as JSON: json_methods.py)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from pydantic import TypeAdapter

from bot.aiogram_backend.json_methods import (
    EditMessageTextJSON,
    SendMessageJSON,
    inline_json,
    markup_json,
)
from chat.replies import Edit, Say, SendFile

# A photo's keyboard (rare): the same JSON, read into aiogram's own types.
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None
_MARKUP: TypeAdapter[Markup] = TypeAdapter(Markup)


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
            reply_markup=_MARKUP.validate_python(markup_json(reply)),
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
