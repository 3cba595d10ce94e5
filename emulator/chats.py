"""One private chat as the emulator remembers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.models import BotMessage, ReplyButton, UserInfo


@dataclass(frozen=True)
class Toast:
    """An answerCallbackQuery notification shown to the user."""

    text: str | None
    show_alert: bool = False


@dataclass(frozen=True)
class GroupInfo:
    """A group chat the bot was added to (its id is negative, as Telegram's are)."""

    id: int
    title: str


@dataclass(eq=False)
class ChatLog:
    """Messages of one chat and what its screen shows: a private chat (chat id == user id), or
    a group, where `user` stands for the group and each phone in it speaks as its own user."""

    user: UserInfo
    group: GroupInfo | None = None
    bot_messages: list[BotMessage] = field(default_factory=list)
    user_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    reply_keyboard: list[list[ReplyButton]] = field(default_factory=list)
    """The reply keyboard currently shown under the input field; empty when hidden."""
    reply_keyboard_one_time: bool = False
    toasts: list[Toast] = field(default_factory=list)
    blocked: bool = False
    blocked_as: str = "bot was blocked by the user"
    """What Telegram's 403 says when the bot writes here while `blocked`."""
    last_activity: float = 0.0
    """Event-loop time of the last bot action in this chat or delivery of its update."""
    _next_message_id: int = 1
    _by_id: dict[int, BotMessage] = field(default_factory=dict)

    @property
    def chat_id(self) -> int:
        """Private chat id (equal to the user id), or the group's id."""
        return self.group.id if self.group is not None else self.user.id

    def chat_to_api(self) -> dict[str, object]:
        """The chat as a Bot API Chat object."""
        if self.group is not None:
            return {"id": self.group.id, "type": "group", "title": self.group.title}
        return self.user.chat_to_api()

    def allocate_message_id(self) -> int:
        """Next message id; user and bot messages share one counter per chat."""
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def add_bot_message(self, message: BotMessage) -> None:
        """Store a new bot message."""
        self.bot_messages.append(message)
        self._by_id[message.message_id] = message

    def bot_message(self, message_id: int) -> BotMessage | None:
        """A bot message that still exists."""
        message = self._by_id.get(message_id)
        return None if message is None or message.deleted else message

    def exists(self, message_id: int) -> bool:
        """True for any message of either side that was not deleted."""
        return message_id in self.user_messages or self.bot_message(message_id) is not None
