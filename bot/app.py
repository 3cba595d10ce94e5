"""The running bot: migrations, commands menu, recovery, then long polling until stopped."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from aiogram.types import BotCommand

from bot.aiogram_backend.channel import AiogramChannel
from bot.aiogram_backend.client import make_bot
from bot.aiogram_backend.polling import Polling
from bot.pipeline import Pipeline
from config.settings import Settings
from handlers.clock import Clock, SystemClock
from handlers.commands import COMMANDS
from handlers.conversation import handle
from handlers.forms.spec import load_forms
from handlers.texts import LANGUAGES, texts_for
from storage.database import Database

log = logging.getLogger(__name__)
DRAIN_SECONDS = 10.0


class BotApp:
    """One bot process: started, polled, stopped gracefully or killed."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.db = Database(settings.database_url)
        self.bot = make_bot(settings.require_token(), settings.telegram_api_url)
        self.texts = texts_for(settings.language)
        self.forms = load_forms()
        self.pipeline = Pipeline(
            self.db,
            AiogramChannel(self.bot),
            handle,
            self.texts,
            self.forms,
            clock or SystemClock(settings.zone),
        )
        self.polling = Polling(self.bot, self.db, self.pipeline, settings.poll_timeout_seconds)
        self.username = ""
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Prepare everything, finish what a previous run left, then poll in the background."""
        path = self.settings.sqlite_path()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        await self.db.migrate()
        me = await self.bot.get_me()
        self.username = me.username or ""
        await self.bot.delete_webhook(drop_pending_updates=False)
        await self._publish_commands()
        await self.pipeline.recover()
        self._task = asyncio.create_task(self.polling.run(), name="polling")
        log.info("bot @%s is polling", self.username)

    async def _publish_commands(self) -> None:
        for language in LANGUAGES:
            texts = texts_for(language)
            commands = [BotCommand(command=name, description=texts(key)) for name, key in COMMANDS]
            code = None if language == self.settings.language else language
            await self.bot.set_my_commands(commands, language_code=code)

    async def wait(self) -> None:
        """Run until the polling task ends (it only ends on a fatal error or cancellation)."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Stop polling, let chats in progress finish (bounded), close connections."""
        await self._cancel_polling()
        with suppress(TimeoutError):
            await asyncio.wait_for(self.pipeline.lanes.idle(), DRAIN_SECONDS)
        await self.pipeline.lanes.abort()
        await self.pipeline.flush()
        await self._close()

    async def kill(self) -> None:
        """Stop at once, mid-work, as a crash would (for restart tests)."""
        await self._cancel_polling()
        await self.pipeline.lanes.abort()
        await self._close()

    async def _cancel_polling(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _close(self) -> None:
        await self.bot.session.close()
        await self.db.dispose()
