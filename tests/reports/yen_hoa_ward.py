"""Yên Hòa in November 2026, as in UX.md's digest: three teams, worked out by hand.

Tổ 7 (planned 4): 4 members. Tổ 12 (planned 5): 5. Tổ 19 (planned 3): 2. Active on 30/11: 11.
Tips carry the marker SECRET so tests can prove no tip content leaves the police.
"""

from __future__ import annotations

from datetime import date

from reports.campaigns import Campaign, load_campaigns
from reports.periods import month
from reports.summary import WardSummary, summarise_ward
from tests.reports.builders import Ward

D = date
SECRET = "SECRET-TIP"


# Plan 179 sets no figures; this ward set its own: 100% for every share it tracks.
WARD_TARGETS = {
    "good-deed-every-month": 100,
    "antt-call-outs-in-time": 100,
    "propaganda-joined": 100,
    "members-on-patrol": 100,
    "members-guiding-traffic": 100,
    "teams-fully-staffed": 100,
}


def as_filed() -> Campaign:
    """The campaign as its file has it: no target anywhere."""
    return load_campaigns()["yen-hoa-179"]


def campaign() -> Campaign:
    """The campaign with the targets the ward set itself."""
    return as_filed().with_ward_targets(WARD_TARGETS)


def build(team_name: str | None = None, deed: str = "Giúp cụ bà ở ngõ 12 qua đường") -> Ward:
    """The ward; `team_name` renames Tổ 7 and `deed` is the text of Tổ 12's good deeds."""
    w = Ward("Phường Yên Hòa", "Thành phố Hà Nội")
    t7, t12, t19 = w.team(7, 4), w.team(12, 5), w.team(19, 3)
    if team_name is not None:
        w.units = [
            unit if unit.id != t7 else type(unit)(unit.id, unit.kind, team_name, unit.parent_id, 4)
            for unit in w.units
        ]
    m7 = [w.member(t7, f"Nguyễn Văn {name}", D(2025, 3, 1)) for name in "ABCD"]
    m12 = [w.member(t12, f"Trần Thị {name}", D(2025, 3, 1)) for name in "EGHIK"]
    m19 = [w.member(t19, f"Lê Văn {name}", D(2025, 3, 1)) for name in "LM"]
    w.report("good_deed", t12, m12[0], D(2026, 11, 1), what=deed, participants=m12[:2], photos=1)
    w.report("good_deed", t12, m12[1], D(2026, 11, 22), what=deed, participants=[m12[1]])
    w.report(
        "good_deed",
        t19,
        m19[0],
        D(2026, 11, 30),
        what="Nhặt được ví, trả lại người mất",
        participants=m19,
    )
    w.report("good_deed", t7, m7[0], D(2026, 10, 31), what="Tháng trước", participants=[m7[0]])
    w.call_out(t12, m12[2], D(2026, 11, 5), "antt", "20:00", "20:12", participants=m12[2:4])
    w.call_out(t7, m7[1], D(2026, 11, 9), "antt", "08:00", "08:30", participants=[m7[1]])
    w.report(
        "patrol",
        t12,
        m12[0],
        D(2026, 11, 14),
        patrol_kind="night",
        span="22:00-24:00",
        area="Ngõ 12 Trung Kính",
        participants=m12,
        violations=3,
    )
    w.report(
        "patrol",
        t7,
        m7[2],
        D(2026, 11, 15),
        patrol_kind="antt",
        span="19:00-21:00",
        area="Chợ Yên Hòa",
        participants=m7[2:],
        violations=1,
    )
    for index, valuable in enumerate((True, True, None)):
        w.report(
            "tip",
            t12 if index else t7,
            (m12[4] if index else m7[3]),
            D(2026, 11, 10 + index),
            content=f"{SECRET} nội dung {index}",
            place=f"{SECRET} nơi {index}",
            valuable=valuable,
        )
    w.report(
        "reintegration",
        t19,
        m19[1],
        D(2026, 11, 20),
        person_alias=f"{SECRET}-ALIAS",
        visits=2,
        outcome=f"{SECRET}-OUTCOME",
    )
    w.police(D(2026, 11, 1), D(2026, 11, 30), no_serious_case=True)
    return w


def november(w: Ward | None = None) -> WardSummary:
    ward = w or build()
    return summarise_ward(ward.records(), ward.ward_id, month(2026, 11), campaign())
