"""Everything the emulated Telegram knows, shared by the HTTP methods and the phones."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass
from typing import Any

from emulator.chats import ChatLog, GroupInfo
from emulator.errors import bad_request, forbidden
from emulator.files import FileStore
from emulator.markup import Markup
from emulator.models import ApiCall, BotMessage, UserInfo
from emulator.transcript import Transcript
from emulator.updates import QueuedUpdate, UpdateQueue
from emulator.wakeup import Signal
from emulator.webhook import WebhookConfig, WebhookPusher

DEFAULT_BOT_ID = 7000000001


@dataclass
class CallbackRecord:
    """A callback query sent to the bot, waiting for answerCallbackQuery."""

    query_id: str
    chat_id: int
    created: float
    answered: bool = False


class EmulatorState:
    """Users, chats, files, updates and the bot's settings."""

    def __init__(
        self,
        *,
        bot_username: str,
        bot_first_name: str,
        strict_html: bool,
        callback_query_ttl: float,
    ) -> None:
        self.bot = UserInfo(
            id=DEFAULT_BOT_ID, first_name=bot_first_name, username=bot_username, is_bot=True
        )
        self.strict_html = strict_html
        self.callback_query_ttl = callback_query_ttl
        self.wakeup = Signal()
        self.chats: dict[int, ChatLog] = {}
        self.files = FileStore()
        self.updates = UpdateQueue(self.wakeup, self._on_delivered)
        self.transcript = Transcript()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.calls: list[ApiCall] = []
        self.commands: dict[tuple[str, int | None, str], list[dict[str, Any]]] = {}
        self.webhook = WebhookPusher(self.updates, self.wakeup)
        self.internal_errors: list[Exception] = []
        self.closing = asyncio.Event()
        self._bot_id_fixed = False

    @property
    def webhook_config(self) -> WebhookConfig | None:
        """The webhook setWebhook set, if any (then getUpdates answers 409)."""
        return self.webhook.config

    def bind_token(self, token: str) -> None:
        """Take the bot id from the token's numeric prefix, as Telegram's tokens encode it."""
        if self._bot_id_fixed:
            return
        prefix = token.split(":", 1)[0]
        if prefix.isdigit():
            self.bot.id = int(prefix)
            self._bot_id_fixed = True

    def now(self) -> float:
        """Event-loop clock used for activity and timeouts."""
        return asyncio.get_running_loop().time()

    def register(self, user: UserInfo) -> ChatLog:
        """Make the user's private chat known (as if the user had opened the bot)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = ChatLog(user)
            self.chats[user.id] = chat
        else:
            chat.user = user
        self.transcript.name_chat(user.id, user.display_name)
        return chat

    def register_group(self, group: GroupInfo) -> ChatLog:
        """Make a group chat known (as if the bot had been added to it)."""
        chat = self.chats.get(group.id)
        if chat is None:
            chat = ChatLog(UserInfo(id=group.id, first_name=group.title), group=group)
            self.chats[group.id] = chat
        self.transcript.name_chat(group.id, group.title)
        return chat

    def chat_for_bot(self, chat_id: int | None) -> ChatLog:
        """The chat a bot method targets; Telegram's errors for unknown or blocking users."""
        if chat_id is None:
            raise bad_request("chat_id is empty")
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise forbidden(chat.blocked_as)
        return chat

    def touch(self, chat: ChatLog) -> None:
        """Note activity in a chat and wake waiting phones."""
        chat.last_activity = self.now()
        self.wakeup.notify()

    def publish_bot_message(
        self, chat: ChatLog, message: BotMessage, markup: Markup | None
    ) -> None:
        """Store a new bot message and update what the user's screen shows."""
        if markup is not None and markup.reply:
            chat.reply_keyboard = markup.reply
            chat.reply_keyboard_one_time = markup.one_time
        elif markup is not None and markup.remove_keyboard:
            chat.reply_keyboard = []
        chat.add_bot_message(message)
        self.transcript.bot_said(message)
        self.touch(chat)

    def publish_edit(self, chat: ChatLog, message: BotMessage) -> None:
        """Record an edit already applied to ``message``."""
        message.edited += 1
        message.edit_date = int(time.time())
        self.transcript.bot_said(message, edited=True)
        self.touch(chat)

    def user_message(
        self, chat: ChatLog, content: dict[str, Any], sender: UserInfo | None = None
    ) -> dict[str, Any]:
        """Create a message from the user (API dict) with the chat's next message id."""
        message: dict[str, Any] = {
            "message_id": chat.allocate_message_id(),
            "from": (sender or chat.user).to_api(),
            "chat": chat.chat_to_api(),
            "date": int(time.time()),
            **content,
        }
        chat.user_messages[message["message_id"]] = message
        return message

    def new_callback(self, chat: ChatLog) -> CallbackRecord:
        """Register a callback query id for a press in ``chat``."""
        query_id = str(secrets.randbits(62))
        record = CallbackRecord(query_id, chat.chat_id, self.now())
        self.callbacks[query_id] = record
        return record

    def message_to_api(self, chat: ChatLog, message: BotMessage) -> dict[str, Any]:
        """Serialize a bot message as a Bot API Message object."""
        out: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.bot.to_api(),
            "chat": chat.chat_to_api(),
            "date": message.date,
        }
        if message.edit_date is not None:
            out["edit_date"] = message.edit_date
        if message.has_media:
            if message.photo_sizes:
                out["photo"] = message.photo_sizes
            if message.document is not None:
                stored = self.files.get(message.document.file_id)
                if stored is not None:
                    out["document"] = stored.document()
            if message.visible_text:
                out["caption"] = message.visible_text
                if message.entities:
                    out["caption_entities"] = message.entities
        else:
            out["text"] = message.visible_text or ""
            if message.entities:
                out["entities"] = message.entities
        if message.reply_to_message_id is not None:
            replied = self._reply_target_to_api(chat, message.reply_to_message_id)
            if replied is not None:
                out["reply_to_message"] = replied
        if message.reply_markup is not None:
            out["reply_markup"] = message.reply_markup
        return out

    async def sleep(self, seconds: float) -> None:
        """Sleep, but return early when the emulator stops."""
        try:
            async with asyncio.timeout(None if seconds == float("inf") else seconds):
                await self.closing.wait()
        except TimeoutError:
            return

    def _reply_target_to_api(self, chat: ChatLog, message_id: int) -> dict[str, Any] | None:
        if message_id in chat.user_messages:
            return chat.user_messages[message_id]
        target = chat.bot_message(message_id)
        if target is None:
            return None
        replied = self.message_to_api(chat, target)
        replied.pop("reply_to_message", None)
        return replied

    def _on_delivered(self, update: QueuedUpdate) -> None:
        # The bot has the update now: start the chat's quiet-period clock from here.
        if update.chat_id is not None and update.chat_id in self.chats:
            self.touch(self.chats[update.chat_id])
