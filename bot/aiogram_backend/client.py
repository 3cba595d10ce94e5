"""aiogram's HTTP client, pointed at the configured Bot API server."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer


def make_bot(token: str, api_url: str) -> Bot:
    """A Bot that talks to `api_url` (Telegram, a self-hosted server, or the emulator)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    return Bot(token=token, session=session)
