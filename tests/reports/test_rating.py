"""Yearly ratings: four levels, nine months at least, and the cap on "excellent".

A campaign with one target (a good deed every month) makes the arithmetic plain: a team's
share of tasks done is its share of months with a good deed. The rating year 2026 runs
15/11/2025–14/11/2026 and touches 13 months (15–30/11/2025, Dec, Jan … Oct, 01–14/11/2026).
Every team has one member, who writes its deeds, so members score as their teams do.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from reports.campaigns import Campaign, load_campaigns
from reports.periods import rating_year
from reports.rating import Rating, cap_excellent
from reports.rating_rules import LevelId, load_rating_rules
from reports.summary import summarise_ward
from tests.reports.builders import Ward

RULES = load_rating_rules()
YEAR = rating_year(2026, RULES.year_starts)
WINDOWS = YEAR.months()


def one_target_campaign() -> Campaign:
    base = load_campaigns()["hai-an-2024"].model_dump()
    base["indicators"] = [
        spec for spec in base["indicators"] if spec["computation"] == "good_deed_every_month"
    ]
    base["police_figures"] = []
    return Campaign.model_validate(base)


def build() -> Ward:
    """Teams 1–3: 13/13 months; 4–7: 12/13; 8–10: 11/13; 11: 7/13; 12: 5/13;
    13: joined 01/03/2026 (8 whole months to 14/11: not rated)."""
    w = Ward()
    months_done = [13, 13, 13, 12, 12, 12, 12, 11, 11, 11, 7, 5, 9]
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


def test_thirteen_months_in_the_rating_year() -> None:
    assert (YEAR.start, YEAR.end, len(WINDOWS)) == (date(2025, 11, 15), date(2026, 11, 14), 13)


def test_team_ratings_with_the_cap() -> None:
    w = build()
    summary = summarise_ward(w.records(), w.ward_id, YEAR, one_target_campaign(), RULES)
    assert summary.ratings is not None
    teams = summary.ratings.teams
    scores = {rating.name[-2:]: rating.score for rating in teams}
    assert scores["01"] == 100
    assert scores["04"] == Fraction(1200, 13)  # 92.3%: "good"
    assert scores["08"] == Fraction(1100, 13)  # 84.6%: "good"
    assert scores["11"] == Fraction(700, 13)  # 53.8%: "done"
    assert scores["12"] == Fraction(500, 13)  # 38.5%: "not done"
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
