"""Yearly ratings of teams and members, with the cap on "excellent" applied deterministically."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from reports.periods import in_progress, whole_months
from reports.rating_rules import LevelId, RatingRules
from reports.records import MemberRecord
from reports.scope import Scope
from reports.team_summary import TeamSummary

Reason = Literal["rated", "too_short", "no_data"]


@dataclass(frozen=True)
class Rating:
    """One team's or member's rating; `level` is None when not rated (see `reason`)."""

    subject: Literal["team", "member"]
    id: int
    name: str
    team_name: str
    active_months: int
    score: Fraction | None
    level: LevelId | None
    reason: Reason
    capped: bool = False


@dataclass(frozen=True)
class Ratings:
    """The ratings of a ward's teams and members for one rating year."""

    rules: RatingRules
    teams: tuple[Rating, ...]
    members: tuple[Rating, ...]


def _span(members: tuple[MemberRecord, ...], start: date, end: date) -> tuple[date, date] | None:
    """The first and last day inside `start`..`end` on which any of `members` was active."""
    active = [member for member in members if member.active_during(start, end)]
    if not active:
        return None
    first = max(start, min(member.joined_on for member in active))
    lasts = [
        end if member.left_on is None else min(end, member.left_on - timedelta(days=1))
        for member in active
    ]
    return first, max(lasts)


def _rated(
    rules: RatingRules, months: int, score: Fraction | None
) -> tuple[LevelId | None, Reason]:
    """The level for a score, or why there is none."""
    if months < rules.min_active_months:
        return None, "too_short"
    if score is None:
        return None, "no_data"
    return rules.level_for(float(score)), "rated"


def _member_score(member: MemberRecord, scope: Scope) -> Fraction | None:
    """Share of the member's active months (the year's months, reports/month_rule.py) in which
    they took part in at least one report; a month not ended yet counts only if they did."""
    took_part = scope.activity.member_months(member.unit_id, member.id)
    windows = [
        number
        for number, window in enumerate(scope.activity.months)
        if member.active_during(window.start, window.end)
        and (number in took_part or not in_progress(window, scope.as_of))
    ]
    if not windows:
        return None
    busy = sum(1 for number in windows if number in took_part)
    return Fraction(100 * busy, len(windows))


def cap_excellent(ratings: list[Rating], cap_percent: int) -> list[Rating]:
    """Keep "excellent" for at most `cap_percent`% of those rated good or better (rounded
    down), the highest scores first and lower ids on ties; the rest become "good"."""
    good_or_better = [rating for rating in ratings if rating.level in ("excellent", "good")]
    allowed = len(good_or_better) * cap_percent // 100
    excellent = sorted(
        (rating for rating in ratings if rating.level == "excellent"),
        key=lambda rating: (-(rating.score or 0), rating.id),
    )
    demoted = {rating.id for rating in excellent[allowed:]}
    return [
        replace(rating, level="good", capped=True) if rating.id in demoted else rating
        for rating in ratings
    ]


def rate(rules: RatingRules, scope: Scope, teams: tuple[TeamSummary, ...]) -> Ratings:
    """Rate every team and every member who belonged to a team during the rating year, over its
    months (reports/month_rule.py: 12 calendar months), those ended by the summary's day."""
    judged = scope.activity.months
    if not judged:
        start, end = scope.period.start, scope.period.end
    else:
        start, end = judged[0].start, judged[-1].end
        if scope.as_of is not None:
            end = max(start, min(end, scope.as_of))
    team_ratings: list[Rating] = []
    for summary in teams:
        span = _span(scope.members_of(summary.team.id), start, end)
        months = whole_months(*span) if span else 0
        level, reason = _rated(rules, months, summary.score)
        team_ratings.append(
            Rating(
                "team",
                summary.team.id,
                summary.team.name,
                summary.team.name,
                months,
                summary.score,
                level,
                reason,
            )
        )
    names = {team.id: team.name for team in scope.teams}
    member_ratings: list[Rating] = []
    for member in scope.members:
        span = _span((member,), start, end)
        if span is None:
            continue
        months = whole_months(*span)
        score = _member_score(member, scope)
        level, reason = _rated(rules, months, score)
        member_ratings.append(
            Rating(
                "member",
                member.id,
                member.full_name,
                names.get(member.unit_id, ""),
                months,
                score,
                level,
                reason,
            )
        )
    cap = rules.excellent_cap_percent
    return Ratings(
        rules,
        tuple(cap_excellent(team_ratings, cap)),
        tuple(cap_excellent(member_ratings, cap)),
    )
