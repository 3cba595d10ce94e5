"""A download token: which file, which ward, until when, and an HMAC-SHA256 over the three
with the secret (ANTT_DOWNLOAD_SECRET). It names one file; changing any part of it (another
file's id, another ward) breaks the signature, and a signature cannot be guessed (256 bits).

    <file id>.<ward id>.<expiry, Unix seconds>.<signature, base64url without padding>"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

# Names what is signed, so a signature made for anything else with the same secret never fits.
PURPOSE = b"antt-bot download v1"
TOKEN = re.compile(
    r"([1-9][0-9]{0,11})\.([1-9][0-9]{0,11})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})"
)


@dataclass(frozen=True)
class FileTicket:
    """What a token says: the file, the ward it belongs to, and when it stops opening."""

    file_id: int
    unit_id: int
    expires: int  # Unix seconds


class TokenSigner:
    """Signs tickets into tokens and reads back only tokens it signed."""

    def __init__(self, secret: str) -> None:
        self._key = secret.encode("utf-8")

    def token(self, ticket: FileTicket) -> str:
        """The ticket as a URL-safe token."""
        body = f"{ticket.file_id}.{ticket.unit_id}.{ticket.expires}"
        return f"{body}.{self._signature(body)}"

    def read(self, token: str) -> FileTicket | None:
        """The ticket a token carries, or None when it is malformed or not signed by us
        (compared in constant time)."""
        found = TOKEN.fullmatch(token)
        if found is None:
            return None
        file_id, unit_id, expires, given = found.groups()
        body = f"{file_id}.{unit_id}.{expires}"
        if not hmac.compare_digest(given.encode("ascii"), self._signature(body).encode("ascii")):
            return None
        return FileTicket(int(file_id), int(unit_id), int(expires))

    def _signature(self, body: str) -> str:
        mac = hmac.new(self._key, PURPOSE + b"\n" + body.encode("ascii"), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")
