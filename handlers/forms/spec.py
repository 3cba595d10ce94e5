"""Declared forms: one TOML file per report kind in config/forms, validated at start-up."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FORMS_DIR = Path(__file__).resolve().parents[2] / "config" / "forms"


class FieldSpec(BaseModel):
    """One question of a form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["text", "date", "photo"]
    prompt: str
    label: str
    required: bool = True
    min_length: int = Field(default=1, ge=0)
    max_length: int = Field(default=1000, ge=1, le=3500)
    max_past_days: int = Field(default=366, ge=0)
    max_photos: int = Field(default=1, ge=1, le=10)

    @model_validator(mode="after")
    def _limits_in_order(self) -> FieldSpec:
        if self.min_length > self.max_length:
            raise ValueError("min_length is above max_length")
        return self


class FormSpec(BaseModel):
    """A report kind as a sequence of questions, ending in a summary to confirm."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    menu_label: str
    confirmed: str
    occurred_on: str
    fields: tuple[FieldSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _fields_consistent(self) -> FormSpec:
        names = [field.name for field in self.fields]
        if len(set(names)) != len(names):
            raise ValueError("two fields have the same name")
        by_name = {field.name: field for field in self.fields}
        day = by_name.get(self.occurred_on)
        if day is None or day.type != "date" or not day.required:
            raise ValueError(
                f"occurred_on must name a required date field, not {self.occurred_on!r}"
            )
        return self

    def field(self, name: str) -> FieldSpec:
        """The field called `name` (KeyError when the form has none)."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    def position(self, name: str) -> int:
        """The 0-based place of a field in the form."""
        return [field.name for field in self.fields].index(name)


class FormFileError(Exception):
    """A form file is broken; the message names the file, the form, the field and the problem."""


def load_forms(directory: Path = FORMS_DIR) -> dict[str, FormSpec]:
    """Every form in `directory`, keyed by report kind."""
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
        raise FormFileError(
            f"{path.name}: form {raw.get('kind', '?')!r}, {_where(raw, problem['loc'])}: "
            f"{problem['msg']}"
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
