"""What the Zalo emulator holds: people and their chats, the updates waiting for the bot, what
the bot said, the webhook, and a transcript (the Telegram emulator's, chats by number)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from emulator.transcript import PHOTO, Transcript
from emulator.wakeup import Signal

# Zalo's texts: 1 to 2,000 characters (sendMessage, and a photo's caption).
TEXT_LIMIT = 2000
STICKER = "[nhãn dán]"
UNSUPPORTED = "[tin nhắn Zalo không chuyển cho bot]"


def zalo_id(number: int) -> str:
    """A Zalo-looking id (20 hex digits) for a person or chat numbered `number`."""
    return f"{number * 2_654_435_761 % 16**20:020x}"


@dataclass
class ZaloChat:
    """A private chat between one person and the bot."""

    number: int
    user_id: str
    display_name: str
    bot_messages: list[ZaloBotMessage] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    last_activity: float = 0.0

    @property
    def chat_id(self) -> str:
        return self.user_id


@dataclass(frozen=True)
class ZaloBotMessage:
    """What the bot sent: a text, a photo (its address and caption) or a sticker."""

    message_id: str
    chat_id: str
    kind: str
    text: str = ""
    photo: str | None = None
    sticker: str | None = None
    date: int = 0


@dataclass
class ZaloWebhook:
    """Where updates are posted, with which secret (empty: polling)."""

    url: str = ""
    secret: str = ""
    updated_at: int = 0


class ZaloState:
    """Everything the emulated Zalo knows."""

    def __init__(self, bot_name: str = "bot.AnttDemo") -> None:
        self.bot_name = bot_name
        self.chats: dict[str, ZaloChat] = {}
        self.pending: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.delivered: list[dict[str, Any]] = []
        self.webhook = ZaloWebhook()
        self.transcript = Transcript()
        self.wakeup = Signal()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.refused: list[tuple[str, int, str]] = []
        self._numbers = 0
        self._messages = 0

    def person(self, number: int, display_name: str) -> ZaloChat:
        """The chat of person `number` (created on first use)."""
        user_id = zalo_id(number)
        chat = self.chats.get(user_id)
        if chat is None:
            chat = ZaloChat(number, user_id, display_name)
            self.chats[user_id] = chat
            self.transcript.name_chat(number, display_name)
        return chat

    def next_message_id(self) -> str:
        self._messages += 1
        return f"{self._messages * 40_503 % 16**20:020x}"

    def now_ms(self) -> int:
        return int(time.time() * 1000)

    def user_update(
        self, chat: ZaloChat, event_name: str, content: dict[str, Any]
    ) -> dict[str, Any]:
        """An update as Zalo sends it, for something the person sent."""
        message: dict[str, Any] = {
            "message_id": self.next_message_id(),
            "from": {"id": chat.user_id, "display_name": chat.display_name, "is_bot": False},
            "chat": {"id": chat.chat_id, "chat_type": "PRIVATE"},
            "date": self.now_ms(),
            **content,
        }
        return {"event_name": event_name, "message": message}

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for the bot (getUpdates or the webhook)."""
        self.pending.put_nowait(update)
        self.wakeup.notify()

    def taken(self, update: dict[str, Any]) -> None:
        """The bot got `update` (getUpdates answered it, or the webhook's 200)."""
        self.delivered.append(update)
        self.wakeup.notify()

    def bot_said(self, chat: ZaloChat, message: ZaloBotMessage) -> None:
        chat.bot_messages.append(message)
        chat.last_activity = asyncio.get_running_loop().time()
        if message.kind == "photo":
            shown = f"{PHOTO} {message.photo}\n{message.text}".rstrip()
        elif message.kind == "sticker":
            shown = STICKER
        else:
            shown = message.text
        self.transcript.bot_event(chat.number, message.kind, shown)
        self.wakeup.notify()
