"""What the bot answers, as plain data that a channel renders and the outbox can store."""

from __future__ import annotations

import base64
from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter


class Button(BaseModel):
    """A button under a message; `action` comes back when it is pressed."""

    label: str
    action: str


class Say(BaseModel):
    """A new message: HTML text, optional buttons, photo, or phone keyboard."""

    kind: Literal["say"] = "say"
    text: str
    buttons: list[list[Button]] = Field(default_factory=list)
    ask_contact: str | None = None
    remove_keyboard: bool = False
    photo: str | None = None
    # When what this message confirms was saved ("08:15", the ward's time): if Telegram kept
    # refusing it and it goes out late, it says so.
    saved_at: str | None = None


class Edit(BaseModel):
    """Change a message the bot sent earlier, e.g. to show which button was chosen."""

    kind: Literal["edit"] = "edit"
    message_id: int
    text: str
    buttons: list[list[Button]] = Field(default_factory=list)


class SendFile(BaseModel):
    """A file to forward unchanged (a workbook, a report, a chart); bytes kept as base64 so the
    outbox can hold it."""

    kind: Literal["file"] = "file"
    name: str
    data: str
    caption: str | None = None

    @classmethod
    def of(cls, name: str, data: bytes, caption: str | None = None) -> SendFile:
        """A file reply from raw bytes."""
        return cls(name=name, data=base64.b64encode(data).decode("ascii"), caption=caption)

    def content(self) -> bytes:
        """The file's bytes."""
        return base64.b64decode(self.data)


class Later(BaseModel):
    """Work too heavy for the update's transaction (a summary with its files): the pipeline runs
    the named job after commit, and sends what it returns."""

    kind: Literal["later"] = "later"
    job: str
    args: dict[str, str | int]


class Toast(BaseModel):
    """A short notice shown where a button was pressed; never stored."""

    kind: Literal["toast"] = "toast"
    text: str


Reply = Annotated[Say | Edit | SendFile | Later | Toast, Field(discriminator="kind")]
REPLY = TypeAdapter[Reply](Reply)
