"""What a person did, as the conversation sees it: no messenger types beyond this point."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contact:
    """A phone number shared from the messenger's contact button."""

    phone_number: str
    user_ref: str | None
    typed: bool = False
    """The person typed the number (a messenger without contact sharing, such as Zalo): nothing
    proves the number is theirs, unlike Telegram's contact button."""


@dataclass(frozen=True)
class Location:
    """A point shared from the phone."""

    latitude: float
    longitude: float
    live: bool = False
    """A live location: the phone keeps it up to date for a while (Telegram's live_period)."""


@dataclass(frozen=True)
class Incoming:
    """One thing a person sent or pressed, already stored in the inbox as `update_ref`."""

    channel: str
    update_ref: int
    chat_ref: str
    user_ref: str
    user_name: str
    """First and last name, as the messenger shows them."""
    text: str | None = None
    command: str | None = None
    command_args: str = ""
    button: str | None = None
    button_message_id: int | None = None
    button_label: str | None = None
    button_message_html: str | None = None
    callback_ref: str | None = None
    photos: tuple[str, ...] = field(default_factory=tuple)
    contact: Contact | None = None
    location: Location | None = None
    bot_removed: bool = False
    """The bot was removed from this (group) chat, or left it."""
    user_first_name: str = ""
    user_last_name: str = ""
    """The two parts of `user_name` (a Vietnamese may have put the family name in either)."""

    @property
    def is_private(self) -> bool:
        """A one-to-one chat with the bot (groups come later)."""
        return self.chat_ref == self.user_ref
