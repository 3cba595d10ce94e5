"""The scheduler assembled from the settings and the campaign file, in the bot or alone."""

from __future__ import annotations

from collections.abc import Callable

from chat.clock import Clock
from chat.quiet_hours import QuietHours
from chat.texts import texts_for
from config.settings import Settings
from scheduler.duties import plan_duties
from scheduler.notices import NoticeWriter
from scheduler.runner import DutyRunner
from scheduler.service import SchedulerService
from storage.database import Database
from summaries.packages import campaign_named


def build_scheduler(
    settings: Settings,
    db: Database,
    clock: Clock,
    channel: str,
    on_queued: Callable[[], None] = lambda: None,
) -> SchedulerService:
    """Duties from the settings and ANTT_CAMPAIGN; notices in ANTT_LANGUAGE."""
    campaign = campaign_named(settings.campaign)
    duties = plan_duties(settings, campaign)
    quiet = QuietHours(*settings.quiet_span)
    writer = NoticeWriter(db, texts_for(settings.language), campaign, quiet, settings.zone)
    runner = DutyRunner(db, duties, writer, clock, channel, on_queued)
    return SchedulerService(runner, duties, settings.zone)
