"""Which calendar months each period is judged on: every plan's phases, rating years and
calendar years, ties, and the rule as the campaign files state it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reports.campaigns import CAMPAIGNS_DIR, Campaign, load_campaign, load_campaigns
from reports.config_files import ConfigFileError
from reports.month_rule import months_of
from reports.periods import (
    MonthDay,
    Period,
    calendar_year,
    majority_months,
    month,
    month_span,
    rating_year,
    started,
)
from reports.phases import phase_named, phases_until
from reports.rating_rules import load_rating_rules

CAMPAIGNS = load_campaigns()
D = date


def spans(campaign: str) -> dict[str, str]:
    """Each phase of the campaign up to 2027, with its months."""
    plan = CAMPAIGNS[campaign]
    return {
        phase.name: month_span(months_of(phase, plan))
        for phase in phases_until(plan, D(2027, 12, 31))
    }


def test_ha_noi_357() -> None:
    # Đợt 1 22/12/2025–30/01/2026: December is touched by Đợt 1 only, January mostly by it
    # (31/01 is in no phase); Đợt 2 01/02–30/04; "Năm 2026" from 01/05.
    assert spans("ha-noi-357") == {
        "Đợt 1": "12/2025–01/2026",
        "Đợt 2": "02–04/2026",
        "Năm 2026": "05–12/2026",
        "Năm 2027": "01–12/2027",
    }


def test_hai_an_2024() -> None:
    # 01–03/02/2025 are Đợt 1's days, but February is Đợt 2's (25 of its 28 days); August is
    # touched by Đợt 2 alone (to 19/08).
    assert spans("hai-an-2024") == {"Đợt 1": "11/2024–01/2025", "Đợt 2": "02–08/2025"}


def test_phan_dinh_phung_2025() -> None:
    assert spans("phan-dinh-phung-2025") == {
        "Đợt 1": "01–03/2025",
        "Đợt 2": "04–06/2025",
        "Đợt 3": "07–09/2025",
        "Đợt 4": "10–12/2025",
    }


def test_yen_hoa_179() -> None:
    assert spans("yen-hoa-179") == {"Năm 2026": "01–12/2026", "Năm 2027": "01–12/2027"}


def test_each_month_is_judged_in_one_phase_only() -> None:
    for plan in CAMPAIGNS.values():
        seen: list[Period] = []
        for phase in phases_until(plan, D(2027, 12, 31)):
            seen += months_of(phase, plan)
        assert len(seen) == len(set(seen)), plan.id


def test_a_rating_year_is_twelve_months() -> None:
    # 15/11/2025–14/11/2026: November 2025 holds 16 of its days (15–30), November 2026 only 14
    year = rating_year(2026, load_rating_rules().year_starts)
    months = months_of(year)
    assert len(months) == 12
    assert month_span(months) == "11/2025–10/2026"
    following = months_of(rating_year(2027, load_rating_rules().year_starts))
    assert month_span(following) == "11/2026–10/2027"


def test_a_tie_goes_to_the_period_holding_the_month_s_last_day() -> None:
    # a year starting on 16/11 splits November 15 + 15: November opens the new year
    starts = MonthDay(11, 16)
    assert month_span(majority_months(rating_year(2026, starts))) == "11/2025–10/2026"
    # two phases of a plan sharing June 15 + 15: the later one takes it
    base = CAMPAIGNS["phan-dinh-phung-2025"].model_dump()
    base["phases"] = [
        {"name": "Đợt A", "start": D(2025, 1, 1), "end": D(2025, 6, 15)},
        {"name": "Đợt B", "start": D(2025, 6, 16), "end": D(2025, 9, 30)},
    ]
    plan = Campaign.model_validate(base)
    assert month_span(months_of(phase_named(plan, "Đợt A"), plan)) == "01–05/2025"
    assert month_span(months_of(phase_named(plan, "Đợt B"), plan)) == "06–09/2025"


def test_a_phase_inside_a_month_another_holds_gets_no_month() -> None:
    base = CAMPAIGNS["phan-dinh-phung-2025"].model_dump()
    base["phases"] = [
        {"name": "Đợt A", "start": D(2025, 1, 1), "end": D(2025, 3, 25)},
        {"name": "Cao điểm", "start": D(2025, 3, 26), "end": D(2025, 3, 31)},
    ]
    plan = Campaign.model_validate(base)
    assert months_of(phase_named(plan, "Cao điểm"), plan) == ()
    assert month_span(months_of(phase_named(plan, "Đợt A"), plan)) == "01–03/2025"


def test_calendar_years_and_months_are_themselves() -> None:
    assert months_of(calendar_year(2026)) == tuple(month(2026, n) for n in range(1, 13))
    assert months_of(month(2026, 2)) == (month(2026, 2),)


def test_months_not_begun_are_not_judged() -> None:
    year = months_of(calendar_year(2026))
    assert month_span(started(year, D(2026, 11, 29))) == "01–11/2026"
    assert started(year, D(2025, 12, 31)) == ()
    assert started(year, None) == year


def test_every_campaign_file_states_the_rule(tmp_path: Path) -> None:
    for path in sorted(CAMPAIGNS_DIR.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert '\nmonth_rule = "most_days"\n' in text, path.name
        assert "chứa nhiều ngày của" in text, path.name
    broken = tmp_path / "broken.toml"
    source = (CAMPAIGNS_DIR / "hai_an_2024.toml").read_text(encoding="utf-8")
    broken.write_text(source.replace('month_rule = "most_days"', 'month_rule = "first_day"'))
    with pytest.raises(ConfigFileError, match="month_rule"):
        load_campaign(broken)
