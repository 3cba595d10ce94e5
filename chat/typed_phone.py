"""A phone number typed where a messenger without contact sharing (Zalo) asks for one."""

from __future__ import annotations

import re
import unicodedata

# Only digits, a leading +, and what people put between groups: "0912 345 678",
# "0912.345.678", "(+84) 912-345-678".
_PHONE_CHARACTERS = re.compile(r"\(?\+?[\d\s.\-()]+")
# Vietnamese numbers after the leading 0: 9 digits for mobiles, 10 for landlines.
NATIONAL_DIGITS = (9, 10)


def read_phone(typed: str) -> str | None:
    """The number as the roster keeps it ("0912345678") when the whole answer is one Vietnamese
    phone number ("0912 345 678", "+84 912345678", "84912345678"); None for anything else (a
    name, a code, a sentence that mentions a number)."""
    text = unicodedata.normalize("NFKC", typed).strip()
    if not _PHONE_CHARACTERS.fullmatch(text):
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    international = text.lstrip("(").startswith("+")
    if international or (digits.startswith("84") and len(digits) - 2 in NATIONAL_DIGITS):
        if not digits.startswith("84"):
            return None
        national = digits[2:].removeprefix("0")
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    if national.startswith("0") or len(national) not in NATIONAL_DIGITS:
        return None
    return "0" + national
