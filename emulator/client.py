"""An aiogram session for talking to the local emulator."""

from __future__ import annotations

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer


class LocalSession(AiohttpSession):
    """AiohttpSession for a plain-HTTP local server.

    Identical requests; only close() skips aiogram's 250 ms wait for TLS connections to shut
    down, which a local HTTP connection does not need and which would slow every test.
    """

    def __init__(self, base_url: str) -> None:
        super().__init__(api=TelegramAPIServer.from_base(base_url))

    async def close(self) -> None:
        """Close the HTTP session at once."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
