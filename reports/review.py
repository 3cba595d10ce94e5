"""What the ward police decide about a report they review, as it is kept in the report's payload:
a tip is valuable or not (`valuable`), a model was acknowledged or not (`acknowledged`) and by
whom (`acknowledged_level`), with a short note (`review_note`: the outcome of a tip, the paper
that commended a model). Who decided and when is the audit trail's (`report_changes`).

A level of acknowledgement belongs to a tier of government (commune, district, province,
central); a plan asking for "Công an quận trở lên" counts the district tier and above. A
People's Committee counts as its tier, like the police of that tier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from reports.payload import flag, text

VALUABLE = "valuable"
ACKNOWLEDGED = "acknowledged"
LEVEL = "acknowledged_level"
NOTE = "review_note"
# Every key the police's decision writes; the author's own edits leave them as they are.
REVIEW_KEYS = (VALUABLE, ACKNOWLEDGED, LEVEL, NOTE)
# The kinds the ward police review, and the flag each decision sets.
REVIEWED_KINDS = {"tip": VALUABLE, "model": ACKNOWLEDGED}
NOTE_LENGTH = 500

Tier = Literal["commune", "district", "province", "central"]
TIERS: tuple[Tier, ...] = ("commune", "district", "province", "central")
# Who can have acknowledged a model, in the order an officer is offered them, and their tier.
LEVELS: dict[str, Tier] = {
    "commune_police": "commune",
    "commune_committee": "commune",
    "district_police": "district",
    "district_committee": "district",
    "province_police": "province",
    "province_committee": "province",
    "ministry": "central",
}


def acknowledged_tier(payload: Mapping[str, object]) -> Tier | None:
    """The tier that acknowledged a model; None when it is not acknowledged. An acknowledgement
    with no level recorded counts at the lowest tier only."""
    if flag(payload, ACKNOWLEDGED) is not True:
        return None
    return LEVELS.get(text(payload, LEVEL), "commune")


def reaches(tier: Tier, minimum: Tier) -> bool:
    """Whether `tier` is `minimum` or above."""
    return TIERS.index(tier) >= TIERS.index(minimum)


def decision(kind: str, payload: Mapping[str, object]) -> bool | None:
    """The police's yes or no about a reviewed report; None while it waits for review."""
    key = REVIEWED_KINDS.get(kind)
    return flag(payload, key) if key is not None else None
