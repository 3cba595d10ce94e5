"""Names of people and units as phones send them: one spelling to keep, one key to match.

Phones send Vietnamese in NFC or NFD, old- or new-style tone placement ("Hoà", "Hòa"), any
case, stray spaces; SQLite's lower() folds ASCII only. A name is kept as typed, in NFC with
single spaces (`tidy`); it is matched by `name_key`, computed here and stored beside it, so
SQLite and PostgreSQL compare (and index) the same plain string."""

from __future__ import annotations

import unicodedata

# The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters. Which vowel of a
# syllable carries one is a matter of spelling style, so the key moves it to the word's end.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Keyboards and old encodings give the Icelandic eth "Ð" for the Vietnamese "Đ".
LOOKALIKES = str.maketrans({"ð": "đ"})


def tidy(name: str) -> str:
    """The name as typed, in NFC, without leading, trailing or repeated spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What every spelling of one name shares: case, Unicode normalisation, spacing and the
    tone mark's place ("Phường Yên Hoà" / "phường  yên hòa") do not count."""
    words = unicodedata.normalize("NFD", tidy(name).casefold().translate(LOOKALIKES)).split(" ")
    keyed = []
    for word in words:
        tones = "".join(ch for ch in word if ch in TONE_MARKS)
        bare = "".join(ch for ch in word if ch not in TONE_MARKS)
        keyed.append(unicodedata.normalize("NFC", bare + tones))
    return " ".join(keyed)
