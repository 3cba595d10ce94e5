"""The rules for rating teams and members each year, read from config/campaigns/rules/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from reports.campaigns import CAMPAIGNS_DIR, Frozen, YearDay
from reports.config_files import load_model

RATING_FILE = CAMPAIGNS_DIR / "rules" / "rating.toml"
LevelId = Literal["excellent", "good", "done", "not_done"]
# What breaks a tie of scores where the cap on "excellent" falls: more reports taken part in
# (a team: sent), more whole months active.
TieBreak = Literal["reports", "active_months"]
LEVEL_ORDER: tuple[LevelId, ...] = ("excellent", "good", "done", "not_done")


class RatingLevel(Frozen):
    """A rating level, the share of tasks done it needs, and the share each task needs."""

    id: LevelId
    label: str
    min_score: int = Field(ge=0, le=100)
    # Every task (each target with a verdict) must reach this share too: a team with a good
    # deed in 5 months of 12 under a plan that asks one every month is not "tốt" however well
    # it did the rest.
    min_each: int = Field(default=0, ge=0, le=100)


class RatingRules(Frozen):
    """Four levels, the rating year, the cap on "excellent" and the minimum time active."""

    # Printed in the report as "Căn cứ: …": no bracketed note such as "[cần kiểm tra]".
    source: str = Field(min_length=1, pattern=r"^[^\[\]]+$")
    year_starts: YearDay
    min_active_months: int = Field(ge=0, le=12)
    excellent_cap_percent: int = Field(ge=0, le=100)
    excellent_ties: tuple[TieBreak, ...] = ()
    levels: tuple[RatingLevel, ...]

    @model_validator(mode="after")
    def _four_levels(self) -> RatingRules:
        if tuple(level.id for level in self.levels) != LEVEL_ORDER:
            raise ValueError(f"levels must be, in order: {', '.join(LEVEL_ORDER)}")
        scores = [level.min_score for level in self.levels]
        if scores != sorted(scores, reverse=True) or len(set(scores)) != len(scores):
            raise ValueError("each level must need strictly less than the one above it")
        if scores[-1] != 0:
            raise ValueError("the lowest level must start at 0")
        each = [level.min_each for level in self.levels]
        if each != sorted(each, reverse=True) or each[-1] != 0:
            raise ValueError("min_each must not grow from one level to the next, down to 0")
        if len(set(self.excellent_ties)) != len(self.excellent_ties):
            raise ValueError("excellent_ties names a rule twice")
        return self

    def level(self, level_id: LevelId) -> RatingLevel:
        """The level with this id."""
        return next(level for level in self.levels if level.id == level_id)

    def level_for(self, score: float, lowest: float | None = None) -> LevelId:
        """The highest level whose minimum `score` (0–100) reaches, with every task at least
        its `min_each` (`lowest` is the share of the task done least; None: no task apart)."""
        return next(
            level.id
            for level in self.levels
            if score >= level.min_score and (lowest is None or lowest >= level.min_each)
        )


@cache
def load_rating_rules(path: Path = RATING_FILE) -> RatingRules:
    """The rating rules in force: read once per file and process, like the campaign (the
    rules are frozen, so every summary may share them)."""
    return load_model(path, RatingRules)
