"""The running bot: migrations, commands menu, recovery, then long polling until stopped."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from contextlib import suppress

from sqlalchemy.ext.asyncio import AsyncSession

from bot.backends import make_backend
from bot.health import HealthServer, health_routes
from bot.metrics import BotMetrics
from bot.pacing import Limits
from bot.pipeline import Pipeline, RetryPolicy
from bot.sender import NoticeSender
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
from storage.models import OutboxMessage
from summaries.packages import configured_campaign

log = logging.getLogger(__name__)
DRAIN_SECONDS = 10.0


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
        self._task = asyncio.create_task(self.polling.run(), name="polling")
        self.sender.start()
        if self.scheduler is not None:
            await self.scheduler.start()
        log.info("bot @%s is polling (%s)", self.username, self.settings.telegram_backend)

    async def _reach_telegram(self) -> None:
        """Ask Telegram who the bot is and set it up for polling; while Telegram does not
        answer, say so once and keep trying, with backoff. A refused token still stops."""
        failures = 0
        while True:
            try:
                self.username = await self.backend.open()
                await self.backend.delete_webhook()
                await self._publish_commands()
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
        self.pipeline.bot_username = self.username  # invite links made in the bot name it

    async def _publish_commands(self) -> None:
        for language in LANGUAGES:
            texts = texts_for(language)
            commands = [(name, texts.label(key)) for name, key in COMMANDS]
            code = None if language == self.settings.language else language
            await self.backend.publish_commands(commands, code)

    async def wait(self) -> None:
        """Run until the polling task ends (it only ends on a fatal error or cancellation)."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Stop polling, let chats in progress finish (bounded), close connections."""
        await self._cancel_polling()
        if self.scheduler is not None:
            await self.scheduler.stop()
        await self.sender.stop()
        with suppress(TimeoutError):
            await asyncio.wait_for(self.pipeline.lanes.idle(), DRAIN_SECONDS)
        await self.pipeline.lanes.abort()
        await self.pipeline.flush()
        await self._close()

    async def kill(self) -> None:
        """Stop at once, mid-work, as a crash would (for restart tests)."""
        await self._cancel_polling()
        if self.scheduler is not None:
            await self.scheduler.stop()
        await self.sender.kill()
        await self.pipeline.lanes.abort()
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


def limits_of(settings: Settings) -> Limits:
    """Telegram's sending limits as configured."""
    return Limits(
        per_second=settings.send_per_second,
        chat_interval=settings.chat_interval_seconds,
        group_per_minute=settings.group_per_minute,
    )
