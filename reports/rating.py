"""Yearly ratings of teams and members, with the cap on "excellent" applied by a written rule:
scores, then the ties rules of config/campaigns/rules/rating.toml, never the order of a list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from itertools import groupby
from typing import Literal

from reports.periods import in_progress, whole_months
from reports.rating_rules import LevelId, RatingRules, TieBreak
from reports.records import MemberRecord
from reports.scope import Scope
from reports.team_summary import TeamSummary

Reason = Literal["rated", "too_short", "no_data", "no_target"]


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
    reports: int = 0  # reports taken part in (a team: sent), for breaking ties at the cap
    tied: bool = False  # capped with others of equal standing that did not all fit


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
    rules: RatingRules, months: int, score: Fraction | None, lowest: Fraction | None = None
) -> tuple[LevelId | None, Reason]:
    """The level for a score (and the share of the task done least), or why there is none."""
    if months < rules.min_active_months:
        return None, "too_short"
    if score is None:
        return None, "no_data"
    return rules.level_for(float(score), None if lowest is None else float(lowest)), "rated"


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


def _standing(rating: Rating, ties: tuple[TieBreak, ...]) -> tuple[Fraction | int, ...]:
    """What orders those rated "excellent", best first when sorted: the score, then the
    tie-breaking rules in their order."""
    order: list[Fraction | int] = [-(rating.score or 0)]
    for rule in ties:
        order.append(-(rating.reports if rule == "reports" else rating.active_months))
    return tuple(order)


def cap_excellent(
    ratings: list[Rating], cap_percent: int, ties: tuple[TieBreak, ...] = ()
) -> list[Rating]:
    """Keep "excellent" for at most `cap_percent`% of those rated good or better (rounded
    down), the highest scores first, equal scores by the rules of `ties` in order. Those still
    equal where the cap falls stay together: if not all of them fit, none keeps "excellent"
    (they are marked `tied`), and no one below them does. The rest become "good"."""
    good_or_better = [rating for rating in ratings if rating.level in ("excellent", "good")]
    allowed = len(good_or_better) * cap_percent // 100
    excellent = sorted(
        (rating for rating in ratings if rating.level == "excellent"),
        key=lambda rating: _standing(rating, ties),
    )
    kept: set[int] = set()
    tied: set[int] = set()
    for _, group in groupby(excellent, key=lambda rating: _standing(rating, ties)):
        members = [rating.id for rating in group]
        if len(kept) + len(members) > allowed:
            if len(members) > 1 and len(kept) < allowed:
                tied.update(members)
            break
        kept.update(members)
    return [
        replace(rating, level="good", capped=True, tied=rating.id in tied)
        if rating.level == "excellent" and rating.id not in kept
        else rating
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
        level, reason = _rated(rules, months, summary.score, summary.lowest)
        if reason == "no_data" and any(r.status == "no_target" for r in summary.indicators):
            reason = "no_target"  # figures there are, but no target to judge them by
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
                reports=summary.tally.reports,
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
                reports=scope.activity.member_total(member.unit_id, member.id).reports,
            )
        )
    cap, ties = rules.excellent_cap_percent, rules.excellent_ties
    return Ratings(
        rules,
        tuple(cap_excellent(team_ratings, cap, ties)),
        tuple(cap_excellent(member_ratings, cap, ties)),
    )
