"""The counts a summary reads: half-months, and a period's activity made of parts (stored
half-months and the days around them) that add up to what the reports themselves give."""

from __future__ import annotations

from datetime import date

import pytest

from reports.month_rule import months_of
from reports.periods import Period, majority_months, month, rating_year
from reports.phases import phase_named
from reports.rating_rules import load_rating_rules
from reports.work import (
    Activity,
    half_month_end,
    half_month_of,
    whole_half_months,
    window_finder,
)
from tests.reports import test_ha_noi
from tests.reports.builders import Ward

D = date


def test_a_month_has_two_halves_split_on_the_15th() -> None:
    assert half_month_of(D(2026, 2, 14)) == D(2026, 2, 1)
    assert half_month_of(D(2026, 2, 15)) == D(2026, 2, 15)
    assert half_month_end(D(2026, 2, 1)) == D(2026, 2, 14)
    assert half_month_end(D(2026, 2, 15)) == D(2026, 2, 28)
    assert half_month_end(D(2024, 2, 15)) == D(2024, 2, 29)
    assert half_month_end(D(2025, 12, 15)) == D(2025, 12, 31)


def test_the_rating_year_is_made_of_whole_half_months() -> None:
    year = rating_year(2026, load_rating_rules().year_starts)  # 15/11/2025–14/11/2026
    halves = whole_half_months(year)
    assert len(halves) == 24
    assert halves[0] == D(2025, 11, 15) and halves[-1] == D(2026, 11, 1)
    assert whole_half_months(month(2026, 3)) == (D(2026, 3, 1), D(2026, 3, 15))


def test_a_phase_with_odd_days_leaves_them_to_the_reports() -> None:
    # Hà Nội's Đợt 1 runs 22/12/2025–30/01/2026: 22–31/12 and 15–30/01 are not whole halves.
    phase = phase_named(test_ha_noi.CAMPAIGN, "Đợt 1")
    assert whole_half_months(phase) == (D(2026, 1, 1),)
    assert whole_half_months(Period("phase", D(2026, 1, 2), D(2026, 1, 13))) == ()


def test_each_half_month_falls_in_one_month_the_rating_year_is_judged_on() -> None:
    # 15/11/2025–14/11/2026 is judged on 11/2025–10/2026, whole months: twelve of them
    year = rating_year(2026, load_rating_rules().year_starts)
    window_of = window_finder(majority_months(year))
    assert window_of(D(2025, 11, 1)) == window_of(D(2025, 11, 15)) == 0
    assert window_of(D(2025, 12, 1)) == window_of(D(2025, 12, 15)) == 1
    assert window_of(D(2026, 10, 31)) == 11
    assert window_of(D(2026, 11, 1)) is None
    assert window_of(D(2026, 11, 14)) is None


@pytest.mark.parametrize("split", [D(2025, 12, 27), D(2026, 1, 1), D(2026, 1, 15)])
def test_activity_in_parts_adds_up_to_the_activity_of_all_reports(split: date) -> None:
    reports = test_ha_noi.build().records().reports
    phase = test_ha_noi.DOT_1
    before = Activity.of_reports(phase, [r for r in reports if r.occurred_on < split])
    after = Activity.of_reports(phase, [r for r in reports if r.occurred_on >= split])
    whole = Activity.of_reports(phase, reports)
    assert before.teams and after.teams
    assert before + after == whole
    assert after + before == whole


def test_a_team_s_months_and_its_members_are_read_off_the_activity() -> None:
    w = test_ha_noi.build()
    records = w.records()
    months = months_of(test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
    activity = Activity.of_reports(test_ha_noi.DOT_1, records.reports, months)
    team_1 = next(unit.id for unit in records.units if unit.name.endswith("số 1"))
    # Tổ 1 did a good deed on 22/12 and on 30/01: both months of the phase.
    assert activity.months_with(team_1, "good_deed") == {0, 1}
    first = next(member for member in records.members if member.unit_id == team_1)
    assert activity.member_total(team_1, first.id).of_kind("good_deed") == 2
    with pytest.raises(ValueError, match="not kept"):
        activity.months_with(team_1, "patrol")


def test_a_fire_is_counted_once_from_its_call_out_and_its_form() -> None:
    # Same team, day and kind: one incident (each form pairs with a call-out); another day or
    # another team is another incident.
    w = Ward(ward="Phường Đằng Lâm", province="Thành phố Hải Phòng")
    one, two = w.team("Đ1"), w.team("Ư2")
    lan = w.member(one, "Nguyễn Thị Lan", D(2025, 1, 1))
    hung = w.member(two, "Trần Văn Hùng", D(2025, 1, 1))
    day = D(2025, 3, 14)
    w.call_out(one, lan, day, "pccc", "08:00", "08:10")
    w.report("fire_rescue", one, lan, day, incident_kind="pccc", people_saved=1)
    w.report("fire_rescue", one, lan, day, incident_kind="pccc", people_saved=0)
    w.report("fire_rescue", one, lan, D(2025, 3, 20), incident_kind="cnch", people_saved=2)
    w.call_out(one, lan, D(2025, 3, 21), "cnch", "09:00", "09:20")
    w.call_out(two, hung, day, "pccc", "08:00", "08:05")
    activity = Activity.of_reports(month(2025, 3), w.records().reports)
    first, second = activity.of_team(one).total, activity.of_team(two).total
    assert (first.fire_call_outs, first.rescue_call_outs, first.people_saved) == (2, 2, 3)
    assert (second.fire_call_outs, second.rescue_call_outs) == (1, 0)
    assert activity.total().fire_call_outs == 3
