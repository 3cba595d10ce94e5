"""The workbook's "Xếp loại" sheet for a rating year: each team's and member's level, with the
rules it was given by (the source, the cap on "excellent" and how ties are broken)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports import labels
from reports.rating import Rating, Ratings
from reports.rating_text import cap_rule_text, level_text
from reports.summary import WardSummary

Cell = str | int | float | None


@dataclass(frozen=True)
class RatingSheet:
    """What the sheet holds: its title, headings, one row per team or member, and notes."""

    title: str
    headers: tuple[str, ...]
    rows: list[list[Cell]]
    notes: tuple[str, ...]


def _row(rating: Rating, ratings: Ratings) -> list[Cell]:
    """A team or member: who, how long active, the share of tasks done, the level."""
    score = None if rating.score is None else round(float(rating.score), 1)
    return [
        labels.RATING_SUBJECTS[rating.subject],
        rating.name,
        labels.short_team_name(rating.team_name),
        rating.active_months,
        score,
        level_text(rating, ratings.rules),
    ]


def rating_sheet(wards: Sequence[WardSummary], with_ward: bool) -> RatingSheet | None:
    """The ratings of every ward rated (teams first, then members), or None when the period
    is not a rating year."""
    rated = [ward for ward in wards if ward.ratings is not None]
    if not rated:
        return None
    rows: list[list[Cell]] = []
    for ward in rated:
        ratings = ward.ratings
        assert ratings is not None
        for rating in (*ratings.teams, *ratings.members):
            row = _row(rating, ratings)
            rows.append([ward.ward.name, *row] if with_ward else row)
    rules = rated[0].ratings.rules if rated[0].ratings is not None else None
    assert rules is not None  # every ward of a period is rated by the same rules
    ward_column = (labels.WARD_HEADERS[1],) if with_ward else ()
    return RatingSheet(
        labels.SHEET_RATINGS,
        (*ward_column, *labels.RATING_SHEET_HEADERS),
        rows,
        (labels.RATING_SOURCE.format(source=rules.source), cap_rule_text(rules)),
    )
