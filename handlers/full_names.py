"""A person's full name (họ và tên) as official papers print it: family name first.

Telegram knows a first and a last name, shown in Western order; many Vietnamese put the family
name in the last name ("Lan" + "Nguyễn Thị" shows as "Lan Nguyễn Thị"). So the name is offered
in Vietnamese order, with Telegram's own order beside it, or typed. A name is letters (an
apostrophe or a hyphen inside, as in "H'Hen Niê"), at least two words, 2–80 characters, kept in
NFC with single spaces; one typed all in lower or upper case is given capitals word by word."""

from __future__ import annotations

import unicodedata

from handlers.forms.answers import Problem
from storage.names import name_key, tidy

NAME_LENGTH = (2, 80)
JOINERS = frozenset("'’-")
# The most common Vietnamese family names: the order that starts with one is offered first.
FAMILY_NAMES = frozenset(
    name_key(name)
    for line in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Đinh",
        "Lương Trịnh Trương Mai Lâm Cao Tạ Chu Kiều Quách Lưu Phùng Thái Triệu Vương Doãn",
        "Khổng Lã Lại Mạc Nghiêm Nông Tăng Tống Hứa Châu Giang Đàm Diệp Kim Lục Tôn Từ Vi Ninh",
    )
    for name in line.split(" ")
)


def read_full_name(text: str) -> str | Problem:
    """A typed full name, tidied, or why it cannot be one."""
    name = tidy(text)
    if not NAME_LENGTH[0] <= len(name) <= NAME_LENGTH[1]:
        return Problem("full-name-length", {"min": NAME_LENGTH[0], "max": NAME_LENGTH[1]})
    if not all(_allowed(ch) for ch in name) or not all(_has_letters(w) for w in name.split(" ")):
        return Problem("full-name-letters")
    if len(name.split(" ")) < 2:
        return Problem("full-name-two-words")
    if name in (name.lower(), name.upper()):
        name = name.title()  # "nguyễn thị lan", "NGUYỄN THỊ LAN" → "Nguyễn Thị Lan"
    return name


def offered_names(first_name: str, last_name: str) -> list[str]:
    """The full names Telegram's first and last name may stand for, the likelier first: family
    name first (last name, then first name), and the order Telegram shows when different.
    Only names that read as one (letters, two words or more)."""
    vietnamese, shown = tidy(f"{last_name} {first_name}"), tidy(f"{first_name} {last_name}")
    candidates = [vietnamese, shown]
    if _starts_with_family_name(shown) and not _starts_with_family_name(vietnamese):
        candidates.reverse()
    offers: list[str] = []
    for candidate in candidates:
        read = read_full_name(candidate)
        if isinstance(read, str) and read not in offers:
            offers.append(read)
    return offers


def _allowed(ch: str) -> bool:
    return ch.isalpha() or ch == " " or ch in JOINERS or _is_mark(ch)


def _has_letters(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _starts_with_family_name(name: str) -> bool:
    return name_key(name.split(" ", 1)[0]) in FAMILY_NAMES
