"""Plain data the emulator keeps: users, buttons, files and the bot's messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass
class UserInfo:
    """A Telegram user; in a private chat the chat id equals the user id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    @property
    def display_name(self) -> str:
        """First and last name as Telegram clients show them."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_api(self) -> dict[str, object]:
        """Serialize as a Bot API User object."""
        out: dict[str, object] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        for key, value in (
            ("last_name", self.last_name),
            ("username", self.username),
            ("language_code", self.language_code),
        ):
            if value is not None:
                out[key] = value
        return out

    def chat_to_api(self) -> dict[str, object]:
        """Serialize the private chat with this user as a Bot API Chat object."""
        out: dict[str, object] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            out["last_name"] = self.last_name
        if self.username is not None:
            out["username"] = self.username
        return out


@dataclass(frozen=True)
class InlineButton:
    """An inline keyboard button; ``kind`` is the one action field it carries."""

    text: str
    kind: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReplyButton:
    """A reply keyboard button."""

    text: str
    request_contact: bool = False
    request_location: bool = False


@dataclass(frozen=True)
class DocumentFile:
    """A document attached to a bot message."""

    file_id: str
    file_unique_id: str
    filename: str
    mime_type: str
    data: bytes = field(repr=False)


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent, in its current state (edits are applied in place)."""

    message_id: int
    chat_id: int
    date: int
    text: str | None
    """Text or caption exactly as the bot sent it (HTML source when parse_mode is HTML)."""
    parse_mode: str | None = None
    visible_text: str | None = None
    """Text or caption as the user sees it (markup parsed, entities decoded)."""
    entities: list[dict[str, object]] = field(default_factory=list, repr=False)
    inline_keyboard: list[list[InlineButton]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = field(default=None, repr=False)
    """Inline keyboard JSON as sent, echoed back to the bot in Message objects."""
    reply_keyboard: list[list[ReplyButton]] = field(default_factory=list)
    one_time_keyboard: bool = False
    keyboard_removed: bool = False
    photo: str | None = None
    """file_id of the largest photo size."""
    photo_sizes: list[dict[str, object]] = field(default_factory=list, repr=False)
    document: DocumentFile | None = None
    reply_to_message_id: int | None = None
    silent: bool = False
    edited: int = 0
    edit_date: int | None = None
    deleted: bool = False

    @property
    def has_media(self) -> bool:
        """True when ``text`` is a caption."""
        return self.photo is not None or self.document is not None

    @property
    def text_plain(self) -> str:
        """Visible text without markup; empty when there is none."""
        return self.visible_text or ""

    @property
    def buttons(self) -> list[list[str]]:
        """Inline keyboard as rows of labels."""
        return [[button.text for button in row] for row in self.inline_keyboard]

    @property
    def button_labels(self) -> list[str]:
        """All inline button labels, row by row."""
        return [button.text for row in self.inline_keyboard for button in row]

    @property
    def reply_labels(self) -> list[str]:
        """All reply keyboard labels, row by row."""
        return [button.text for row in self.reply_keyboard for button in row]

    @property
    def callback_data(self) -> dict[str, str]:
        """Label → callback_data of every callback button."""
        return {
            button.text: button.callback_data
            for row in self.inline_keyboard
            for button in row
            if button.callback_data is not None
        }


class ApiCall(NamedTuple):
    """One Bot API request as received; values are decoded once the method has read them."""

    method: str
    params: dict[str, Any]
