"""How wide a line of Times New Roman is on paper, to size table columns and the date line.

Advance widths (thousandths of an em) of printable ASCII in Times New Roman (the metric-
compatible Liberation Serif gives the same); a Vietnamese letter is as wide as its base letter
(the marks sit above or below it), ư and ơ a little wider."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Face = Literal["regular", "bold", "italic"]

_ASCII = "".join(chr(code) for code in range(32, 127))
_WIDTHS = {
    "regular": (
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ),
    "bold": (
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ),
    "italic": (
        250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500,
        920, 611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722,
        611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556, 389, 278, 389, 422, 500,
        333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500,
        500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
    ),
}  # fmt: skip
_TABLES = {face: dict(zip(_ASCII, widths, strict=True)) for face, widths in _WIDTHS.items()}
_OTHER = {"đ": "d", "Đ": "D", "\u00a0": " ", "–": "n", "—": "m", "…": "m", "·": ".", "≥": "+"}
HORN_EXTRA = 60  # ư, ơ: the horn sticks out to the right
MM_PER_POINT = 25.4 / 72
# Where a line may break: ordinary spaces and line ends, never a no-break space (U+00A0).
BREAKABLE = re.compile("[ \t\n]+")


def _char_width(char: str, table: dict[str, int]) -> int:
    """Thousandths of an em for one character; an unknown one counts as an "m"."""
    if char in table:
        return table[char]
    if char in _OTHER:
        return table[_OTHER[char]]
    parts = unicodedata.normalize("NFD", char)
    horn = HORN_EXTRA if "\u031b" in parts else 0
    return table.get(parts[:1], table["m"]) + horn


def text_mm(text: str, size_pt: float, face: Face = "regular") -> float:
    """The width of `text` on one line, in millimetres."""
    table = _TABLES[face]
    thousandths = sum(_char_width(char, table) for char in unicodedata.normalize("NFC", text))
    return thousandths / 1000 * size_pt * MM_PER_POINT


def longest_word_mm(text: str, size_pt: float, face: Face = "regular") -> float:
    """The widest piece of `text` a line cannot be broken inside (words and their NBSPs)."""
    words = BREAKABLE.split(text)
    return max((text_mm(word, size_pt, face) for word in words), default=0.0)
