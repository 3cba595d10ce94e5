"""How a rating reads in the Word report and the workbook: the level, why a team or member was
capped or not rated, and the written rule for ties at the cap on "excellent"."""

from __future__ import annotations

from reports import labels
from reports.rating import Rating
from reports.rating_rules import RatingRules


def level_text(rating: Rating, rules: RatingRules) -> str:
    """ "Hoàn thành tốt nhiệm vụ (giới hạn 20% xuất sắc)", "Không xếp loại (dưới 9 tháng)"."""
    if rating.level is None:
        return labels.NOT_RATED[rating.reason].format(months=rules.min_active_months)
    text = rules.level(rating.level).label
    if rating.tied:
        return text + labels.TIED.format(cap=rules.excellent_cap_percent)
    if rating.capped:
        return text + labels.CAPPED.format(cap=rules.excellent_cap_percent)
    return text


def cap_rule_text(rules: RatingRules) -> str:
    """The cap on "excellent" and how ties where it falls are broken, as the officer reads it."""
    if not rules.excellent_ties:
        return labels.RATING_CAP_RULE_NO_TIES.format(cap=rules.excellent_cap_percent)
    ties = ", ".join(labels.TIE_RULES[rule] for rule in rules.excellent_ties)
    return labels.RATING_CAP_RULE.format(cap=rules.excellent_cap_percent, ties=ties)
