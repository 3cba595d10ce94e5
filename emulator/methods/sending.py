"""sendMessage, sendPhoto, sendDocument and sendChatAction."""

from __future__ import annotations

import time

from emulator.chats import ChatLog
from emulator.errors import bad_request
from emulator.files import StoredFile
from emulator.html_entities import ParsedText
from emulator.markup import Markup
from emulator.methods.common import reply_markup, reply_target, target_chat
from emulator.models import BotMessage, DocumentFile
from emulator.params import Params, UploadedFile
from emulator.state import EmulatorState
from emulator.texts import caption_text, message_text, normalize_parse_mode

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_WRONG_FILE = "wrong file identifier/HTTP URL specified"


async def send_message(state: EmulatorState, params: Params) -> object:
    """sendMessage."""
    chat = target_chat(state, params)
    parse_mode = params.string("parse_mode")
    parsed = message_text(params.string("text"), parse_mode, strict_html=state.strict_html)
    message = _new_message(chat, params, parsed, normalize_parse_mode(parse_mode))
    message.text = params.string("text")
    return _publish(state, chat, message, reply_markup(params))


async def send_photo(state: EmulatorState, params: Params) -> object:
    """sendPhoto: an uploaded file, a known file_id or a URL."""
    chat = target_chat(state, params)
    caption, parse_mode = _caption(state, params)
    markup = reply_markup(params)
    sizes = _photo_sizes(state, params.input_file("photo"))
    message = _new_message(chat, params, caption, parse_mode)
    message.text = params.string("caption") if caption is not None else None
    message.photo_sizes = [size.photo_size() for size in sizes]
    message.photo = sizes[-1].file_id
    return _publish(state, chat, message, markup)


async def send_document(state: EmulatorState, params: Params) -> object:
    """sendDocument: an uploaded file (keeps its filename) or a known file_id."""
    chat = target_chat(state, params)
    caption, parse_mode = _caption(state, params)
    markup = reply_markup(params)
    stored = _document_file(state, params.input_file("document"))
    message = _new_message(chat, params, caption, parse_mode)
    message.text = params.string("caption") if caption is not None else None
    message.document = DocumentFile(
        file_id=stored.file_id,
        file_unique_id=stored.file_unique_id,
        filename=stored.filename or "file",
        mime_type=stored.mime_type or "application/octet-stream",
        data=stored.data,
    )
    return _publish(state, chat, message, markup)


async def send_chat_action(state: EmulatorState, params: Params) -> object:
    """sendChatAction: counts as activity in the chat, shows nothing."""
    chat = target_chat(state, params)
    if params.string("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.touch(chat)
    return True


def _caption(state: EmulatorState, params: Params) -> tuple[ParsedText | None, str | None]:
    parse_mode = params.string("parse_mode")
    caption = caption_text(params.string("caption"), parse_mode, strict_html=state.strict_html)
    return caption, normalize_parse_mode(parse_mode)


def _new_message(
    chat: ChatLog,
    params: Params,
    parsed: ParsedText | None,
    parse_mode: str | None,
) -> BotMessage:
    reply_to = reply_target(chat, params)
    return BotMessage(
        message_id=0,
        chat_id=chat.chat_id,
        date=int(time.time()),
        text=None,
        parse_mode=parse_mode,
        visible_text=parsed.text if parsed is not None else None,
        entities=[entity.to_api() for entity in parsed.entities] if parsed is not None else [],
        reply_to_message_id=reply_to,
        silent=params.flag("disable_notification"),
    )


def _publish(
    state: EmulatorState, chat: ChatLog, message: BotMessage, markup: Markup | None
) -> object:
    # The id is taken only now so that a rejected request does not consume one.
    message.message_id = chat.allocate_message_id()
    if markup is not None:
        message.inline_keyboard = markup.inline
        message.reply_markup = markup.inline_api
        message.reply_keyboard = markup.reply
        message.one_time_keyboard = markup.one_time
        message.keyboard_removed = markup.remove_keyboard
    state.publish_bot_message(chat, message, markup)
    return state.message_to_api(chat, message)


def _photo_sizes(state: EmulatorState, photo: UploadedFile | str | None) -> list[StoredFile]:
    if photo is None:
        raise bad_request("there is no photo in the request")
    if isinstance(photo, UploadedFile):
        return state.files.add_photo(photo.data)
    if photo.startswith(("http://", "https://")):
        return state.files.add_photo()
    stored = state.files.get(photo)
    if stored is None:
        raise bad_request(_WRONG_FILE)
    return [stored]


def _document_file(state: EmulatorState, document: UploadedFile | str | None) -> StoredFile:
    if document is None:
        raise bad_request("there is no document in the request")
    if isinstance(document, UploadedFile):
        return state.files.add_document(document.data, document.filename, document.content_type)
    if document.startswith(("http://", "https://")):
        name = document.rstrip("/").rsplit("/", 1)[-1] or "file"
        return state.files.add_document(b"", name)
    stored = state.files.get(document)
    if stored is None:
        raise bad_request(_WRONG_FILE)
    return stored
