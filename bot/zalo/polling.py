"""getUpdates on Zalo, as an `UpdateSource` for the shared `bot.polling.LongPolling`, and the
webhook server with Zalo's header and keys.

Zalo's getUpdates takes no offset: it answers one update (or, when nothing came within its
timeout, error 408), and an update it returned counts as delivered. So "stored before
acknowledged" holds only as far as Zalo allows: the inbox write comes before the next call, but
an update whose answer was lost on the way (the process killed mid-answer) is lost with it.
The webhook keeps the guarantee: 200 only once stored."""

from __future__ import annotations

from typing import Any

from bot.intake import Dispatcher
from bot.polling import LongPolling, PollError
from bot.webhook import WebhookOptions, WebhookServer
from bot.zalo.client import ZaloApiError, ZaloClient, ZaloNetworkError
from bot.zalo.updates import ZALO_KEYS
from storage.database import Database

SECRET_HEADER = "X-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
NOTHING_CAME = 408


class ZaloUpdates:
    """Zalo's getUpdates: the update as Zalo sent it, in a list of one (or none)."""

    def __init__(self, client: ZaloClient) -> None:
        self.client = client

    async def fetch(self, offset: int | None, wait_seconds: int) -> list[Any]:
        try:
            result = await self.client.call(
                "getUpdates", {"timeout": str(wait_seconds)}, seconds=wait_seconds + 10
            )
        except ZaloApiError as error:
            if error.error_code == NOTHING_CAME:
                return []
            raise
        if isinstance(result, list):
            return result
        return [result] if isinstance(result, dict) and result else []

    def unreadable(self, payload: dict[str, Any]) -> str | None:
        if not isinstance(payload.get("event_name"), str):
            return "no event_name"
        return None

    def classify(self, error: Exception) -> PollError | None:
        if isinstance(error, ZaloApiError):
            if error.error_code == 401:
                return PollError(fatal=True)
            if error.error_code == 429:
                return PollError(retry_after=5.0)
            return PollError()
        if isinstance(error, ZaloNetworkError):
            return PollError()
        return None


def zalo_polling(
    client: ZaloClient, db: Database, dispatcher: Dispatcher, timeout: int
) -> LongPolling:
    """The shared long polling, on Zalo's getUpdates, storing under Zalo's keys."""
    return LongPolling(ZaloUpdates(client), db, dispatcher, timeout, ZALO_KEYS)


def zalo_webhook(
    client: ZaloClient, db: Database, dispatcher: Dispatcher, options: WebhookOptions
) -> WebhookServer:
    """The shared webhook server, checking Zalo's secret header, storing under Zalo's keys."""
    return WebhookServer(ZaloUpdates(client), db, dispatcher, options, ZALO_KEYS)
