"""The four plans load from config/campaigns, and a broken file fails with one clear line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reports.campaigns import CAMPAIGNS_DIR, load_campaign, load_campaigns
from reports.config_files import ConfigFileError
from reports.periods import MonthDay
from reports.rating_rules import RATING_FILE, load_rating_rules


def test_one_campaign_per_plan() -> None:
    assert sorted(load_campaigns()) == [
        "ha-noi-357",
        "hai-an-2024",
        "phan-dinh-phung-2025",
        "yen-hoa-179",
    ]


def test_phase_dates_are_the_plans() -> None:
    campaigns = load_campaigns()
    dates = {
        key: [(phase.name, phase.start, phase.end) for phase in campaign.phases]
        for key, campaign in campaigns.items()
    }
    assert dates["hai-an-2024"] == [
        ("Đợt 1", date(2024, 11, 1), date(2025, 2, 3)),
        ("Đợt 2", date(2025, 2, 4), date(2025, 8, 19)),
    ]
    assert dates["ha-noi-357"] == [
        ("Đợt 1", date(2025, 12, 22), date(2026, 1, 30)),
        ("Đợt 2", date(2026, 2, 1), date(2026, 4, 30)),
    ]
    assert dates["phan-dinh-phung-2025"] == [
        ("Đợt 1", date(2025, 1, 1), date(2025, 3, 31)),
        ("Đợt 2", date(2025, 4, 1), date(2025, 6, 30)),
        ("Đợt 3", date(2025, 7, 1), date(2025, 9, 30)),
        ("Đợt 4", date(2025, 10, 1), date(2025, 12, 31)),
    ]
    assert dates["yen-hoa-179"] == []
    yen_hoa = campaigns["yen-hoa-179"]
    assert yen_hoa.recurring is not None and yen_hoa.recurring.start == date(2026, 1, 1)
    assert yen_hoa.report_before == MonthDay(11, 10)
    ha_noi = campaigns["ha-noi-357"].recurring
    assert ha_noi is not None and ha_noi.start == date(2026, 5, 1)


def test_targets_quote_the_plans() -> None:
    """Spot checks of the figures against the seeds."""
    hai_an = {spec.id: spec for spec in load_campaigns()["hai-an-2024"].indicators}
    assert hai_an["tips-through-force"].target == 80  # "80% nguồn tin" [001 IV.1]
    assert hai_an["households-provided"].target == 90  # "trên 90%" [001 IV.4]
    assert hai_an["households-provided"].comparison == "more_than"
    assert hai_an["model-acknowledged"].target == 1  # "ít nhất 1 mô hình" [001 IV.2]
    assert hai_an["good-deed-every-month"].seed == "001 IV.7"
    ha_noi = {spec.id: spec for spec in load_campaigns()["ha-noi-357"].indicators}
    assert ha_noi["teams-on-night-patrol"].patrol_kinds == ("night",)  # [000 II.10]
    assert ha_noi["propaganda-joined"].incident_kinds == ("propaganda",)  # [000 II.3]
    assert all(spec.seed for campaign in load_campaigns().values() for spec in campaign.indicators)


def test_every_campaign_commends_one_collective_or_one_individual() -> None:
    for campaign in load_campaigns().values():
        rule = campaign.commendation
        assert (rule.collectives, rule.individuals, rule.either) == (1, 1, True)
    assert load_campaigns()["yen-hoa-179"].commendation.per == "year"
    assert load_campaigns()["hai-an-2024"].commendation.per == "phase"


def test_rating_rules_come_from_configuration() -> None:
    rules = load_rating_rules()
    assert rules.year_starts == MonthDay(11, 15)
    assert rules.min_active_months == 9
    assert rules.excellent_cap_percent == 20
    assert [(level.id, level.min_score) for level in rules.levels][:2] == [
        ("excellent", 95),
        ("good", 80),
    ]
    assert rules.level_for(95) == "excellent"
    assert rules.level_for(94.9) == "good"
    assert rules.level_for(80) == "good"


def _broken(tmp_path: Path, old: str, new: str, source: str = "hai_an_2024.toml") -> Path:
    text = (CAMPAIGNS_DIR / source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("end = 2025-02-03", "end = 2025-03-03", "starts before 'Đợt 1' ends"),
        ('computation = "tips_through_force"', 'computation = "tips"', "computation"),
        ('figure = "tips_total"', 'figure = "tips_all"', "no police figure 'tips_all'"),
        ("target = 80", "target = 180", "at most 100"),
        ('per = "phase"', 'per = "month"', "commendation.per"),
        ("max_minutes = 30", "max_minutes = -1", "max_minutes"),
        ("start = 2024-11-01", 'start = "sometime"', "phases.0.start"),
        ("[commendation]", "[commendation\n", "not valid TOML"),
    ],
)
def test_a_broken_file_names_itself_and_the_problem(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ConfigFileError) as raised:
        load_campaign(path)
    message = str(raised.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_a_yes_no_indicator_takes_no_target(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'figure = "no_reoffending"', 'figure = "no_reoffending"\ntarget = 1')
    with pytest.raises(ConfigFileError, match="a yes/no indicator has no target"):
        load_campaign(path)


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(
            (CAMPAIGNS_DIR / "hai_an_2024.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    with pytest.raises(ConfigFileError, match=r"b\.toml: id: 'hai-an-2024' is used"):
        load_campaigns(tmp_path)


def test_broken_rating_rules_are_refused(tmp_path: Path) -> None:
    text = RATING_FILE.read_text(encoding="utf-8").replace("min_score = 80", "min_score = 99")
    path = tmp_path / "rating.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError, match="strictly less than the one above"):
        load_rating_rules(path)
