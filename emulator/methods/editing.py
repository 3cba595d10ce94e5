"""editMessageText, editMessageCaption, editMessageReplyMarkup and deleteMessage."""

from __future__ import annotations

from emulator.chats import ChatLog
from emulator.errors import bad_request
from emulator.html_entities import ParsedText
from emulator.markup import Markup
from emulator.methods.common import message_id_param, reply_markup, target_chat
from emulator.models import BotMessage
from emulator.params import Params
from emulator.state import EmulatorState
from emulator.texts import caption_text, message_text, normalize_parse_mode
from emulator.transcript import DELETED

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def edit_message_text(state: EmulatorState, params: Params) -> object:
    """editMessageText; omitting reply_markup removes the inline keyboard, as in Telegram."""
    chat, message = _editable(state, params)
    if message.has_media:
        raise bad_request("there is no text in the message to edit")
    parse_mode = params.string("parse_mode")
    parsed = message_text(params.string("text"), parse_mode, strict_html=state.strict_html)
    markup = _inline_only(reply_markup(params))
    _apply(message, parsed, markup)
    message.text = params.string("text")
    message.parse_mode = normalize_parse_mode(parse_mode)
    state.publish_edit(chat, message)
    return state.message_to_api(chat, message)


async def edit_message_caption(state: EmulatorState, params: Params) -> object:
    """editMessageCaption."""
    chat, message = _editable(state, params)
    if not message.has_media:
        raise bad_request("there is no caption in the message to edit")
    parse_mode = params.string("parse_mode")
    parsed = caption_text(params.string("caption"), parse_mode, strict_html=state.strict_html)
    markup = _inline_only(reply_markup(params))
    _apply(message, parsed or ParsedText(""), markup)
    message.text = params.string("caption") if parsed is not None else None
    message.visible_text = parsed.text if parsed is not None else None
    message.parse_mode = normalize_parse_mode(parse_mode)
    state.publish_edit(chat, message)
    return state.message_to_api(chat, message)


async def edit_message_reply_markup(state: EmulatorState, params: Params) -> object:
    """editMessageReplyMarkup; no reply_markup removes the inline keyboard."""
    chat, message = _editable(state, params)
    markup = _inline_only(reply_markup(params))
    new_rows = markup.inline if markup is not None else []
    if new_rows == message.inline_keyboard:
        raise bad_request(NOT_MODIFIED)
    _set_keyboard(message, markup)
    state.publish_edit(chat, message)
    return state.message_to_api(chat, message)


async def delete_message(state: EmulatorState, params: Params) -> object:
    """deleteMessage for bot messages and the user's messages in the private chat."""
    chat = target_chat(state, params)
    message_id = message_id_param(params, missing="message identifier is not specified")
    message = chat.bot_message(message_id)
    if message is not None:
        message.deleted = True
    elif chat.user_messages.pop(message_id, None) is None:
        raise bad_request("message to delete not found")
    state.transcript.bot_event(chat.chat_id, "delete", DELETED)
    state.touch(chat)
    return True


def _editable(state: EmulatorState, params: Params) -> tuple[ChatLog, BotMessage]:
    if params.has("inline_message_id") and not params.has("chat_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = target_chat(state, params)
    message_id = message_id_param(params, missing="message identifier is not specified")
    message = chat.bot_message(message_id)
    if message is None:
        if message_id in chat.user_messages:
            raise bad_request("message can't be edited")
        raise bad_request("message to edit not found")
    return chat, message


def _inline_only(markup: Markup | None) -> Markup | None:
    if markup is not None and not markup.inline:
        raise bad_request("inline keyboard expected")
    return markup


def _apply(message: BotMessage, parsed: ParsedText, markup: Markup | None) -> None:
    entities = [entity.to_api() for entity in parsed.entities]
    new_rows = markup.inline if markup is not None else []
    if (
        parsed.text == (message.visible_text or "")
        and entities == message.entities
        and new_rows == message.inline_keyboard
    ):
        raise bad_request(NOT_MODIFIED)
    message.visible_text = parsed.text
    message.entities = entities
    _set_keyboard(message, markup)


def _set_keyboard(message: BotMessage, markup: Markup | None) -> None:
    message.inline_keyboard = markup.inline if markup is not None else []
    message.reply_markup = markup.inline_api if markup is not None else None
