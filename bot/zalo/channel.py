"""The Zalo channel: stored updates in, replies out as plain-text calls, Zalo's refusals sorted
into retry, wait, or give up."""

from __future__ import annotations

from typing import Any

from bot.channel import DeliveryFailure, FileLinks
from bot.zalo.client import ZaloApiError, ZaloClient, ZaloNetworkError
from bot.zalo.render import calls_for
from bot.zalo.updates import CHANNEL, incoming_of
from chat.events import Incoming
from chat.replies import Edit, Say, SendFile
from chat.texts import Texts

# Zalo names no wait with its rate limit: this long, then again.
RATE_LIMIT_WAIT = 5.0


class ZaloChannel:
    """Zalo through `ZaloClient`; files go as links from `links` (none: a line saying so)."""

    name = CHANNEL
    # No buttons on Zalo: they go as a numbered list, and what is typed back is read as the
    # press it names (bot/typed_answers.py).
    buttons_as_text = True

    def __init__(self, client: ZaloClient, texts: Texts, links: FileLinks | None = None) -> None:
        self.client = client
        self.texts = texts
        self.links = links

    def to_incoming(self, inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
        return incoming_of(inbox_id, payload)

    async def deliver(self, chat_ref: str, reply: Say | Edit | SendFile) -> None:
        # A reply may be several calls (a long text, a photo and its text); a retry sends
        # them all again, as a Telegram retry repeats a message whose answer was lost.
        for call in await calls_for(chat_ref, reply, self.texts, self.links):
            try:
                await self.client.call(call.method, call.params)
            except ZaloNetworkError as error:
                raise DeliveryFailure(str(error)) from None
            except ZaloApiError as error:
                raise failure_of(call.method, error) from None

    async def answer_button(self, callback_ref: str, text: str | None) -> None:
        """Zalo has no buttons: nothing is ever pressed."""


def failure_of(method: str, error: ZaloApiError) -> DeliveryFailure:
    """429 waits; 5xx and a timeout are tried again; 403 is a person who blocked the bot (or a
    chat the bot may not write to); any other refusal (400, 404: a bad chat id, a text too
    long) will not change by trying again."""
    reason = f"Zalo {method} {error.error_code}: {error.description}"[:200]
    code = error.error_code
    if code == 429:
        return DeliveryFailure(reason, retry_after=RATE_LIMIT_WAIT)
    if code >= 500 or code == 408:
        return DeliveryFailure(reason)
    if code == 403:
        return DeliveryFailure(reason, permanent=True, blocked=True)
    return DeliveryFailure(reason, permanent=True)
