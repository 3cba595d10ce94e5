"""Parameter checks shared by the message-sending methods."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from emulator.chats import ChatLog
from emulator.errors import bad_request
from emulator.markup import Markup, parse_markup
from emulator.params import Params
from emulator.state import EmulatorState

Handler = Callable[[EmulatorState, Params], Awaitable[object]]


def target_chat(state: EmulatorState, params: Params) -> ChatLog:
    """The chat in ``chat_id``; usernames and unknown ids are "chat not found"."""
    if not params.has("chat_id"):
        raise bad_request("chat_id is empty")
    return state.chat_for_bot(params.integer("chat_id", invalid="chat not found"))


def reply_markup(params: Params) -> Markup | None:
    """The validated ``reply_markup``."""
    raw = params.json("reply_markup", invalid="can't parse reply keyboard markup JSON object")
    return parse_markup(raw)


def reply_target(chat: ChatLog, params: Params) -> int | None:
    """The message being replied to, from ``reply_parameters`` or ``reply_to_message_id``."""
    raw = params.json("reply_parameters", invalid="can't parse reply parameters JSON object")
    allow_missing = params.flag("allow_sending_without_reply")
    message_id: object = params.integer("reply_to_message_id")
    if isinstance(raw, dict):
        message_id = raw.get("message_id")
        allow_missing = bool(raw.get("allow_sending_without_reply"))
    if message_id is None:
        return None
    if isinstance(message_id, int) and chat.exists(message_id):
        return message_id
    if allow_missing:
        return None
    raise bad_request("message to be replied not found")


def message_id_param(params: Params, *, missing: str) -> int:
    """``message_id`` of an edit or delete; ``missing`` is the error when it is absent."""
    if not params.has("message_id"):
        if params.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        raise bad_request(missing)
    message_id = params.integer("message_id", invalid=missing)
    if message_id is None:
        raise bad_request(missing)
    return message_id
