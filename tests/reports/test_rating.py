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
from io import BytesIO

from openpyxl import load_workbook

from reports.campaigns import Campaign, load_campaigns
from reports.excel import ward_workbook
from reports.periods import majority_months, rating_year
from reports.rating import Rating, cap_excellent
from reports.rating_rules import LevelId, load_rating_rules
from reports.summary import summarise_ward
from tests.reports.builders import Ward

RULES = load_rating_rules()
YEAR = rating_year(2026, RULES.year_starts)
WINDOWS = majority_months(YEAR)


def one_target_campaign() -> Campaign:
    base = load_campaigns()["hai-an-2024"].model_dump()
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
    # score 100 with as many reports and months: still equal under the written rule, they stay
    # together, and three do not fit in two: all three are "good" (never the first two listed).
    assert levels(teams) == [
        ("01", "good", True),
        ("02", "good", True),
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


def test_ties_at_the_cap_follow_the_written_rule() -> None:
    # 10 good or better → 2 may be excellent. Four score 100: "Tổ Ư" took part in the most
    # reports (first rule); "Tổ Đ" and "Tổ Ơ" are equal in reports, "Tổ Ơ" was active longer
    # (second rule); "Tổ Â" has fewer reports. Listed in the worst order on purpose.
    rules = load_rating_rules()
    assert rules.excellent_ties == ("reports", "active_months")
    cases: list[tuple[str, int, int, LevelId]] = [
        ("Tổ Â", 12, 30, "excellent"),
        ("Tổ Đ", 11, 40, "excellent"),
        ("Tổ Ơ", 12, 40, "excellent"),
        ("Tổ Ư", 10, 50, "excellent"),
        *((f"Tổ {n}", 12, 10, "good") for n in range(5, 11)),
    ]
    ratings = [
        Rating("team", index, name, name, months, Fraction(100), level, "rated", reports=reports)
        for index, (name, months, reports, level) in enumerate(cases, start=1)
    ]
    capped = {r.name: r for r in cap_excellent(ratings, 20, rules.excellent_ties)}
    assert [name for name, r in capped.items() if r.level == "excellent"] == ["Tổ Ơ", "Tổ Ư"]
    # Equal on every rule where the cap falls: kept together, all "good", marked tied.
    same = [
        Rating("member", index, f"Thành viên {index}", "", 12, Fraction(100), "excellent", "rated")
        for index in range(1, 4)
    ] + [
        Rating("member", index, f"Thành viên {index}", "", 12, Fraction(85), "good", "rated")
        for index in range(4, 11)
    ]
    result = cap_excellent(same, 20, rules.excellent_ties)
    assert [(r.level, r.tied) for r in result[:3]] == [("good", True)] * 3


def test_a_good_deed_in_five_months_of_twelve_is_not_good() -> None:
    # Hà Nội asks a good deed every month (II.7). Tổ Ơn does everything else every month:
    # traffic with both members, a night patrol, fully staffed, a call-out in time; good deeds
    # in 5 months only. The mean of its tasks is above 80%, yet it is not "tốt".
    campaign = load_campaigns()["ha-noi-357"]
    w = Ward("Phường Nghĩa Đô", "Thành phố Hà Nội")
    team = w.team("Ơn", planned=2)
    lan = w.member(team, "Nguyễn Thị Lan", date(2025, 1, 1))
    hung = w.member(team, "Đỗ Văn Hùng", date(2025, 1, 1))
    for number, window in enumerate(WINDOWS):
        both = [lan, hung]
        w.report("traffic", team, lan, window.start, place="Cổng trường", participants=both)
        w.report("patrol", team, lan, window.start, patrol_kind="night", participants=both)
        if number < 5:
            w.report("good_deed", team, lan, window.start, what="Giúp dân", participants=[lan])
    w.call_out(team, lan, date(2026, 3, 10), "antt", "08:00", "08:20", [lan, hung])
    summary = summarise_ward(w.records(), w.ward_id, YEAR, campaign, RULES)
    assert summary.ratings is not None
    [rating] = summary.ratings.teams
    assert rating.score is not None and rating.score >= 80
    assert rating.level == "done"


def test_the_rating_year_workbook_lists_every_rating() -> None:
    w = build()
    summary = summarise_ward(w.records(), w.ward_id, YEAR, one_target_campaign(), RULES)
    assert summary.ratings is not None
    book = load_workbook(BytesIO(ward_workbook(summary, date(2026, 11, 20))))
    assert "Xếp loại" in book.sheetnames
    rows = [tuple(row) for row in book["Xếp loại"].iter_rows(values_only=True)]
    assert rows[0] == (
        "Đối tượng",
        "Tên",
        "Tổ",
        "Số tháng hoạt động",
        "Tỷ lệ nhiệm vụ (%)",
        "Xếp loại",
    )
    listed = {(row[0], row[1]): row[5] for row in rows[1:] if row[1]}
    expected = {
        **{("Tổ", r.name): r for r in summary.ratings.teams},
        **{("Thành viên", r.name): r for r in summary.ratings.members},
    }
    assert listed.keys() == expected.keys()
    for key, rating in expected.items():
        level = listed[key]
        assert isinstance(level, str)
        if rating.level is None:
            assert level.startswith("Không xếp loại")
        else:
            assert level.startswith(RULES.level(rating.level).label)
    assert listed[("Tổ", "Tổ bảo vệ ANTT số 12")] == "Không hoàn thành nhiệm vụ"
    notes = [row[0] for row in rows if row[0] and str(row[0]).startswith(("Căn cứ", "Số được"))]
    assert notes[0] == "Căn cứ: Hướng dẫn số 01/HD-BCA-V05 năm 2026."
    assert "xét lần lượt: số báo cáo tham gia nhiều hơn" in str(notes[1])
    # A month's workbook has no ratings.
    month_summary = summarise_ward(w.records(), w.ward_id, WINDOWS[3], one_target_campaign())
    month_book = load_workbook(BytesIO(ward_workbook(month_summary, date(2026, 11, 20))))
    assert "Xếp loại" not in month_book.sheetnames
