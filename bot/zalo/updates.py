"""A stored Zalo update (the JSON Zalo sent) turned into the plain `Incoming` the conversation
reads, and the key it is stored under in the inbox.

Zalo's updates carry no `update_id`. The inbox is unique on (channel, update_id), a BigInteger,
so the key is derived from what identifies the message: the chat's id and the message's id,
hashed together (BLAKE2b, 8 bytes) and cut to 63 bits, so it is a non-negative signed 64-bit
integer on SQLite and PostgreSQL alike. A redelivered update (the webhook posted again, the same
message returned by getUpdates again) has the same chat and message ids, so the same key, and
the inbox stores it once. Two different messages share a key only by a hash collision: among n
stored Zalo updates, the chance of any collision is about n² / 2⁶⁴ (a million updates: about
5 × 10⁻⁸); the loser of one would be dropped as a "redelivery"."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from bot.telegram_shared import command_of
from chat.events import Incoming

CHANNEL = "zalo"
TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
UNSUPPORTED = "message.unsupported.received"
# Zalo's ids are short strings of letters and digits ("e4ea2cd5189df1c3a88c").
_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_63_BITS = (1 << 63) - 1

Json = dict[str, Any]


def update_key(chat_id: str, message_id: str) -> int:
    """The inbox key of the message `message_id` in chat `chat_id`: the same for every delivery
    of it, 0 … 2⁶³-1."""
    digest = hashlib.blake2b(f"{chat_id}:{message_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _63_BITS


def _message(raw: Json) -> Json | None:
    message = raw.get("message")
    return message if isinstance(message, dict) else None


def _chat_id(message: Json) -> str | None:
    chat = message.get("chat")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if isinstance(chat_id, int) and not isinstance(chat_id, bool):
        chat_id = str(chat_id)
    return chat_id if isinstance(chat_id, str) and _ID.fullmatch(chat_id) else None


class ZaloKeys:
    """Where a Zalo update is stored: channel "zalo", the derived key, the chat's id."""

    channel = CHANNEL
    token_setting = "ANTT_ZALO_TOKEN"  # noqa: S105 (a variable name)

    def unwrap(self, body: Json) -> Any:
        """A webhook body: the update itself, or wrapped as getUpdates answers it
        (`{"ok": true, "result": {…}}`), as some clients read Zalo's posts."""
        result = body.get("result")
        return result if isinstance(result, dict) and "event_name" not in body else body

    def update_id(self, raw: Json) -> int | None:
        message = _message(raw)
        if message is None:
            return None
        chat_id = _chat_id(message)
        message_id = message.get("message_id")
        if chat_id is None or not isinstance(message_id, str | int) or message_id == "":
            return None
        return update_key(chat_id, str(message_id))

    def chat_ref(self, raw: Json) -> str | None:
        message = _message(raw)
        return _chat_id(message) if message is not None else None


ZALO_KEYS = ZaloKeys()


def display_name(sender: Json) -> str:
    """The name Zalo shows for the person (Zalo has one name, not a first and a last)."""
    for field in ("display_name", "first_name", "name"):
        name = sender.get(field)
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())
    return ""


def incoming_of(inbox_id: int, payload: Json) -> Incoming | None:
    """The event a person caused: a text (a command too), a photo (its address, with the
    caption as text), or, for a sticker and what Zalo cannot pass on, an event with nothing
    in it, which the conversation answers as it answers anything it cannot read. None for
    anything else (an event the bot has no use for)."""
    message = _message(payload)
    event = payload.get("event_name")
    if message is None or event not in (TEXT, IMAGE, STICKER, UNSUPPORTED):
        return None
    sender = message.get("from")
    chat_id = _chat_id(message)
    if not isinstance(sender, dict) or chat_id is None:
        return None
    name = display_name(sender)
    text: str | None = None
    photos: tuple[str, ...] = ()
    if event == TEXT:
        text = message.get("text") if isinstance(message.get("text"), str) else None
    elif event == IMAGE:
        photo = message.get("photo") or message.get("photo_url")
        photos = (photo,) if isinstance(photo, str) and photo else ()
        caption = message.get("caption")
        text = caption if isinstance(caption, str) and caption else None
    command, args = command_of(text) if event == TEXT else (None, "")
    return Incoming(
        channel=CHANNEL,
        update_ref=inbox_id,
        chat_ref=chat_id,
        user_ref=str(sender.get("id", "")),
        user_name=name,
        user_first_name=name,
        text=text,
        command=command,
        command_args=args,
        photos=photos,
    )
