"""Invite codes a person can read aloud and type on a phone: 12 characters of Crockford's
base32 (digits and capital letters without I, L, O, U), shown in groups of four, ABCD-EFGH-JKMN.

12 characters × 5 bits = 60 bits of randomness; with five wrong codes in 15 minutes before the
slow-down (handlers/joining.py), guessing one live invite is hopeless. A code is read back
whatever was typed around it: spaces, dashes or dots between the groups, lower case, and the
look-alikes O (for 0), I and L (for 1). Codes made before this format (`token_urlsafe`, case
matters) are still found: `storage.invites.find_invite` tries both readings."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_BETWEEN_GROUPS = re.compile(r"[\s\-.·_]+")


def new_code() -> str:
    """A fresh code in its stored form (no dashes): 60 random bits."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """A code as people read it: ABCD-EFGH-JKMN."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def read_code(typed: str) -> str | None:
    """The stored form of a typed code ("abcd efgh-jkmn" → "ABCDEFGHJKMN"), or None when the
    text cannot be one."""
    compact = _BETWEEN_GROUPS.sub("", typed.strip()).upper().translate(_LOOK_ALIKES)
    if len(compact) != LENGTH or any(char not in ALPHABET for char in compact):
        return None
    return compact
