"""Every text the bot says exists in Vietnamese and English, and no key is left unused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from chat.texts import LANGUAGES, MissingText, catalogue_files, texts_for
from handlers.forms.spec import FieldType, load_forms

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = ("handlers", "chat", "summaries", "scheduler", "bot", "cli")


def code_text() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for directory in CODE_DIRS
        for path in (ROOT / directory).rglob("*.py")
    )


def asked_keys() -> set[str]:
    """Keys the code asks the catalogue for by name."""
    calls = r'(?:texts|texts\.label|\bbutton|\bkeyed|Problem)\(\s*"([a-z][a-z0-9-]*)"'
    return set(re.findall(calls, code_text()))


def used_keys() -> set[str]:
    """Every quoted key-like string in the code, the keys the forms name, and references
    from one catalogue message to another."""
    keys = set(re.findall(r'"([a-z][a-z0-9-]*)"', code_text()))
    for form in load_forms().values():
        keys |= {form.title, form.menu_label, form.confirmed}
        for field in form.fields:
            keys |= {field.prompt, field.label, *(choice.label for choice in field.choices)}
    # The engine names the hint for an answer of the wrong kind after the field's type.
    keys |= {f"problem-need-{kind}" for kind in get_args(FieldType)}
    catalogue = "\n".join(path.read_text(encoding="utf-8") for path in catalogue_files("vi"))
    keys |= set(re.findall(r"\{ ([a-z][a-z0-9-]+) \}", catalogue))
    return keys


def test_both_catalogues_have_the_same_keys() -> None:
    vi, en = texts_for("vi").keys, texts_for("en").keys
    assert vi - en == set(), "missing in English"
    assert en - vi == set(), "missing in Vietnamese"


def test_every_key_is_used() -> None:
    unused = texts_for("vi").keys - used_keys()
    assert unused == set()


def test_every_key_the_code_asks_for_exists() -> None:
    asked = asked_keys()
    assert len(asked) > 30
    assert asked - texts_for("vi").keys == set()


def test_an_unknown_key_is_an_error() -> None:
    try:
        texts_for("vi")("no-such-key")
    except MissingText:
        return
    raise AssertionError("a missing key must not pass silently")


def test_vietnamese_texts_carry_diacritics() -> None:
    vi = texts_for("vi")
    assert vi("button-cancel") == "Huỷ"
    assert vi("button-back") == "◀ Quay lại"
    assert all(vi(key) != texts_for("en")(key) for key in ("menu-prompt", "need-invite"))


def test_each_language_has_the_same_files() -> None:
    names = {language: [path.name for path in catalogue_files(language)] for language in LANGUAGES}
    assert names["vi"] and names["vi"] == names["en"]


def test_languages_listed() -> None:
    assert LANGUAGES == ("vi", "en")
