"""The rules for rating teams and members each year, read from config/campaigns/rules/."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from reports.campaigns import CAMPAIGNS_DIR, Frozen, YearDay
from reports.config_files import load_model

RATING_FILE = CAMPAIGNS_DIR / "rules" / "rating.toml"
LevelId = Literal["excellent", "good", "done", "not_done"]
LEVEL_ORDER: tuple[LevelId, ...] = ("excellent", "good", "done", "not_done")


class RatingLevel(Frozen):
    """A rating level and the share of tasks done it needs."""

    id: LevelId
    label: str
    min_score: int = Field(ge=0, le=100)


class RatingRules(Frozen):
    """Four levels, the rating year, the cap on "excellent" and the minimum time active."""

    # Printed in the report as "Căn cứ: …": no bracketed note such as "[cần kiểm tra]".
    source: str = Field(min_length=1, pattern=r"^[^\[\]]+$")
    year_starts: YearDay
    min_active_months: int = Field(ge=0, le=12)
    excellent_cap_percent: int = Field(ge=0, le=100)
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
        return self

    def level(self, level_id: LevelId) -> RatingLevel:
        """The level with this id."""
        return next(level for level in self.levels if level.id == level_id)

    def level_for(self, score: float) -> LevelId:
        """The highest level whose minimum `score` (0–100) reaches."""
        return next(level.id for level in self.levels if score >= level.min_score)


def load_rating_rules(path: Path = RATING_FILE) -> RatingRules:
    """The rating rules in force."""
    return load_model(path, RatingRules)
