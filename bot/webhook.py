"""The webhook intake (Telegram's, and Zalo's with its own header and keys): the messenger POSTs
each update to us; it is stored in the inbox before we
answer 200, so an answer Telegram never got only means it sends the update again, and the
inbox (unique on channel + update id) stores that once.

What a request gets:
- 401 when `X-Telegram-Bot-Api-Secret-Token` is not our secret (compared in constant time);
  nothing is read or stored;
- 413 when its body is larger than `max_body` (aiohttp stops reading at `client_max_size`);
- 400 when the body is not a JSON object with an integer `update_id`;
- 500 when the update could not be stored (the database): Telegram delivers it again;
- 200 once it is stored (or was already), and only then is it handed to the chat lanes.

Updates posted while a store is under way are stored together in the next transaction (group
commit): each request still waits for its own update's commit before its 200, and a failed
transaction answers 500 to every request in it. Under load this is one transaction for many
updates instead of one each; alone, an update is stored at once as before.

An update the library cannot read is stored as handled with "unreadable: <error type>" and
answered 200, as polling confirms it: it stops nothing, and Telegram need not send it again."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from bot.intake import (
    TELEGRAM_KEYS,
    Dispatcher,
    IntakeStats,
    UpdateKeys,
    UpdateReader,
    read_update,
    take_batch,
)
from storage.database import Database
from storage.inbox import Delivered

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
# How long a graceful stop lets requests in progress finish storing their update.
STOP_SECONDS = 5.0


@dataclass(frozen=True)
class WebhookOptions:
    """Where Telegram posts, how we check it is Telegram, and where we listen."""

    url: str
    secret: str
    host: str = "127.0.0.1"
    port: int = 8443
    max_body: int = 1024 * 1024
    max_connections: int = 40
    tls_cert: Path | None = None
    tls_key: Path | None = None
    # Telegram's header; Zalo's is X-Bot-Api-Secret-Token.
    secret_header: str = SECRET_HEADER

    @property
    def path(self) -> str:
        """The path the server answers on: the URL's (a reverse proxy passes it on as is)."""
        return urlsplit(self.url).path or "/"

    def certificate(self) -> bytes | None:
        """The certificate to upload with setWebhook when we serve HTTPS ourselves."""
        return self.tls_cert.read_bytes() if self.tls_cert is not None else None

    def tls(self) -> ssl.SSLContext | None:
        """The TLS context when we serve HTTPS ourselves; None behind a reverse proxy."""
        if self.tls_cert is None or self.tls_key is None:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.tls_cert, self.tls_key)
        return context


@dataclass
class WebhookStats(IntakeStats):
    """The intake's counts, and the requests refused, by reason."""

    unauthorised: int = 0
    malformed: int = 0
    too_large: int = 0
    not_stored: int = 0


class WebhookServer:
    """An aiohttp server taking Telegram's POSTs into the inbox, then the lanes."""

    def __init__(
        self,
        reader: UpdateReader,
        db: Database,
        dispatcher: Dispatcher,
        options: WebhookOptions,
        keys: UpdateKeys = TELEGRAM_KEYS,
    ) -> None:
        self.reader = reader
        self.keys = keys
        self.db = db
        self.dispatcher = dispatcher
        self.options = options
        self.stats = WebhookStats()
        self._secret = options.secret.encode()
        # Served beside the webhook on its port (/healthz, /readyz, /metrics: bot/health.py).
        self.routes: list[web.RouteDef] = []
        self._runner: web.AppRunner | None = None
        self._requests: set[asyncio.Task[object]] = set()
        # Group commit: updates waiting for the next store, each with its request's answer.
        self._waiting: list[tuple[Delivered, asyncio.Future[None]]] = []
        self._storer: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Listen; Telegram may post from now on."""
        app = web.Application(client_max_size=self.options.max_body)
        app.router.add_post(self.options.path, self._receive)
        app.add_routes(self.routes)
        # No access log: the path may be as secret as the header.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=STOP_SECONDS)
        await runner.setup()
        site = web.TCPSite(
            runner,
            self.options.host,
            self.options.port,
            ssl_context=self.options.tls(),
        )
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        """Take no more requests; those in progress finish storing (bounded)."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def kill(self) -> None:
        """Stop at once, as a crash would: requests in progress are cut off unanswered, so
        Telegram sends their updates again (a stored one is not stored twice)."""
        for task in list(self._requests):
            task.cancel()
        if self._storer is not None:
            self._storer.cancel()
        await self.stop()

    async def _receive(self, request: web.Request) -> web.Response:
        task = asyncio.current_task()
        if task is not None:
            self._requests.add(task)
        try:
            return await self._take(request)
        finally:
            if task is not None:
                self._requests.discard(task)

    async def _take(self, request: web.Request) -> web.Response:
        given = request.headers.get(self.options.secret_header, "")
        given_bytes = given.encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given_bytes, self._secret):
            self.stats.unauthorised += 1
            return web.Response(status=401)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            self.stats.too_large += 1
            log.warning("a webhook request larger than %d bytes was refused", self.options.max_body)
            return web.Response(status=413)
        try:
            raw = json.loads(body)
        except ValueError:  # not JSON, or not UTF-8
            raw = None
        update = self.keys.unwrap(raw) if isinstance(raw, dict) else None
        delivered = (
            read_update(update, self.reader, self.stats, self.keys)
            if isinstance(update, dict)
            else None
        )
        if delivered is None:
            self.stats.malformed += 1
            return web.Response(status=400)
        try:
            await self._store(delivered)
        except Exception as error:
            # Not answered 2xx: Telegram delivers it again.
            self.stats.not_stored += 1
            log.error(
                "update %d could not be stored: %s", delivered.update_id, type(error).__name__
            )
            return web.Response(status=500)
        return web.Response(status=200)

    async def _store(self, delivered: Delivered) -> None:
        """Return once `delivered` is committed (stored with whatever else was posted while the
        previous store was under way); raise what the store raised."""
        answer: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((delivered, answer))
        if self._storer is None or self._storer.done():
            self._storer = asyncio.create_task(self._store_waiting(), name="webhook-store")
        await answer

    async def _store_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await take_batch(self.db, self.dispatcher, self.keys, [d for d, _ in batch])
            except BaseException as error:
                failure = error if isinstance(error, Exception) else ConnectionError("stopped")
                for _, answer in batch:
                    if not answer.done():
                        answer.set_exception(failure)
                if not isinstance(error, Exception):
                    raise
            else:
                for _, answer in batch:
                    if not answer.done():
                        answer.set_result(None)
