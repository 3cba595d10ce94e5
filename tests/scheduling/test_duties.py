"""The timetable: duties built from the settings and the campaign, quiet hours, catch-up."""

from __future__ import annotations

import datetime as dt

import pytest

from config.quiet_hours import QuietHours
from config.settings import Settings, SettingsError, load_settings
from scheduler.duties import occurrences, plan_duties
from summaries.packages import campaign_named
from tests.conftest import HANOI


def at(day: str, time: str = "08:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=HANOI)


def test_the_duties_of_ha_noi_357_have_stable_ids_and_local_times() -> None:
    duties = {duty.id: duty for duty in plan_duties(Settings(), campaign_named("ha-noi-357"))}
    assert list(duties) == [
        "good-deed-reminder@20",
        "good-deed-reminder@27",
        "monthly-digest",
        "phase-digest:ha-noi-357:Đợt 1",
        "phase-digest:ha-noi-357:Đợt 2",
        "phase-digest:ha-noi-357:yearly",
        "deadline-reminder@01/11",
        "deadline-reminder@05/11",
        "deadline-reminder@08/11",
        "deadline-reminder@09/11",
        "call-out-auto-close",
    ]
    after = at("2026-01-01", "00:00")
    year_end = at("2026-12-31", "23:59")
    assert occurrences(duties["phase-digest:ha-noi-357:Đợt 1"], after, year_end) == [
        at("2026-01-31")
    ]
    assert occurrences(duties["phase-digest:ha-noi-357:Đợt 2"], after, year_end) == [
        at("2026-05-01")
    ]
    # The yearly phase from 01/05/2026 ends on 31/12: its digest is on 01/01/2027.
    assert occurrences(duties["phase-digest:ha-noi-357:yearly"], after, at("2027-06-01")) == [
        at("2027-01-01")
    ]
    assert len(occurrences(duties["monthly-digest"], after, year_end)) == 12
    assert occurrences(duties["deadline-reminder@09/11"], after, year_end) == [at("2026-11-09")]


def test_occurrences_are_those_after_the_mark_up_to_now() -> None:
    [twentieth] = [
        duty
        for duty in plan_duties(Settings(), campaign_named("ha-noi-357"))
        if duty.id == "good-deed-reminder@20"
    ]
    assert occurrences(twentieth, at("2026-11-20"), at("2026-12-20")) == [at("2026-12-20")]
    assert occurrences(twentieth, at("2026-11-20", "07:59"), at("2026-11-20")) == [at("2026-11-20")]
    assert occurrences(twentieth, at("2026-11-21"), at("2026-12-19")) == []


def test_other_settings_give_other_duties() -> None:
    settings = Settings(
        reminder_days="15, 25",
        reminder_time="07:30",
        weekly_summary=True,
        weekly_summary_day="fri",
        deadline_reminders="05/11",
    )
    duties = {duty.id: duty for duty in plan_duties(settings, campaign_named("yen-hoa-179"))}
    assert "good-deed-reminder@15" in duties and "good-deed-reminder@25" in duties
    assert "weekly-summary" in duties
    assert [d for d in duties if d.startswith("deadline")] == ["deadline-reminder@05/11"]
    assert occurrences(duties["weekly-summary"], at("2026-11-23"), at("2026-11-30")) == [
        at("2026-11-27", "07:30")
    ]


def test_quiet_hours_cross_midnight() -> None:
    quiet = QuietHours(dt.time(21), dt.time(7))
    assert quiet.covers(at("2026-11-22", "22:30"))
    assert quiet.covers(at("2026-11-23", "06:59"))
    assert not quiet.covers(at("2026-11-23", "07:00"))
    assert not quiet.covers(at("2026-11-23", "20:59"))
    assert quiet.next_morning(at("2026-11-22", "22:30")) == at("2026-11-23", "07:00")
    assert quiet.next_morning(at("2026-11-23", "05:00")) == at("2026-11-23", "07:00")
    assert quiet.next_morning(at("2026-11-23", "09:00")) == at("2026-11-23", "09:00")


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("ANTT_REMINDER_DAYS", "20,31", "ANTT_REMINDER_DAYS"),
        ("ANTT_REMINDER_TIME", "8h", "ANTT_REMINDER_TIME"),
        ("ANTT_QUIET_HOURS", "21:00", "ANTT_QUIET_HOURS"),
        ("ANTT_DEADLINE_REMINDERS", "31/11", "ANTT_DEADLINE_REMINDERS"),
        ("ANTT_SEND_PER_SECOND", "100", "ANTT_SEND_PER_SECOND"),
        ("ANTT_SCHEDULER", "cron", "ANTT_SCHEDULER"),
    ],
)
def test_a_malformed_schedule_setting_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith(named) and "\n" not in message
