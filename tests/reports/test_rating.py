"""Yearly ratings: four levels, nine months at least, and the cap on "excellent".

A campaign with one target (a good deed every month) makes the arithmetic plain: a team's
share of tasks done is its share of months with a good deed. The rating year 2026 runs
15/11/2025–14/11/2026 and is judged on 12 whole months, 11/2025–10/2026: November 2025 holds
more of its days in this year, November 2026 in the next (reports/month_rule.py).
Every team has one member, who writes its deeds, so members score as their teams do.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from reports.campaigns import Campaign, load_campaigns
from reports.periods import majority_months, rating_year
from reports.rating import Rating, cap_excellent
from reports.rating_rules import LevelId, load_rating_rules
from reports.summary import summarise_ward
from tests.reports.builders import Ward

RULES = load_rating_rules()
YEAR = rating_year(2026, RULES.year_starts)
WINDOWS = majority_months(YEAR)


def one_target_campaign() -> Campaign:
    base = load_campaigns()["yen-hoa-179"].model_dump()
    base["indicators"] = [
        spec for spec in base["indicators"] if spec["computation"] == "good_deed_every_month"
    ]
    base["police_figures"] = []
    return Campaign.model_validate(base)


def build() -> Ward:
    """Teams 1–3: 12/12 months; 4–7: 11/12; 8–10: 10/12; 11: 7/12; 12: 5/12;
    13: joined 01/03/2026 (8 whole months to 31/10: not rated)."""
    w = Ward()
    months_done = [12, 12, 12, 11, 11, 11, 11, 10, 10, 10, 7, 5, 8]
    for number, done in enumerate(months_done, start=1):
        team = w.team(f"{number:02d}", planned=1)
        joined = date(2026, 3, 1) if number == 13 else date(2025, 1, 1)
        member = w.member(team, f"Thành viên {number:02d}", joined)
        active = [window for window in WINDOWS if window.end >= joined]
        for window in active[:done]:
            w.report("good_deed", team, member, window.start, what="Việc tốt")
    return w


def levels(ratings: tuple[Rating, ...]) -> list[tuple[str, str | None, bool]]:
    return [(rating.name[-2:], rating.level, rating.capped) for rating in ratings]


def test_twelve_months_in_the_rating_year() -> None:
    assert (YEAR.start, YEAR.end, len(WINDOWS)) == (date(2025, 11, 15), date(2026, 11, 14), 12)
    assert (WINDOWS[0].start, WINDOWS[-1].end) == (date(2025, 11, 1), date(2026, 10, 31))


def test_team_ratings_with_the_cap() -> None:
    w = build()
    summary = summarise_ward(w.records(), w.ward_id, YEAR, one_target_campaign(), RULES)
    assert summary.ratings is not None
    teams = summary.ratings.teams
    scores = {rating.name[-2:]: rating.score for rating in teams}
    assert scores["01"] == 100
    assert scores["04"] == Fraction(1100, 12)  # 91.7%: "good"
    assert scores["08"] == Fraction(1000, 12)  # 83.3%: "good"
    assert scores["11"] == Fraction(700, 12)  # 58.3%: "done"
    assert scores["12"] == Fraction(500, 12)  # 41.7%: "not done"
    # Good or better: teams 1–10 = 10 → at most 20% × 10 = 2 excellent. Teams 1, 2, 3 all
    # score 100; ties go to the lower id, so 1 and 2 stay excellent and 3 is capped to good.
    assert levels(teams) == [
        ("01", "excellent", False),
        ("02", "excellent", False),
        ("03", "good", True),
        ("04", "good", False),
        ("05", "good", False),
        ("06", "good", False),
        ("07", "good", False),
        ("08", "good", False),
        ("09", "good", False),
        ("10", "good", False),
        ("11", "done", False),
        ("12", "not_done", False),
        ("13", None, False),
    ]
    last = teams[-1]
    assert (last.active_months, last.reason) == (8, "too_short")


def test_member_ratings_follow_the_same_rules() -> None:
    w = build()
    summary = summarise_ward(w.records(), w.ward_id, YEAR, one_target_campaign(), RULES)
    assert summary.ratings is not None
    assert levels(summary.ratings.members) == levels(summary.ratings.teams)


def test_the_cap_rounds_down() -> None:
    # 4 rated good or better → 20% × 4 = 0.8 → none may be excellent.
    cases: list[tuple[int, LevelId]] = [
        (100, "excellent"),
        (96, "excellent"),
        (90, "good"),
        (85, "good"),
    ]
    ratings = [
        Rating("team", index, f"Tổ {index}", "", 12, Fraction(score), level, "rated")
        for index, (score, level) in enumerate(cases, start=1)
    ]
    capped = cap_excellent(ratings, 20)
    assert [rating.level for rating in capped] == ["good", "good", "good", "good"]
    assert [rating.capped for rating in capped] == [True, True, False, False]


def test_the_highest_score_keeps_excellent() -> None:
    # 5 good or better → 1 excellent: the 100 beats the 96 even with a higher id.
    cases: list[tuple[int, LevelId]] = [
        (96, "excellent"),
        (100, "excellent"),
        (90, "good"),
        (85, "good"),
        (80, "good"),
    ]
    ratings = [
        Rating("member", index, f"M{index}", "", 12, Fraction(score), level, "rated")
        for index, (score, level) in enumerate(cases, start=1)
    ]
    assert [rating.level for rating in cap_excellent(ratings, 20)][:2] == ["good", "excellent"]
