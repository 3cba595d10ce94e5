"""Webhook delivery as Telegram does it: each pending update POSTed to the set URL as JSON with
the secret header, up to `max_connections` requests at once, retried with backoff until the bot
answers 2xx, and kept meanwhile (a bot that is down loses nothing).

Order: Telegram promises none across connections. By default the emulator sends one chat's
updates one at a time, in update order (the next only after the bot acknowledged the one
before; chats side by side), which is what a bot sees from Telegram in practice;
`per_chat_order=False` sends any pending update as soon as a connection is free, so a bot can be
tested against updates of one chat arriving out of order.

The emulator posts only to this machine (127.0.0.1, localhost, ::1), over plain http or https
without checking the certificate; updates for any other host stay pending, with
`last_error_message` saying why."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

from emulator.updates import QueuedUpdate, UpdateQueue
from emulator.wakeup import Signal

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Telegram waits a while for the bot's answer; a bot that hangs longer gets the update again.
REQUEST_SECONDS = 30.0
# Waits after the 1st, 2nd, … failed delivery of one update (then the last, again and again).
BACKOFF = (0.05, 0.1, 0.2, 0.5, 1.0)


@dataclass
class WebhookConfig:
    """What setWebhook set, and how delivery went (getWebhookInfo)."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    has_custom_certificate: bool = False
    last_error_date: int | None = None
    last_error_message: str | None = None

    @property
    def local(self) -> bool:
        """Whether the emulator may post there (this machine only)."""
        return urlsplit(self.url).hostname in LOCAL_HOSTS


@dataclass
class Attempts:
    """One update's failed deliveries so far, and when it may be tried again."""

    failures: int = 0
    not_before: float = 0.0


@dataclass
class DeliveryLog:
    """What the tests read: every request made, and the most at once."""

    requests: int = 0
    failures: int = 0
    most_at_once: int = 0
    statuses: list[int] = field(default_factory=list)


class WebhookPusher:
    """Posts pending updates to the webhook while one is set."""

    def __init__(
        self,
        queue: UpdateQueue,
        wakeup: Signal,
        *,
        per_chat_order: bool = True,
        backoff: tuple[float, ...] = BACKOFF,
        request_seconds: float = REQUEST_SECONDS,
    ) -> None:
        self.queue = queue
        self.wakeup = wakeup
        self.per_chat_order = per_chat_order
        self.backoff = backoff
        self.request_seconds = request_seconds
        self.config: WebhookConfig | None = None
        # A stand-in for a load balancer (the benchmarks' several processes): when set, each
        # request goes to the next of these URLs in turn instead of the webhook's own URL.
        self.upstreams: list[str] = []
        self._turn = 0
        self.log = DeliveryLog()
        self._attempts: dict[int, Attempts] = {}
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def configure(self, config: WebhookConfig | None) -> None:
        """Set (or, with None, remove) the webhook; requests in progress to the old one end."""
        await self._halt()
        self.config = config
        if config is not None and config.local:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=config.max_connections, ssl=False),
                timeout=aiohttp.ClientTimeout(total=self.request_seconds),
            )
            self._task = asyncio.create_task(self._run(config), name="webhook-pusher")
        elif config is not None:
            config.last_error_date = int(time.time())
            config.last_error_message = "the emulator delivers only to 127.0.0.1"

    async def close(self) -> None:
        """Stop delivering (the emulator stops)."""
        await self._halt()

    async def _halt(self) -> None:
        tasks = [*self._in_flight.values(), *([self._task] if self._task else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._in_flight.clear()
        self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self, config: WebhookConfig) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            next_try = self._start_due(config, now)
            await self.wakeup.wait(60.0 if next_try is None else max(next_try - now, 0.001))

    def _start_due(self, config: WebhookConfig, now: float) -> float | None:
        """Start a request for each update that may go now; the earliest retry time of those
        waiting out a backoff."""
        next_try: float | None = None
        waiting_chats: set[int] = set()  # chats with an earlier update not acknowledged
        for update in self.queue.pending():
            if len(self._in_flight) >= config.max_connections:
                break
            chat = update.chat_id
            if self.per_chat_order and chat is not None:
                if chat in waiting_chats:
                    continue
                waiting_chats.add(chat)
            if update.update_id in self._in_flight:
                continue
            attempts = self._attempts.get(update.update_id)
            if attempts is not None and attempts.not_before > now:
                next_try = min(next_try or attempts.not_before, attempts.not_before)
                continue
            self._in_flight[update.update_id] = asyncio.create_task(
                self._post(config, update), name=f"webhook-{update.update_id}"
            )
            self.log.most_at_once = max(self.log.most_at_once, len(self._in_flight))
        return next_try

    async def _post(self, config: WebhookConfig, update: QueuedUpdate) -> None:
        assert self._session is not None
        headers = {SECRET_HEADER: config.secret_token} if config.secret_token else {}
        url = config.url
        if self.upstreams:
            url = self.upstreams[self._turn % len(self.upstreams)]
            self._turn += 1
        self.queue.sending(update)
        self.log.requests += 1
        try:
            async with self._session.post(url, json=update.payload, headers=headers) as r:
                await r.read()
                status = r.status
                problem = f"Wrong response from the webhook: {r.status} {r.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            status, problem = 0, _connection_problem(error)
        finally:
            self._in_flight.pop(update.update_id, None)
        self.log.statuses.append(status)
        if 200 <= status < 300:
            self._attempts.pop(update.update_id, None)
            self.queue.acknowledge(update)
            return
        self.log.failures += 1
        config.last_error_date = int(time.time())
        config.last_error_message = problem
        attempts = self._attempts.setdefault(update.update_id, Attempts())
        wait = self.backoff[min(attempts.failures, len(self.backoff) - 1)]
        attempts.failures += 1
        attempts.not_before = asyncio.get_running_loop().time() + wait
        self.wakeup.notify()

    def in_flight(self) -> int:
        """Requests under way now."""
        return len(self._in_flight)


def _connection_problem(error: BaseException) -> str:
    """Telegram's wording for a webhook it could not reach."""
    if isinstance(error, TimeoutError | aiohttp.ServerTimeoutError):
        return "Read timeout expired"
    if isinstance(error, aiohttp.ClientConnectorError):
        return "Connection refused"
    return "Connection closed"
