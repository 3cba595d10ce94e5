"""Find the button a person means by its label, the way they would scan their screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from emulator.models import BotMessage, InlineButton, ReplyButton


@dataclass(frozen=True)
class InlineTarget:
    """An inline button and the message it is attached to."""

    message: BotMessage
    button: InlineButton


@dataclass(frozen=True)
class ReplyTarget:
    """A button of the reply keyboard under the input field."""

    button: ReplyButton


Target = InlineTarget | ReplyTarget


def find_button(
    label: str,
    messages: Sequence[BotMessage],
    reply_keyboard: Sequence[Sequence[ReplyButton]],
    message: BotMessage | None = None,
) -> Target:
    """Exact label first, then a unique button containing it (case-insensitive).

    Without ``message`` the search order is what is most visible: the newest message's inline
    keyboard, the reply keyboard, then older messages from newest to oldest.
    """
    scopes = _scopes(messages, reply_keyboard, message)
    for scope in scopes:
        for target in scope:
            if _label(target) == label:
                return target
    needle = label.casefold()
    for scope in scopes:
        matches = [target for target in scope if needle in _label(target).casefold()]
        if len(matches) == 1:
            return matches[0]
        if matches:
            labels = ", ".join(repr(_label(target)) for target in matches)
            raise AssertionError(f"button {label!r} is ambiguous: {labels}")
    raise AssertionError(
        f"no button {label!r} on screen.\n{describe_screen(messages, reply_keyboard)}"
    )


def describe_screen(
    messages: Sequence[BotMessage], reply_keyboard: Sequence[Sequence[ReplyButton]], last: int = 5
) -> str:
    """Buttons visible on the last messages and the reply keyboard, for assertion messages."""
    lines = ["Visible buttons:"]
    for message in list(messages)[-last:]:
        rows = " | ".join(" ".join(f"[{text}]" for text in row) for row in message.buttons)
        snippet = message.text_plain.replace("\n", " ")[:40]
        lines.append(f"  #{message.message_id} {snippet!r}: {rows or '(no inline buttons)'}")
    keyboard = " | ".join(" ".join(f"[{b.text}]" for b in row) for row in reply_keyboard)
    lines.append(f"  reply keyboard: {keyboard or '(none)'}")
    return "\n".join(lines)


def _scopes(
    messages: Sequence[BotMessage],
    reply_keyboard: Sequence[Sequence[ReplyButton]],
    message: BotMessage | None,
) -> list[list[Target]]:
    if message is not None:
        return [_inline(message)]
    newest_first = list(reversed(messages))
    scopes: list[list[Target]] = [_inline(newest_first[0])] if newest_first else []
    scopes.append([ReplyTarget(button) for row in reply_keyboard for button in row])
    scopes.extend(_inline(older) for older in newest_first[1:])
    return scopes


def _inline(message: BotMessage) -> list[Target]:
    return [InlineTarget(message, button) for row in message.inline_keyboard for button in row]


def _label(target: Target) -> str:
    return target.button.text
