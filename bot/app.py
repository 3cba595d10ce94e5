"""The running bot: migrations, commands menu, recovery, then long polling (or the webhook)
until stopped."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress

from sqlalchemy.ext.asyncio import AsyncSession

from bot.backends import make_backend
from bot.health import HealthServer, health_routes
from bot.metrics import BotMetrics
from bot.pacing import Limits
from bot.pipeline import Pipeline, RetryPolicy
from bot.sender import NoticeSender
from bot.stranded import StrandedUpdates
from bot.webhook import WebhookOptions, WebhookServer
from chat.clock import Clock, SystemClock
from chat.texts import LANGUAGES, texts_for
from config.settings import Settings
from handlers.commands import COMMANDS
from handlers.conversation import handle
from handlers.forms.spec import load_forms
from handlers.lost_groups import chat_refused
from scheduler.service import SchedulerService
from scheduler.setup import build_scheduler
from storage.database import Database
from storage.inbox import ChatLock
from storage.models import OutboxMessage
from summaries.packages import configured_campaign

log = logging.getLogger(__name__)
DRAIN_SECONDS = 10.0
# How a webhook process holds a chat on PostgreSQL (measured: ARCHITECTURE.md, "Several processes").
CHAT_LOCK: ChatLock = "rows"


class BotApp:
    """One bot process: started, polled, stopped gracefully or killed."""

    def __init__(
        self, settings: Settings, clock: Clock | None = None, retry: RetryPolicy | None = None
    ) -> None:
        self.settings = settings
        self.campaign = configured_campaign(settings)  # read and checked here, once
        self.retry = retry or RetryPolicy()
        self.db = Database(settings.database_url)
        self.backend = make_backend(
            settings.telegram_backend,
            settings.require_token(),
            settings.telegram_api_url,
            settings.telegram_timeout_seconds,
        )
        self.clock = clock or SystemClock(settings.zone)
        self.texts = texts_for(settings.language)
        self.forms = load_forms()
        self.pipeline = Pipeline(
            self.db,
            self.backend.channel,
            handle,
            self.texts,
            self.forms,
            self.clock,
            self.campaign,
            edit_window=dt.timedelta(hours=settings.edit_window_hours),
            zone=settings.zone,
            quiet_hours=settings.quiet_hours,
            retry=self.retry,
        )
        self.polling = self.backend.polling(self.db, self.pipeline, settings.poll_timeout_seconds)
        # --- webhook intake (issue 16): Telegram posts to us instead of being polled ---
        self.webhook: WebhookServer | None = None
        self.stranded: StrandedUpdates | None = None
        if settings.intake == "webhook":
            self.webhook = self.backend.webhook(self.db, self.pipeline, webhook_options(settings))
            # Any process may receive any update: each chat is taken in update order by one
            # process at a time, and what a dead process left is taken by the others.
            self.pipeline.chat_lock = CHAT_LOCK
            self.stranded = StrandedUpdates(self.db, self.pipeline, self.backend.channel.name)
        # --- end of webhook intake ---
        self.sender = NoticeSender(
            self.db,
            self.backend.channel,
            limits_of(settings),
            lambda: self.clock.now(),
            chat_refused=self._chat_refused,
        )
        self.pipeline.notices_queued = self.sender.wake
        self.scheduler: SchedulerService | None = None
        if settings.scheduler == "in-bot":
            self.scheduler = build_scheduler(
                settings,
                self.campaign,
                self.db,
                self.clock,
                self.backend.channel.name,
                self.sender.wake,
            )
        # -- operations (issue 16): metrics, and /healthz /readyz /metrics with long polling --
        scheduler = self.scheduler
        self.metrics = BotMetrics(
            self.db,
            self.backend.channel.name,
            self.pipeline.stats,
            self.sender.stats,
            [self.polling.stats],
            leading=None if scheduler is None else lambda: scheduler.leading,
        )
        self.health: HealthServer | None = None
        if settings.health_port is not None:
            routes = health_routes(self.db, self.metrics)
            self.health = HealthServer(routes, settings.health_host, settings.health_port)
        # -- end of operations --
        if self.webhook is not None:  # webhook intake: its counts, and the health routes too
            self.metrics.add_intake(self.webhook.stats)
            self.webhook.routes = health_routes(self.db, self.metrics)
        self.username = ""
        self._task: asyncio.Task[None] | None = None

    async def _chat_refused(
        self, session: AsyncSession, undelivered: Sequence[OutboxMessage]
    ) -> str:
        return await chat_refused(session, self.backend.channel.name, self.texts, undelivered)

    async def start(self) -> None:
        """Prepare everything, finish what a previous run left, then poll in the background."""
        path = self.settings.sqlite_path()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        await self.db.migrate()
        try:
            await self._reach_telegram()
        except BaseException:
            await self._close()  # no "Unclosed client session" on the way out
            raise
        await self.pipeline.recover()
        if self.health is not None:
            await self.health.start()
        if self.webhook is not None:
            await self._open_webhook(self.webhook)
            if self.stranded is not None:
                self.stranded.start()
        else:
            self._task = asyncio.create_task(self.polling.run(), name="polling")
        self.sender.start()
        if self.scheduler is not None:
            await self.scheduler.start()
        log.info(
            "bot @%s is %s (%s)",
            self.username,
            "polling" if self.webhook is None else f"taking updates at {self.webhook.options.url}",
            self.settings.telegram_backend,
        )

    async def _open_webhook(self, webhook: WebhookServer) -> None:
        """Listen, then tell Telegram where to post; the task only waits to be cancelled."""
        try:
            await webhook.start()
            await self._keep_trying(lambda: self.backend.set_webhook(webhook.options))
        except BaseException:
            await webhook.kill()
            await self._close()
            raise
        self._task = asyncio.create_task(_until_cancelled(), name="webhook")

    async def _reach_telegram(self) -> None:
        """Ask Telegram who the bot is and set it up for polling; while Telegram does not
        answer, say so once and keep trying, with backoff. A refused token still stops."""

        async def introduce() -> None:
            self.username = await self.backend.open()
            if self.webhook is None:
                await self.backend.delete_webhook()
            await self._publish_commands()

        await self._keep_trying(introduce)
        self.pipeline.bot_username = self.username  # invite links made in the bot name it

    async def _keep_trying(self, step: Callable[[], Awaitable[None]]) -> None:
        """Run `step` until Telegram answers it: while it does not, say so once and keep
        trying, with backoff. A refusal (a bad token) still stops."""
        failures = 0
        while True:
            try:
                await step()
                break
            except Exception as error:
                if not self.backend.unreachable(error):
                    raise
                wait = self.retry.pause(failures)
                failures += 1
                log.log(
                    logging.WARNING if failures == 1 else logging.INFO,
                    "Telegram is not answering at %s (%s); trying again in %.0f s, "
                    "the bot starts when it answers",
                    self.settings.telegram_api_url,
                    type(error).__name__,
                    wait,
                )
                await asyncio.sleep(wait)
        if failures:
            log.info("Telegram answers at %s again", self.settings.telegram_api_url)

    async def _publish_commands(self) -> None:
        for language in LANGUAGES:
            texts = texts_for(language)
            commands = [(name, texts.label(key)) for name, key in COMMANDS]
            code = None if language == self.settings.language else language
            await self.backend.publish_commands(commands, code)

    async def wait(self) -> None:
        """Run until the polling task ends (it only ends on a fatal error or cancellation);
        a webhook runs until stopped."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Stop polling (or take no more posts: the webhook stays set, so Telegram keeps the
        updates until a process takes them), let chats in progress finish (bounded), close
        connections."""
        await self._cancel_polling()
        if self.stranded is not None:
            await self.stranded.stop()
        if self.webhook is not None:
            await self.webhook.stop()
        if self.scheduler is not None:
            await self.scheduler.stop()
        await self.sender.stop()
        with suppress(TimeoutError):
            await asyncio.wait_for(self.pipeline.lanes.idle(), DRAIN_SECONDS)
        await self.pipeline.lanes.abort()
        await self.pipeline.flush()
        with suppress(Exception):  # the database: the leases lapse instead
            await self.pipeline.release_replies()
        await self._close()

    async def kill(self) -> None:
        """Stop at once, mid-work, as a crash would (for restart tests)."""
        await self._cancel_polling()
        if self.stranded is not None:
            await self.stranded.stop()
        if self.webhook is not None:
            await self.webhook.kill()
        if self.scheduler is not None:
            await self.scheduler.stop()
        await self.sender.kill()
        await self.pipeline.lanes.abort()
        await self.pipeline.let_go()  # its replies' leases lapse, as a crash's would
        await self._close()

    async def _cancel_polling(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _close(self) -> None:
        if self.health is not None:
            await self.health.stop()
        await self.backend.close()
        await self.db.dispose()


async def _until_cancelled() -> None:
    """What the webhook's task does: the server answers on its own."""
    await asyncio.Event().wait()


def webhook_options(settings: Settings) -> WebhookOptions:
    """The webhook as configured (ANTT_WEBHOOK_*); a SettingsError names what is missing."""
    url, secret = settings.require_webhook()
    return WebhookOptions(
        url=url,
        secret=secret,
        host=settings.webhook_host,
        port=settings.webhook_port,
        max_body=settings.webhook_max_body,
        max_connections=settings.webhook_max_connections,
        tls_cert=settings.webhook_tls_cert,
        tls_key=settings.webhook_tls_key,
    )


def limits_of(settings: Settings) -> Limits:
    """Telegram's sending limits as configured."""
    return Limits(
        per_second=settings.send_per_second,
        chat_interval=settings.chat_interval_seconds,
        group_per_minute=settings.group_per_minute,
    )
