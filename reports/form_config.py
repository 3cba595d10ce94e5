"""What the report files need from the forms in config/forms/: the Vietnamese label of a choice
("Dập lửa" for the role "extinguish", from the catalogue in config/locales/vi/), so a file says
what the member tapped and never the stored value; and the minutes a call-out may take."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from fluent.syntax import FluentParser, ast

from reports.config_files import CONFIG_DIR

FORMS_DIR = CONFIG_DIR / "forms"
CATALOGUE_DIR = CONFIG_DIR / "locales" / "vi"


@cache
def _catalogue() -> dict[str, str]:
    """Every plain message of the Vietnamese catalogue (no variables), by key."""
    found: dict[str, str] = {}
    parser = FluentParser(with_spans=False)
    for path in sorted(CATALOGUE_DIR.glob("*.ftl")):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.value is not None:
                elements = entry.value.elements
                texts = [element for element in elements if isinstance(element, ast.TextElement)]
                if len(texts) == len(elements):
                    found[entry.id.name] = "".join(element.value for element in texts).strip()
    return found


@cache
def _forms() -> dict[str, dict[str, Any]]:
    """Every form, by the kind of report it makes."""
    forms: dict[str, dict[str, Any]] = {}
    for path in sorted(FORMS_DIR.glob("*.toml")):
        form = tomllib.loads(path.read_text(encoding="utf-8"))
        forms[str(form["kind"])] = form
    return forms


@cache
def _choices() -> dict[tuple[str, str, str], str]:
    """(report kind, field, stored value) → the catalogue key of the choice's label."""
    found: dict[tuple[str, str, str], str] = {}
    for kind, form in _forms().items():
        for field in form.get("fields", []):
            for choice in field.get("choices", []):
                found[(kind, field["name"], str(choice["value"]))] = choice["label"]
    return found


def choice_label(kind: str, field: str, value: str) -> str:
    """What the member saw on the button for `value`, or the value itself when the forms no
    longer offer it (an old report)."""
    key = _choices().get((kind, field, value))
    if key is None:
        return value
    return _catalogue().get(key, value)


def on_time_minutes(kind: str = "call_out") -> int | None:
    """The minutes the form allows between being called out and arriving, if it sets any."""
    rule = _forms().get(kind, {}).get("on_time")
    minutes = rule.get("minutes") if isinstance(rule, dict) else None
    return minutes if isinstance(minutes, int) else None
