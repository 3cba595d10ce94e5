"""python-telegram-bot's HTTP client, pointed at the configured Bot API server."""

from __future__ import annotations

import logging

import httpx
from telegram import Bot, User
from telegram.error import InvalidToken
from telegram.request import HTTPXRequest

# Their DEBUG/INFO lines carry request URLs, and so the token (telegram.Bot also logs texts).
NOISY = ("httpx", "httpcore", "telegram")
CONNECTIONS = 64
CONNECT_SECONDS = 10.0
READ_SECONDS = 30.0
WRITE_SECONDS = 30.0
UPLOAD_SECONDS = 60.0
POOL_SECONDS = 10.0
# PTB adds getUpdates' own long-polling timeout to this read timeout.
POLL_GRACE_SECONDS = 10.0
REFUSED = "the Bot API refused the token"


def quiet_http_logs() -> None:
    """Keep the HTTP libraries' request lines (URLs with the token) out of the logs."""
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)


def make_bot(token: str, api_url: str, request_timeout: float = READ_SECONDS) -> Bot:
    """A Bot that talks to `api_url` (Telegram, a self-hosted server, or the emulator); a call
    that gets no answer within `request_timeout` seconds fails (and is retried)."""
    quiet_http_logs()
    base = api_url.rstrip("/")
    return Bot(
        token=token,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(
            connection_pool_size=CONNECTIONS,
            connect_timeout=CONNECT_SECONDS,
            read_timeout=request_timeout,
            write_timeout=min(WRITE_SECONDS, request_timeout),
            media_write_timeout=max(UPLOAD_SECONDS, request_timeout),
            pool_timeout=POOL_SECONDS,
            # PTB sizes only max_connections; keep as many alive, or bursts reconnect (TLS).
            httpx_kwargs={
                "limits": httpx.Limits(
                    max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS
                )
            },
        ),
        get_updates_request=HTTPXRequest(
            connection_pool_size=1,
            connect_timeout=CONNECT_SECONDS,
            read_timeout=POLL_GRACE_SECONDS,
            write_timeout=WRITE_SECONDS,
            pool_timeout=POOL_SECONDS,
        ),
    )


async def open_bot(bot: Bot) -> User:
    """Initialise the client (PTB calls getMe); a refused token is reported without quoting it."""
    try:
        await bot.initialize()
    except Exception as error:
        await bot.shutdown()
        if isinstance(error, InvalidToken):
            raise InvalidToken(REFUSED) from None
        raise
    return bot.bot
