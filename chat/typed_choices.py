"""Buttons for a messenger that has none (Zalo): a numbered list under the message, and the
answer read back from what the person types ("2", "hom nay", "Hôm nay", "1 3 4", "0").

This module is the seam between a text-only channel and the conversation: the channel renders
a reply's buttons with `numbered`, the runtime keeps the buttons of the list the chat sees
(`storage/offered_choices.py`), numbers them again with `offered_choices` and turns a typed
answer into the press of the button it names with `read_typed` (`bot/typed_answers.py`;
`read_choice` gives just the actions). The conversation itself never learns that no button
was pressed.

How a list is numbered (`offered_choices`):
- the buttons 1, 2, … in reading order (row by row), the back button ("◀ Quay lại") 0, listed
  last, as a phone menu does;
- a number question's list ("0", "1", "2", "5", "Bỏ qua", "Huỷ"), where a typed number is the
  answer itself, numbers nothing: the values are typed as they are, the other buttons by word;
- a list of one button besides back ("Huỷ" under a question to type an answer to, "Xoá" under
  a target to type, "📍 Đã có mặt") is numbered too ("1" is that button), but another number
  is the typed answer, not a number out of range.

How an answer is read (`read_typed`), in this order:
1. numbers ("2", "1 3 4", "1,3", "1 và 3", full-width "２"): each names the button of that
   number; several are allowed where all but the last tick a box (✅/⬜: participants, teams),
   duplicates counted once; a number no button has is `OutOfRange` (the runtime answers with
   the valid numbers, nothing else changes); several on a list of single choices are `OneOnly`;
2. the label itself, typed with or without diacritics, any case, without its emoji
   ("hom nay", "HÔM NAY", "gui bao cao" for "✅ Gửi báo cáo"), exact before anything else, so
   "Tổ 1" is not "Tổ 12";
3. "quay lại", "trở lại", "quay về", "trở về", "back" for the back button;
4. the first words of exactly one label ("gui" for "✅ Gửi báo cáo");
anything else is not a choice (`None`): a name, a note, a place, a day typed as 15/11."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from chat.replies import Button
from chat.texts import Texts

# Typed words (as `plain_key` gives them) that mean the list's back button.
BACK_WORDS = frozenset({"0", "quay lai", "tro lai", "quay ve", "tro ve", "back", "go back"})
BACK = 0  # the number the back button is given
# A label starting with one of these is a box to tick: several may be typed at once.
TICK_MARKS = ("✅", "⬜", "☑", "☐", "✔")
UNTICKED = ("⬜", "☐")
# Words people put between numbers: "1 và 3", "1 with 3".
_JOINERS = re.compile(r"(?<!\w)(?:và|va|với|voi|and)(?!\w)|[,;+&]")
# What separates numbers in a list of them; a day (15/11) or a time (19:30) is not one.
_NUMBERS = re.compile(r"\d+(?:\s+\d+)*")


@dataclass(frozen=True)
class Offered:
    """One button of a message, as the person can type it: its number (None on a number
    question's list, where numbers are values and the button is typed by its label)."""

    number: int | None
    label: str
    action: str


@dataclass(frozen=True)
class Presses:
    """The typed answer names these buttons, pressed in this order."""

    choices: tuple[Offered, ...]


@dataclass(frozen=True)
class OutOfRange:
    """Numbers no button has ("7" when there are 4): `wrong` as typed, `valid` the numbers the
    list has (0, the back button, last)."""

    wrong: tuple[int, ...]
    valid: tuple[int, ...]


@dataclass(frozen=True)
class OneOnly:
    """Several numbers where one was to be chosen ("1 3" for a day)."""

    valid: tuple[int, ...]


Reading = Presses | OutOfRange | OneOnly | None


def plain_key(typed: str) -> str:
    """What a typed answer and a label share: no diacritics (đ as d), no case, no emoji or
    punctuation, single spaces, full-width characters as plain ones ("◀ Quay lại" and
    "quay lai" give "quay lai")."""
    folded = unicodedata.normalize("NFKD", typed.casefold().replace("đ", "d").replace("ð", "d"))
    bare = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    words = re.sub(r"[^0-9a-z]+", " ", bare)
    return " ".join(words.split())


def is_back(label: str) -> bool:
    """The button that goes back a step ("◀ Quay lại", "◀ Danh sách")."""
    return label.lstrip().startswith("◀") or plain_key(label) in BACK_WORDS


def is_tick(label: str) -> bool:
    """A box to tick (several may be ticked at once)."""
    return label.lstrip().startswith(TICK_MARKS)


def is_value(label: str) -> bool:
    """A number question's quick answer ("0", "5", "100")."""
    return unicodedata.normalize("NFKC", label).strip().isdecimal()


def _value(label: str) -> int:
    return int(unicodedata.normalize("NFKC", label).strip())


def offered_choices(buttons: Sequence[Sequence[Button]]) -> tuple[Offered, ...]:
    """The buttons of a message in reading order, as the person may type them (see `numbered`):
    numbered 1, 2, … and the first back button 0; on a number question's list (a label is a
    number) nothing numbered, not even back, as 0 may be the answer."""
    flat = [button for row in buttons for button in row]
    if any(is_value(button.label) for button in flat):
        return tuple(Offered(None, button.label, button.action) for button in flat)
    back = next((index for index, button in enumerate(flat) if is_back(button.label)), None)
    offered: list[Offered] = []
    number = 0
    for index, button in enumerate(flat):
        if index == back:
            offered.append(Offered(BACK, button.label, button.action))
        else:
            number += 1
            offered.append(Offered(number, button.label, button.action))
    return tuple(offered)


def in_order(offered: Sequence[Offered]) -> list[Offered]:
    """As the list shows them: 1, 2, …, then 0 (back); a number question's values first, the
    back button last; unnumbered ones in reading order."""
    return sorted(
        offered,
        key=lambda c: (not is_value(c.label), is_back(c.label), c.number or 0),
    )


def values_list(offered: Sequence[Offered]) -> bool:
    """A number question's list: its numbers are typed as values, not positions."""
    return any(is_value(choice.label) for choice in offered)


def ticks_list(offered: Sequence[Offered]) -> bool:
    """A list of boxes to tick (several numbers may be typed at once): one box unticked (⬜),
    or two ticked; one "✅ Gửi báo cáo" alone is a button like any other."""
    marks = [choice.label.lstrip()[:1] for choice in offered if is_tick(choice.label)]
    return len(marks) >= 2 or any(mark in UNTICKED for mark in marks)


def numbered(text: str, buttons: Sequence[Sequence[Button]], texts: Texts | None = None) -> str:
    """The message's HTML text followed by its buttons as a list, one per line (the labels
    escaped, as the text is HTML):

        1. Hôm nay          0 · 1 · 2 · 3
        2. Hôm qua          • Bỏ qua
        3. Huỷ              • ◀ Quay lại
        0. ◀ Quay lại       (a number question)

    With `texts`, a last line says how to answer: the number or the words, several numbers
    for ticks, a number typed for a number question."""
    choices = offered_choices(buttons)
    if not choices:
        return text
    shown = in_order(choices)
    lines: list[str] = []
    values = [html.escape(c.label.strip(), quote=False) for c in shown if is_value(c.label)]
    if values:
        lines.append(" · ".join(values))
    for choice in shown:
        label = html.escape(choice.label, quote=False)
        if choice.number is not None:
            lines.append(f"{choice.number}. {label}")
        elif not is_value(choice.label):
            lines.append(f"• {label}")
    if values:
        hint = "typed-values-hint"
    elif ticks_list(choices):
        hint = "typed-ticks-hint"
    else:
        hint = "typed-choice-hint"
    if texts is not None:
        lines.append(f"<i>{texts(hint)}</i>")
    return text + "\n\n" + "\n".join(lines)


def typed_numbers(typed: str) -> list[int] | None:
    """The numbers of an answer made of numbers only ("2", "1 3 4", "1,3", "1 và 3", "１");
    None for anything else (a day "15/11", a time "19:30", a word)."""
    text = unicodedata.normalize("NFKC", typed).casefold().strip().rstrip(".!")
    text = " ".join(_JOINERS.sub(" ", text).split())
    if not _NUMBERS.fullmatch(text):
        return None
    return [int(word) for word in text.split()]


def read_typed(typed: str, offered: Sequence[Offered]) -> Reading:
    """What a typed answer says about the list `offered` (see the module's note)."""
    if not offered:
        return None
    numbers = typed_numbers(typed)
    if numbers is not None:
        return _by_numbers(numbers, offered)
    key = plain_key(typed)
    if not key:
        return None
    for choice in offered:
        if plain_key(choice.label) == key:
            return Presses((choice,))
    if key in BACK_WORDS:
        back = next((choice for choice in offered if is_back(choice.label)), None)
        if back is not None:
            return Presses((back,))
    words = key.split()
    starting = [
        choice
        for choice in offered
        if plain_key(choice.label).split()[: len(words)] == words
        and len(plain_key(choice.label).split()) > len(words)
    ]
    if len(starting) == 1:
        return Presses((starting[0],))
    return None


def _by_numbers(numbers: list[int], offered: Sequence[Offered]) -> Reading:
    by_number = {choice.number: choice for choice in offered if choice.number is not None}
    if values_list(offered):  # a number question: a number is its answer
        if len(numbers) == 1:
            for choice in offered:
                if is_value(choice.label) and _value(choice.label) == numbers[0]:
                    return Presses((choice,))
        return None
    valid = tuple(c.number for c in in_order(offered) if c.number is not None)
    once = list(dict.fromkeys(numbers))
    wrong = tuple(number for number in once if number not in by_number)
    if wrong and sum(1 for number in valid if number >= 1) < 2:
        return None  # one button under a question to type ("Xoá" under a target): the answer
    if wrong:
        return OutOfRange(wrong, valid)
    chosen = tuple(by_number[number] for number in once)
    ticks = ticks_list(offered)
    if len(chosen) > 1 and not (ticks and all(is_tick(c.label) for c in chosen[:-1])):
        return OneOnly(valid)
    return Presses(chosen)


def read_choice(typed: str, offered: Sequence[Offered]) -> list[str] | None:
    """The actions a typed answer names, in the order typed; None when it names none (the
    text is then an answer of its own, such as a name or a note) or cannot be read as one."""
    reading = read_typed(typed, offered)
    if isinstance(reading, Presses):
        return [choice.action for choice in reading.choices]
    return None
