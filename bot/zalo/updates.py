"""A stored Zalo update (the JSON Zalo sent) turned into the plain `Incoming` the conversation
reads, and the key it is stored under in the inbox.

Zalo's updates carry no `update_id`. The inbox is unique on (channel, update_id), a BigInteger,
and a chat's updates are taken in update_id order (webhook mode), so the key is derived from
what identifies the message and keeps its order: the milliseconds since 2025 of the message's
`date` (Zalo's own time stamp, part of the message, so the same at every delivery) in the high
41 bits, and 22 bits of BLAKE2b over "chat id:message id" in the low ones: a non-negative
signed 64-bit integer on SQLite and PostgreSQL until 2094. A redelivered update (the webhook
posted again, the same message returned again) has the same date, chat and message ids, so the
same key, and the inbox stores it once. Two different messages share a key only when sent in
the same millisecond AND their 22-bit hashes agree: one in about four million for each such
pair (r²·U·0.001/2²³ collisions expected over U seconds at r messages a second: about 0.014 in
ten years at 0.6 a second); the loser would be dropped as a "redelivery". ARCHITECTURE.md,
"Zalo", has the reasoning. A message without a date (none is documented so) is keyed by 63
bits of the hash alone: unique as well (n²/2⁶⁴ for n messages), in no order."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from bot.telegram_shared import command_of
from chat.events import Incoming
from storage.inbox import SameUpdate

CHANNEL = "zalo"
TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
UNSUPPORTED = "message.unsupported.received"
# Zalo's ids are short strings of letters and digits ("e4ea2cd5189df1c3a88c").
_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_63_BITS = (1 << 63) - 1
_HASH_BITS = 22
# 2025-01-01 00:00 UTC in milliseconds: keys start there, and last 2⁴¹ ms (until 2094).
_EPOCH_MS = 1_735_689_600_000

Json = dict[str, Any]


def update_key(chat_id: str, message_id: str, date_ms: int | None) -> int:
    """The inbox key of the message `message_id` in chat `chat_id`, sent at `date_ms` (Zalo's
    `date`): the same for every delivery of it, in the order the messages were sent, 0 … 2⁶³-1."""
    digest = hashlib.blake2b(f"{chat_id}:{message_id}".encode(), digest_size=8).digest()
    hashed = int.from_bytes(digest, "big")
    if date_ms is None:
        return hashed & _63_BITS
    since = min(max(date_ms - _EPOCH_MS, 0), (1 << (63 - _HASH_BITS)) - 1)
    return (since << _HASH_BITS) | (hashed & ((1 << _HASH_BITS) - 1))


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
        date = message.get("date")
        date_ms = date if isinstance(date, int) and not isinstance(date, bool) else None
        return update_key(chat_id, str(message_id), date_ms)

    def chat_ref(self, raw: Json) -> str | None:
        message = _message(raw)
        return _chat_id(message) if message is not None else None

    @property
    def same_update(self) -> SameUpdate:
        """A key is derived (time and a hash), so two messages may share one: the same update
        is the same message of the same chat."""
        return same_message


def same_message(stored: Json, delivered: Json) -> bool:
    """Whether two stored Zalo updates are one message (its chat and message id)."""
    return _identity(stored) == _identity(delivered)


def _identity(raw: Json) -> tuple[str | None, str] | None:
    message = _message(raw)
    if message is None:
        return None
    return _chat_id(message), str(message.get("message_id"))


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
    anything else (an event the bot has no use for, a message in a Zalo group)."""
    message = _message(payload)
    event = payload.get("event_name")
    if message is None or event not in (TEXT, IMAGE, STICKER, UNSUPPORTED):
        return None
    sender = message.get("from")
    chat_id = _chat_id(message)
    if not isinstance(sender, dict) or chat_id is None:
        return None
    chat = message.get("chat")
    if isinstance(chat, dict) and chat.get("chat_type") == "GROUP":
        return None  # Zalo groups (where a bot may join them): not served yet
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
