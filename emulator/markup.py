"""reply_markup: validate inline and reply keyboards like Telegram and keep what a phone shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.models import InlineButton, ReplyButton

CALLBACK_DATA_LIMIT = 64
_INLINE_KINDS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://")


@dataclass
class Markup:
    """A parsed reply_markup."""

    inline: list[list[InlineButton]] = field(default_factory=list)
    reply: list[list[ReplyButton]] = field(default_factory=list)
    one_time: bool = False
    remove_keyboard: bool = False
    force_reply: bool = False
    inline_api: dict[str, Any] | None = None
    """The inline keyboard as sent; Telegram echoes only inline keyboards in Message objects."""


def parse_markup(raw: Any) -> Markup | None:
    """Validate a decoded reply_markup object; None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _markup_error()
    if "inline_keyboard" in raw:
        rows = _inline_rows(raw["inline_keyboard"])
        return Markup(inline=rows, inline_api={"inline_keyboard": raw["inline_keyboard"]})
    if "keyboard" in raw:
        return Markup(
            reply=_reply_rows(raw["keyboard"]), one_time=bool(raw.get("one_time_keyboard"))
        )
    if raw.get("remove_keyboard"):
        return Markup(remove_keyboard=True)
    if raw.get("force_reply"):
        return Markup(force_reply=True)
    raise _markup_error()


def _markup_error() -> ApiError:
    return bad_request("can't parse reply keyboard markup JSON object")


def _inline_rows(rows: Any) -> list[list[InlineButton]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    return [[_inline_button(item) for item in row] for row in rows if row]


def _inline_button(item: Any) -> InlineButton:
    if not isinstance(item, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = item.get("text")
    if not isinstance(text, str):
        raise bad_request("can't parse inline keyboard button: Can't find field \"text\"")
    kinds = [kind for kind in _INLINE_KINDS if kind in item]
    if not kinds:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    kind = kinds[0]
    value = item[kind]
    if kind == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
        return InlineButton(text=text, kind=kind, callback_data=value)
    if kind == "url":
        if not isinstance(value, str) or not value.startswith(_URL_SCHEMES):
            raise bad_request("BUTTON_URL_INVALID")
        return InlineButton(text=text, kind=kind, url=value)
    return InlineButton(text=text, kind=kind)


def _reply_rows(rows: Any) -> list[list[ReplyButton]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
    parsed = [[_reply_button(item) for item in row] for row in rows if row]
    if not parsed:
        raise bad_request("keyboard must be non-empty")
    return parsed


def _reply_button(item: Any) -> ReplyButton:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise bad_request("can't parse keyboard button: Can't find field \"text\"")
    text: str = item["text"]
    if not text:
        raise bad_request("keyboard button text must be non-empty")
    return ReplyButton(
        text=text,
        request_contact=bool(item.get("request_contact")),
        request_location=bool(item.get("request_location")),
    )
