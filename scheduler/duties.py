"""What the scheduler must do and when: duties with stable ids, built at start-up from the
settings and the campaign file, each with an APScheduler trigger in the wards' time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from config.settings import Settings
from reports.campaigns import Campaign

DutyKind = Literal[
    "good-deed-reminder",
    "monthly-digest",
    "phase-digest",
    "deadline-reminder",
    "weekly-summary",
    "call-out-auto-close",
]
# Reminders are only worth sending on their own day; digests are always sent, late if need be.
REMINDERS: frozenset[DutyKind] = frozenset(
    {"good-deed-reminder", "deadline-reminder", "weekly-summary"}
)
# Every minute the open call-outs whose time is up are closed; what is due is read from the
# call-outs themselves (no mark), so a pass after a stop closes each once, not once per minute
# missed, and a minute with nothing overdue writes nothing.
AUTO_CLOSE = "call-out-auto-close"


@dataclass(frozen=True)
class Duty:
    """One recurring (or one-off) job: a stable id, what it does, when it fires."""

    id: str
    kind: DutyKind
    trigger: BaseTrigger

    @property
    def is_reminder(self) -> bool:
        return self.kind in REMINDERS

    @property
    def is_auto_close(self) -> bool:
        return self.kind == AUTO_CLOSE


def plan_duties(settings: Settings, campaign: Campaign) -> list[Duty]:
    """Every duty for this campaign and these settings, in a stable order."""
    zone = settings.zone
    remind_at = settings.reminder_time
    digest_at = settings.digest_time
    duties = [
        Duty(
            f"good-deed-reminder@{day:02d}",
            "good-deed-reminder",
            _cron(zone, remind_at, day=str(day)),
        )
        for day in settings.reminder_days
    ]
    duties.append(Duty("monthly-digest", "monthly-digest", _cron(zone, digest_at, day="1")))
    for phase in campaign.phases:
        moment = dt.datetime.combine(phase.end + dt.timedelta(days=1), digest_at, zone)
        duties.append(
            Duty(
                f"phase-digest:{campaign.id}:{phase.name}",
                "phase-digest",
                DateTrigger(run_date=moment, timezone=zone),
            )
        )
    if campaign.recurring is not None:
        opens = campaign.recurring.year_starts
        first = dt.datetime.combine(campaign.recurring.start, dt.time(), zone)
        duties.append(
            Duty(
                f"phase-digest:{campaign.id}:yearly",
                "phase-digest",
                _cron(zone, digest_at, month=str(opens.month), day=str(opens.day), start=first),
            )
        )
    for day, month in settings.deadline_reminders:
        duties.append(
            Duty(
                f"deadline-reminder@{day:02d}/{month:02d}",
                "deadline-reminder",
                _cron(zone, remind_at, month=str(month), day=str(day)),
            )
        )
    if settings.weekly_summary:
        duties.append(
            Duty(
                "weekly-summary",
                "weekly-summary",
                _cron(zone, remind_at, day_of_week=settings.weekly_summary_day),
            )
        )
    duties.append(Duty(AUTO_CLOSE, "call-out-auto-close", CronTrigger(minute="*", timezone=zone)))
    return duties


def _cron(
    zone: ZoneInfo, at: dt.time, start: dt.datetime | None = None, **fields: str
) -> CronTrigger:
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=zone, start_date=start, **fields)


def occurrences(duty: Duty, after: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """The moments the duty fell due in (after, until], oldest first."""
    found: list[dt.datetime] = []
    previous: dt.datetime | None = None
    cursor = after
    while True:
        moment = duty.trigger.get_next_fire_time(previous, cursor)
        if moment is None or moment > until:
            return found
        if moment > after:
            found.append(moment)
        previous = cursor = moment
