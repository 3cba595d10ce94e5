"""What the Zalo tests share: the inbox rows of a channel, a notice queued for the sender."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from sqlalchemy import select

from chat.replies import Say
from config.settings import Settings
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from emulator.zalo.server import TEST_TOKEN
from storage.database import Database
from storage.models import InboxUpdate
from storage.outbox import Notice, enqueue_notices
from tests.conftest import TOKEN


async def inbox_rows(db: Database, channel: str) -> list[InboxUpdate]:
    """The inbox rows stored for `channel`, oldest first."""
    async with db.read() as session:
        rows = await session.scalars(
            select(InboxUpdate).where(InboxUpdate.channel == channel).order_by(InboxUpdate.id)
        )
        return list(rows)


async def queue_notice(db: Database, channel: str, chat_ref: str, key: str, say: Say) -> None:
    """A notice the scheduler would queue (a reminder, a digest) for `chat_ref` on `channel`."""
    async with db.write() as session:
        await enqueue_notices(session, channel, [Notice(key, chat_ref, say.model_dump())])


def on_both_messengers(
    database_url: str, telegram: TelegramEmulator, zalo: ZaloEmulator, **more: Any
) -> Settings:
    """One bot on Telegram and Zalo at once (ANTT_MESSENGERS=telegram,zalo), against both
    emulators; `more` adds or changes settings."""
    return Settings(
        **{
            "messengers": ("telegram", "zalo"),
            "bot_token": SecretStr(TOKEN),
            "telegram_api_url": telegram.base_url,
            "zalo_token": SecretStr(TEST_TOKEN),
            "zalo_api_url": zalo.base_url,
            "database_url": database_url,
            "poll_timeout_seconds": 1,
            **more,
        }
    )
