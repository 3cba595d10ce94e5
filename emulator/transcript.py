"""A readable record of every chat: who said what, which buttons were shown and pressed."""

from __future__ import annotations

import time
from dataclasses import dataclass

from emulator.models import BotMessage

BOT_NAME = "Bot"
PHOTO = "[ảnh]"
CONTACT = "[chia sẻ số điện thoại]"
EDITED = "(đã sửa)"
DELETED = "[đã xoá tin nhắn]"


def document_marker(filename: str) -> str:
    """Marker for a sent file."""
    return f"[tệp {filename}]"


def press_marker(label: str) -> str:
    """Marker for a button press."""
    return f"[bấm: {label}]"


def forged_press_marker(data: str) -> str:
    """Marker for a callback with data no visible button carries."""
    return f"[gửi dữ liệu nút: {data}]"


def location_marker(latitude: float, longitude: float) -> str:
    """Marker for a shared location."""
    return f"[vị trí: {latitude:.5f}, {longitude:.5f}]"


def toast_marker(text: str, alert: bool) -> str:
    """Marker for an answerCallbackQuery notification."""
    return f"[{'hộp thoại' if alert else 'thông báo'}: {text}]"


@dataclass(frozen=True)
class TranscriptEntry:
    """One line of a chat: a message, an edit, a press, a notification."""

    time: float
    chat_id: int
    who: str
    kind: str
    text: str
    edited: bool = False
    from_bot: bool = False
    buttons: tuple[tuple[str, ...], ...] = ()
    keyboard: tuple[tuple[str, ...], ...] = ()


def describe_bot_message(message: BotMessage) -> tuple[str, str]:
    """Kind and transcript text of a bot message (markup stripped, media as markers)."""
    caption = message.text_plain
    if message.photo is not None:
        return "photo", f"{PHOTO} {caption}".rstrip()
    if message.document is not None:
        return "document", f"{document_marker(message.document.filename)} {caption}".rstrip()
    return "text", caption


class Transcript:
    """Entries in the order they happened, across all chats."""

    def __init__(self) -> None:
        self.entries: list[TranscriptEntry] = []
        self._names: dict[int, str] = {}

    def name_chat(self, chat_id: int, name: str) -> None:
        """Remember the user name shown for a chat."""
        self._names[chat_id] = name

    def user_said(self, chat_id: int, kind: str, text: str) -> None:
        """Record something the user did."""
        who = self._names.get(chat_id, str(chat_id))
        self.entries.append(TranscriptEntry(time.time(), chat_id, who, kind, text))

    def bot_said(self, message: BotMessage, *, edited: bool = False) -> None:
        """Record a new or edited bot message with the keyboards it shows."""
        kind, text = describe_bot_message(message)
        self.entries.append(
            TranscriptEntry(
                time.time(),
                message.chat_id,
                BOT_NAME,
                kind,
                text,
                edited=edited,
                from_bot=True,
                buttons=tuple(tuple(row) for row in message.buttons),
                keyboard=tuple(
                    tuple(button.text for button in row) for row in message.reply_keyboard
                ),
            )
        )

    def bot_event(self, chat_id: int, kind: str, text: str) -> None:
        """Record a bot action that is not a message (notification, deletion)."""
        self.entries.append(
            TranscriptEntry(time.time(), chat_id, BOT_NAME, kind, text, from_bot=True)
        )

    def format(
        self, chat_id: int | None = None, *, last: int | None = None, show_time: bool = True
    ) -> str:
        """Render as a chat log; ``last`` keeps only the newest entries."""
        entries = [e for e in self.entries if chat_id is None or e.chat_id == chat_id]
        if last is not None:
            entries = entries[-last:] if last > 0 else []
        several_chats = chat_id is None and len({e.chat_id for e in entries}) > 1
        lines: list[str] = []
        for entry in entries:
            who = entry.who
            if entry.from_bot and several_chats:
                who = f"{BOT_NAME} → {self._names.get(entry.chat_id, entry.chat_id)}"
            if entry.edited:
                who = f"{who} {EDITED}"
            stamp = time.strftime("%H:%M:%S ", time.localtime(entry.time)) if show_time else ""
            head = f"{stamp}{who}: "
            indent = " " * len(head)
            text_lines = entry.text.split("\n") or [""]
            lines.append(head + text_lines[0])
            lines.extend(indent + line for line in text_lines[1:])
            lines.extend(indent + _render_row(row) for row in entry.buttons)
            lines.extend(f"{indent}⌨ {_render_row(row)}" for row in entry.keyboard)
        return "\n".join(lines)


def _render_row(row: tuple[str, ...]) -> str:
    return " ".join(f"[{label}]" for label in row)
