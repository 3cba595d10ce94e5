"""What the bot answers, as plain data that a channel renders and the outbox can store."""

from __future__ import annotations

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


class Edit(BaseModel):
    """Change a message the bot sent earlier, e.g. to show which button was chosen."""

    kind: Literal["edit"] = "edit"
    message_id: int
    text: str
    buttons: list[list[Button]] = Field(default_factory=list)


class Toast(BaseModel):
    """A short notice shown where a button was pressed; never stored."""

    kind: Literal["toast"] = "toast"
    text: str


Reply = Annotated[Say | Edit | Toast, Field(discriminator="kind")]
REPLY = TypeAdapter[Reply](Reply)
