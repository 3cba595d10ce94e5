"""The scheduler assembled from the settings and the campaign, in the bot or alone."""

from __future__ import annotations

from collections.abc import Callable

from chat.clock import Clock
from chat.texts import texts_for
from config.settings import Settings
from reports.campaigns import Campaign
from scheduler.call_out_closer import CallOutCloser
from scheduler.duties import plan_duties
from scheduler.notices import NoticeWriter
from scheduler.runner import DutyRunner
from scheduler.service import SchedulerService
from storage.database import Database


def build_scheduler(
    settings: Settings,
    campaign: Campaign,
    db: Database,
    clock: Clock,
    channel: str,
    on_queued: Callable[[], None] = lambda: None,
) -> SchedulerService:
    """Duties from the settings and the campaign (ANTT_CAMPAIGN's, read at start-up); notices
    in ANTT_LANGUAGE."""
    duties = plan_duties(settings, campaign)
    texts = texts_for(settings.language)
    writer = NoticeWriter(db, texts, campaign, settings.quiet_hours, settings.zone)
    closer = CallOutCloser(texts, settings.zone, settings.quiet_hours)
    runner = DutyRunner(db, duties, writer, clock, channel, on_queued, closer.close_overdue)
    return SchedulerService(runner, duties, settings.zone)
