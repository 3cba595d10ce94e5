"""PTB's exceptions sorted into retry or give up."""

from __future__ import annotations

import datetime as dt

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.channel import DeliveryFailure


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait: a timedelta (PTB_TIMEDELTA) or, by default, seconds."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


def failure_of(error: TelegramError) -> DeliveryFailure:
    """Rate limits, network trouble and server errors are worth retrying; a refusal is not."""
    reason = f"{type(error).__name__}: {error.message}"
    if isinstance(error, RetryAfter):
        return DeliveryFailure(reason, retry_after=retry_seconds(error))
    # BadRequest is a NetworkError subclass in PTB, so it must be sorted out first.
    if isinstance(error, Forbidden):
        return DeliveryFailure(reason, permanent=True, blocked=True)
    if isinstance(error, BadRequest):
        return DeliveryFailure(reason, permanent=True)
    return DeliveryFailure(reason)
