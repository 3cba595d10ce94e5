"""Logging that never shows a secret: known secrets are masked in every formatted line."""

from __future__ import annotations

import logging
import sys

MASK = "***"
NOISY = (
    "aiohttp.access",
    "aiohttp.client",
    "aiogram.event",
    "aiogram.dispatcher",
    "asyncio",
    "httpx",
    "httpcore",
    "telegram",
)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks each secret (a bot token may hide in a URL in a traceback)."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self.secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text


def configure_logging(level: str, secrets: list[str]) -> None:
    """One stderr handler for the process, with secrets masked and chatty libraries quiet."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
