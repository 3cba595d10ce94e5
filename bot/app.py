"""The running bot: migrations, commands menu, recovery, then long polling (or the webhook)
until stopped."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.backends import Messenger, make_messenger
from bot.channel import FileLinks
from bot.downloads import DownloadShelf, serve_downloads
from bot.health import HealthServer, health_routes
from bot.metrics import BotMetrics
from bot.pacing import Limits
from bot.pipeline import Pipeline, RetryPolicy
from bot.polling import LongPolling
from bot.sender import NoticeSender
from bot.stranded import StrandedUpdates
from bot.webhook import WebhookOptions, WebhookServer
from bot.zalo.polling import SECRET_HEADER as ZALO_SECRET_HEADER
from chat.clock import Clock, SystemClock
from chat.invite_ways import JoiningWays
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


@dataclass
class MessengerRun:
    """One messenger inside the bot: its backend, its pipeline (lanes, replies), its intake
    (long polling or a webhook server) and its notice sender (the outbox rows of its channel)."""

    name: str
    backend: Messenger
    api_url: str
    pipeline: Pipeline
    polling: LongPolling
    sender: NoticeSender
    webhook: WebhookServer | None = None
    stranded: StrandedUpdates | None = None
    username: str = ""
    task: asyncio.Task[None] | None = None


class BotApp:
    """One bot process: started, polled, stopped gracefully or killed. It runs one pipeline per
    messenger of ANTT_MESSENGERS (Telegram, Zalo, or both); the first is the primary, whose
    pieces `backend`, `pipeline`, `polling`, `webhook` and `sender` name."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
        links: FileLinks | None = None,
    ) -> None:
        self.settings = settings
        self.campaign = configured_campaign(settings)  # read and checked here, once
        self.retry = retry or RetryPolicy()
        self.db = Database(
            settings.database_url, settings.database_pool_size, settings.database_max_overflow
        )
        self.clock = clock or SystemClock(settings.zone)
        self.texts = texts_for(settings.language)
        self.forms = load_forms()
        # Files for a messenger that cannot send them (Zalo): signed links to this process's
        # HTTP server, when ANTT_PUBLIC_URL and ANTT_DOWNLOAD_SECRET say where it is reached.
        self.downloads: DownloadShelf | None = None
        if links is None and "zalo" in settings.messengers:
            if settings.public_url is not None and settings.download_secret is not None:
                self.downloads = DownloadShelf.configured(settings, self.db, self.clock, self.texts)
                links = self.downloads
            else:
                log.warning(
                    "Zalo officers will get no Excel or Word files: set ANTT_PUBLIC_URL and "
                    "ANTT_DOWNLOAD_SECRET to send them as download links"
                )
        self.runs: dict[str, MessengerRun] = {}
        for name in settings.messengers:
            self.runs[name] = self._messenger(name, links)
        primary = next(iter(self.runs.values()))
        self.backend = primary.backend
        self.pipeline = primary.pipeline
        self.polling = primary.polling
        self.webhook = primary.webhook
        self.stranded = primary.stranded
        self.sender = primary.sender
        for run in self.runs.values():
            # A turn on one messenger may queue notices for people on another.
            run.pipeline.notices_queued = self._wake_senders
        self._share_joining_ways(settings.bot_username or "")
        if "zalo" in settings.messengers and settings.zalo_bot_link is None:
            log.warning(
                "invites on Zalo will show the code without the bot's link or QR code: set "
                "ANTT_ZALO_BOT_LINK to the link Zalo Bot Manager shows"
            )
        self.scheduler: SchedulerService | None = None
        if settings.scheduler == "in-bot":
            self.scheduler = build_scheduler(
                settings,
                self.campaign,
                self.db,
                self.clock,
                self.backend.channel.name,
                self._wake_senders,
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
        for run in list(self.runs.values())[1:]:
            self.metrics.add_intake(run.polling.stats)
        self.health: HealthServer | None = None
        if settings.health_port is not None:
            routes = health_routes(self.db, self.metrics)
            self.health = HealthServer(routes, settings.health_host, settings.health_port)
        # -- end of operations --
        for run in self.runs.values():
            if run.webhook is not None:  # webhook intake: its counts, and the health routes
                self.metrics.add_intake(run.webhook.stats)
                if run is primary:
                    run.webhook.routes = health_routes(self.db, self.metrics)
        if self.downloads is not None:
            webhooks = [run.webhook for run in self.runs.values() if run.webhook is not None]
            serve_downloads(self.downloads, webhooks, self.health)
        self.username = ""
        self._task: asyncio.Task[None] | None = None

    def _messenger(self, name: str, links: FileLinks | None) -> MessengerRun:
        """One messenger's backend, pipeline, intake and sender, as configured."""
        settings = self.settings
        backend = make_messenger(name, settings, self.texts, links)
        pipeline = Pipeline(
            self.db,
            backend.channel,
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
        polling = backend.polling(self.db, pipeline, settings.poll_timeout_seconds)
        # --- webhook intake (issue 16): the messenger posts to us instead of being polled ---
        webhook: WebhookServer | None = None
        stranded: StrandedUpdates | None = None
        options = intake_options(settings, name)
        if options is not None:
            webhook = backend.webhook(self.db, pipeline, options)
            # Any process may receive any update: each chat is taken in update order by one
            # process at a time, and what a dead process left is taken by the others.
            pipeline.chat_lock = CHAT_LOCK
            stranded = StrandedUpdates(self.db, pipeline, backend.channel.name)
        # --- end of webhook intake ---
        channel_name = backend.channel.name

        async def refused(session: AsyncSession, undelivered: Sequence[OutboxMessage]) -> str:
            return await chat_refused(session, channel_name, self.texts, undelivered)

        sender = NoticeSender(
            self.db,
            backend.channel,
            limits_of(settings),
            lambda: self.clock.now(),
            chat_refused=refused,
        )
        api_url = settings.zalo_api_url if name == "zalo" else settings.telegram_api_url
        return MessengerRun(name, backend, api_url, pipeline, polling, sender, webhook, stranded)

    def _wake_senders(self) -> None:
        for run in self.runs.values():
            run.sender.wake()

    async def start(self) -> None:
        """Prepare everything, finish what a previous run left, then poll in the background."""
        path = self.settings.sqlite_path()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        await self.db.migrate()
        try:
            for run in self.runs.values():
                await self._reach(run)
        except BaseException:
            await self._close()  # no "Unclosed client session" on the way out
            raise
        self.username = next(iter(self.runs.values())).username
        for run in self.runs.values():
            await run.pipeline.recover()
        if self.health is not None:
            await self.health.start()
        if self.downloads is not None:
            self.downloads.start()
        for run in self.runs.values():
            if run.webhook is not None:
                await self._open_webhook(run, run.webhook)
                if run.stranded is not None:
                    run.stranded.start()
            else:
                run.task = asyncio.create_task(run.polling.run(), name=f"polling-{run.name}")
            run.sender.start()
        self._task = next(iter(self.runs.values())).task
        if self.scheduler is not None:
            await self.scheduler.start()
        for run in self.runs.values():
            log.info(
                "bot %s is %s on %s (%s)",
                run.username,
                "polling"
                if run.webhook is None
                else f"taking updates at {run.webhook.options.url}",
                run.name,
                self.settings.telegram_backend if run.name == "telegram" else run.api_url,
            )

    async def _open_webhook(self, run: MessengerRun, webhook: WebhookServer) -> None:
        """Listen, then tell the messenger where to post; the task only waits to be cancelled."""
        try:
            await webhook.start()
            await self._keep_trying(run, lambda: run.backend.set_webhook(webhook.options))
        except BaseException:
            await webhook.kill()
            await self._close()
            raise
        run.task = asyncio.create_task(_until_cancelled(), name=f"webhook-{run.name}")

    async def _reach(self, run: MessengerRun) -> None:
        """Ask the messenger who the bot is and set it up for polling; while it does not
        answer, say so once and keep trying, with backoff. A refused token still stops."""

        async def introduce() -> None:
            run.username = await run.backend.open()
            if run.webhook is None:
                await run.backend.delete_webhook()
            await self._publish_commands(run.backend)

        await self._keep_trying(run, introduce)
        run.pipeline.bot_username = run.username
        if run.name == "telegram":  # invites made on any messenger show Telegram's link
            self._share_joining_ways(run.username)

    def _share_joining_ways(self, telegram_bot: str) -> None:
        """Tell every pipeline what an invite shows: each messenger of ANTT_MESSENGERS, with
        Telegram's bot name (once known) and Zalo's link."""
        ways = JoiningWays(
            telegram="telegram" in self.settings.messengers,
            telegram_bot=telegram_bot,
            zalo="zalo" in self.settings.messengers,
            zalo_link=self.settings.zalo_bot_link,
        )
        for run in self.runs.values():
            run.pipeline.joining = ways

    async def _keep_trying(self, run: MessengerRun, step: Callable[[], Awaitable[None]]) -> None:
        """Run `step` until the messenger answers it: while it does not, say so once and keep
        trying, with backoff. A refusal (a bad token) still stops."""
        failures = 0
        while True:
            try:
                await step()
                break
            except Exception as error:
                if not run.backend.unreachable(error):
                    raise
                wait = self.retry.pause(failures)
                failures += 1
                log.log(
                    logging.WARNING if failures == 1 else logging.INFO,
                    "%s is not answering at %s (%s); trying again in %.0f s, "
                    "the bot starts when it answers",
                    run.name.capitalize(),
                    run.api_url,
                    type(error).__name__,
                    wait,
                )
                await asyncio.sleep(wait)
        if failures:
            log.info("%s answers at %s again", run.name.capitalize(), run.api_url)

    async def _publish_commands(self, backend: Messenger) -> None:
        for language in LANGUAGES:
            texts = texts_for(language)
            commands = [(name, texts.label(key)) for name, key in COMMANDS]
            code = None if language == self.settings.language else language
            await backend.publish_commands(commands, code)

    async def wait(self) -> None:
        """Run until a polling task ends (it only ends on a fatal error or cancellation);
        a webhook runs until stopped."""
        tasks = [run.task for run in self.runs.values() if run.task is not None]
        if tasks:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()

    async def stop(self) -> None:
        """Stop polling (or take no more posts: the webhook stays set, so the messenger keeps
        the updates until a process takes them), let chats in progress finish (bounded), close
        connections."""
        await self._cancel_polling()
        for run in self.runs.values():
            if run.stranded is not None:
                await run.stranded.stop()
            if run.webhook is not None:
                await run.webhook.stop()
        if self.scheduler is not None:
            await self.scheduler.stop()
        for run in self.runs.values():
            await run.sender.stop()
        for run in self.runs.values():
            with suppress(TimeoutError):
                await asyncio.wait_for(run.pipeline.lanes.idle(), DRAIN_SECONDS)
            await run.pipeline.lanes.abort()
            await run.pipeline.flush()
            with suppress(Exception):  # the database: the leases lapse instead
                await run.pipeline.release_replies()
        await self._close()

    async def kill(self) -> None:
        """Stop at once, mid-work, as a crash would (for restart tests)."""
        await self._cancel_polling()
        for run in self.runs.values():
            if run.stranded is not None:
                await run.stranded.stop()
            if run.webhook is not None:
                await run.webhook.kill()
        if self.scheduler is not None:
            await self.scheduler.stop()
        for run in self.runs.values():
            await run.sender.kill()
            await run.pipeline.lanes.abort()
            await run.pipeline.let_go()  # its replies' leases lapse, as a crash's would
        await self._close()

    async def _cancel_polling(self) -> None:
        for run in self.runs.values():
            if run.task is not None:
                run.task.cancel()
                with suppress(asyncio.CancelledError):
                    await run.task
                run.task = None
        self._task = None

    async def _close(self) -> None:
        if self.downloads is not None:
            await self.downloads.stop()
        if self.health is not None:
            await self.health.stop()
        for run in self.runs.values():
            await run.backend.close()
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


def intake_options(settings: Settings, messenger: str) -> WebhookOptions | None:
    """How `messenger` posts its updates to us; None when it is polled."""
    if messenger == "zalo":
        if settings.zalo_intake != "webhook":
            return None
        url, secret = settings.require_zalo_webhook()
        return WebhookOptions(
            url=url,
            secret=secret,
            host=settings.webhook_host,
            port=settings.zalo_webhook_port,
            max_body=settings.webhook_max_body,
            secret_header=ZALO_SECRET_HEADER,
        )
    return webhook_options(settings) if settings.intake == "webhook" else None


def limits_of(settings: Settings) -> Limits:
    """Telegram's sending limits as configured."""
    return Limits(
        per_second=settings.send_per_second,
        chat_interval=settings.chat_interval_seconds,
        group_per_minute=settings.group_per_minute,
    )
