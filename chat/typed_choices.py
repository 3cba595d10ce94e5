"""Buttons for a messenger that has none (Zalo): a numbered list under the message, and the
answer read back from what the person types ("2", "hom nay", "Hôm nay", "1 3 4", "0").

This module is the seam between a text-only channel and the conversation: the channel renders
a reply's buttons with `numbered`, the runtime keeps the `Offered` choices of the last message
that had any, and turns a typed answer into the press of the button it names with `read_choice`.
The conversation itself never learns that no button was pressed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from chat.replies import Button

# "0" and these words mean the list's back button, when it has one.
BACK_WORDS = frozenset({"0", "quay lai", "tro lai", "back"})


@dataclass(frozen=True)
class Offered:
    """One button of a message, as a number the person can type."""

    number: int
    label: str
    action: str


def offered_choices(buttons: Sequence[Sequence[Button]]) -> tuple[Offered, ...]:
    """The buttons of a message, numbered 1, 2, … in reading order (row by row)."""
    flat = [button for row in buttons for button in row]
    return tuple(
        Offered(number=number, label=button.label, action=button.action)
        for number, button in enumerate(flat, start=1)
    )


def numbered(text: str, buttons: Sequence[Sequence[Button]]) -> str:
    """The message's text followed by its buttons as a numbered list, one per line."""
    choices = offered_choices(buttons)
    if not choices:
        return text
    lines = [f"{choice.number}. {choice.label}" for choice in choices]
    return text + "\n\n" + "\n".join(lines)


def plain_key(typed: str) -> str:
    """What a typed answer and a label share: no diacritics (đ as d), no case, no emoji or
    punctuation, single spaces ("◀ Quay lại" and "quay lai" give "quay lai")."""
    folded = unicodedata.normalize("NFD", typed.casefold().replace("đ", "d").replace("ð", "d"))
    bare = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    words = re.sub(r"[^0-9a-z]+", " ", bare)
    return " ".join(words.split())


def read_choice(typed: str, offered: Sequence[Offered]) -> list[str] | None:
    """The actions a typed answer names, in the order typed: one number, several numbers
    ("1 3 4", "1,3"), or one label typed with or without diacritics; None when it names none
    (the text is then an answer of its own, such as a name or a note)."""
    key = plain_key(typed)
    if not key:
        return None
    by_number = {str(choice.number): choice for choice in offered}
    words = key.split()
    if all(word in by_number for word in words):
        return [by_number[word].action for word in words]
    for choice in offered:
        if plain_key(choice.label) == key:
            return [choice.action]
    if key in BACK_WORDS:
        backs = [c for c in offered if plain_key(c.label) in BACK_WORDS]
        if backs:
            return [backs[0].action]
    return None
