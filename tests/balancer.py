"""A reverse proxy in front of several webhook processes, as nginx would be: each POST goes to
the next process in turn (so one member's taps are spread across all), and to the one after
when a process does not answer (nginx's proxy_next_upstream); 502 when none does."""

from __future__ import annotations

import socket
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web

FORWARDED = ("Content-Type", "X-Telegram-Bot-Api-Secret-Token")


class Balancer:
    """Round-robin over `upstreams` (URLs), on 127.0.0.1."""

    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self.sent: dict[str, int] = dict.fromkeys(upstreams, 0)
        self._next = 0
        self.first: int | None = None  # try this upstream first, every time
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    async def __aenter__(self) -> Self:
        self._client = aiohttp.ClientSession()
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_post("/telegram", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self.port = int(sock.getsockname()[1])
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._client is not None
        body = await request.read()
        headers = {name: request.headers[name] for name in FORWARDED if name in request.headers}
        start = self.first if self.first is not None else self._next
        self._next += 1
        for turn in range(len(self.upstreams)):
            upstream = self.upstreams[(start + turn) % len(self.upstreams)]
            try:
                async with self._client.post(upstream, data=body, headers=headers) as answer:
                    self.sent[upstream] += 1
                    return web.Response(status=answer.status, body=await answer.read())
            except aiohttp.ClientError:
                continue  # that process is gone: the next one
        return web.Response(status=502)
