"""Declared forms: one TOML file per report kind in config/forms, validated at start-up."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FORMS_DIR = Path(__file__).resolve().parents[2] / "config" / "forms"
NAME = r"^[a-z][a-z0-9_]*$"

FieldType = Literal[
    "text",
    "number",
    "choice",
    "choices",
    "yesno",
    "date",
    "moment",
    "span",
    "photo",
    "location",
    "participants",
]


class Choice(BaseModel):
    """One answer of a choice question: the stored value and its button's catalogue key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str = Field(pattern=NAME, max_length=24)
    label: str


class FieldSpec(BaseModel):
    """One question of a form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME, max_length=24)
    type: FieldType
    prompt: str
    label: str
    required: bool = True
    # False: not asked in turn; the summary offers it as a button (optional details).
    asked: bool = True
    min_length: int = Field(default=1, ge=0)
    max_length: int = Field(default=1000, ge=1, le=3500)
    min_value: int = 0
    max_value: int = Field(default=100_000, ge=0)
    quick: tuple[int, ...] = ()
    choices: tuple[Choice, ...] = ()
    min_selected: int = Field(default=1, ge=0)
    max_past_days: int = Field(default=366, ge=0)
    max_photos: int = Field(default=1, ge=1, le=10)
    quick_minutes: tuple[int, ...] = ()
    relative_to: str | None = None
    sets_day: str | None = Field(default=None, pattern=NAME)

    @model_validator(mode="after")
    def _consistent(self) -> FieldSpec:
        if self.min_length > self.max_length:
            raise ValueError("min_length is above max_length")
        if self.min_value > self.max_value:
            raise ValueError("min_value is above max_value")
        if any(not self.min_value <= value <= self.max_value for value in self.quick):
            raise ValueError("a quick value is outside min_value..max_value")
        if self.type in ("choice", "choices") and len(self.choices) < 2:
            raise ValueError(f"a {self.type} field needs at least two choices")
        if self.type not in ("choice", "choices") and self.choices:
            raise ValueError("only choice and choices fields have choices")
        if len({choice.value for choice in self.choices}) != len(self.choices):
            raise ValueError("two choices have the same value")
        if self.required and not self.asked:
            raise ValueError("a required field must be asked (asked = true)")
        if self.relative_to is not None and self.type != "moment":
            raise ValueError("only a moment field can be relative_to another")
        if self.sets_day is not None and self.type != "span":
            raise ValueError("only a span field sets_day")
        return self

    def choice_label(self, value: str) -> str | None:
        """The catalogue key of a choice's label."""
        return next((choice.label for choice in self.choices if choice.value == value), None)


class OnTime(BaseModel):
    """A call-out is on time when it took at most `minutes` from one moment to the other."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str
    end: str
    minutes: int = Field(ge=1, le=24 * 60)


class FormSpec(BaseModel):
    """A report kind as a sequence of questions, ending in a summary to confirm."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=NAME)
    title: str
    menu_label: str
    confirmed: str
    occurred_on: str
    menu: Literal["main", "more"] = "more"
    on_time: OnTime | None = None
    # Tips and reintegration records: seen by their author and the police only.
    police_only: bool = False
    fields: tuple[FieldSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _fields_consistent(self) -> FormSpec:
        names = [field.name for field in self.fields]
        if len(set(names)) != len(names):
            raise ValueError("two fields have the same name")
        by_name = {field.name: field for field in self.fields}
        for index, field in enumerate(self.fields):
            if field.relative_to is not None:
                base = by_name.get(field.relative_to)
                earlier = [f.name for f in self.fields[:index]]
                if base is None or base.type != "moment" or base.name not in earlier:
                    raise ValueError(
                        f"field {field.name!r}: relative_to must name an earlier moment field"
                    )
        if self.on_time is not None:
            for end in (self.on_time.start, self.on_time.end):
                if end not in by_name or by_name[end].type != "moment":
                    raise ValueError(f"on_time: {end!r} is not a moment field of this form")
        if not any(field.asked for field in self.fields):
            raise ValueError("no field is asked")
        day = by_name.get(self.occurred_on)
        derived = any(f.sets_day == self.occurred_on and f.required for f in self.fields)
        dated = day is not None and day.type in ("date", "moment") and day.required
        if not (dated or derived):
            raise ValueError(
                f"occurred_on names no required date, moment or span day: {self.occurred_on!r}"
            )
        return self

    def field(self, name: str) -> FieldSpec:
        """The field called `name` (KeyError when the form has none)."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def asked(self) -> tuple[FieldSpec, ...]:
        """The questions asked in turn."""
        return tuple(field for field in self.fields if field.asked)

    def number_of(self, name: str) -> int:
        """The 1-based step number of an asked field; 0 for one offered from the summary."""
        names = [field.name for field in self.asked]
        return names.index(name) + 1 if name in names else 0


class FormFileError(Exception):
    """A form file is broken; the message names the file, the form, the field and the problem."""


def load_forms(directory: Path = FORMS_DIR) -> dict[str, FormSpec]:
    """Every form in `directory`, keyed by report kind, in the order of their file names."""
    forms: dict[str, FormSpec] = {}
    for path in sorted(directory.glob("*.toml")):
        form = _load_form(path)
        if form.kind in forms:
            raise FormFileError(f"{path.name}: form {form.kind!r} is declared twice")
        forms[form.kind] = form
    if not forms:
        raise FormFileError(f"{directory}: no form files (*.toml)")
    return forms


def _load_form(path: Path) -> FormSpec:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FormFileError(f"{path.name}: not valid TOML ({error})") from None
    try:
        return FormSpec.model_validate(raw)
    except ValidationError as error:
        problem = error.errors()[0]
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise FormFileError(
            f"{path.name}: form {raw.get('kind', '?')!r}, {_where(raw, problem['loc'])}: {message}"
        ) from None


def _where(raw: dict[str, object], location: tuple[int | str, ...]) -> str:
    """Turn pydantic's location into 'field "what", max_length' words."""
    if len(location) >= 2 and location[0] == "fields" and isinstance(location[1], int):
        fields = raw.get("fields")
        name = "?"
        if isinstance(fields, list) and location[1] < len(fields):
            entry = fields[location[1]]
            if isinstance(entry, dict):
                name = str(entry.get("name", f"#{location[1] + 1}"))
        rest = ".".join(str(part) for part in location[2:]) or "definition"
        return f"field {name!r}, {rest}"
    return ".".join(str(part) for part in location) or "form"
