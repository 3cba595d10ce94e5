"""The message catalogue: every word the bot says comes from config/locales/<language>/*.ftl.

A language is a folder of Fluent files, one per part of the bot; a key may live in one file only."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

LOCALES_DIR = Path(__file__).resolve().parents[1] / "config" / "locales"
LANGUAGES = ("vi", "en")
T = TypeVar("T", bound=str)


def catalogue_files(language: str) -> list[Path]:
    """A language's Fluent files, in a stable order."""
    return sorted((LOCALES_DIR / language).glob("*.ftl"))


class Safe(str):
    """Text that is already Telegram HTML (a catalogue value), inserted without escaping."""


class MissingText(KeyError):
    """The code asked for a key the catalogue does not have."""


class Texts:
    """One language's catalogue; values typed by people are HTML-escaped on the way in."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._bundle = FluentBundle([language], use_isolating=False)
        # A text without arguments never changes: formatted once (a menu of eleven labels is
        # built on every quick capture).
        self._labels: dict[str, str] = {}
        self._plain: dict[str, Safe] = {}
        keys: set[str] = set()
        for path in catalogue_files(language):
            resource = FluentResource(path.read_text(encoding="utf-8"))
            broken = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
            if broken:
                raise ValueError(f"{path.name}: cannot parse {str(broken[0].content)[:60]!r}")
            names = {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}
            twice = names & keys
            if twice:
                raise ValueError(f"{language}/{path.name}: {sorted(twice)[0]!r} is defined twice")
            keys |= names
            self._bundle.add_resource(resource)
        self.keys = frozenset(keys)

    def label(self, key: str, **args: str | int) -> str:
        """Plain text for a button label (Telegram shows labels as typed: nothing escaped)."""
        return self._label(key, args) if args else _once(self._labels, key, self._label)

    def _label(self, key: str, args: dict[str, str | int]) -> str:
        if key not in self.keys:
            raise MissingText(f"{self.language}: no text for {key!r}")
        message = self._bundle.get_message(key)
        assert message.value is not None
        text, errors = self._bundle.format_pattern(message.value, dict(args))
        if errors:
            raise MissingText(f"{self.language}: {key!r}: {errors[0]}")
        return str(text)

    def __call__(self, key: str, **args: str | int) -> Safe:
        return self._text(key, args) if args else _once(self._plain, key, self._text)

    def _text(self, key: str, args: dict[str, str | int]) -> Safe:
        if key not in self.keys:
            raise MissingText(f"{self.language}: no text for {key!r}")
        message = self._bundle.get_message(key)
        assert message.value is not None
        safe = {
            name: html.escape(value)
            if isinstance(value, str) and not isinstance(value, Safe)
            else value
            for name, value in args.items()
        }
        text, errors = self._bundle.format_pattern(message.value, safe)
        if errors:
            raise MissingText(f"{self.language}: {key!r}: {errors[0]}")
        return Safe(text)


def _once(known: dict[str, T], key: str, make: Callable[[str, dict[str, str | int]], T]) -> T:
    """A text without arguments, formatted the first time it is asked for."""
    text = known.get(key)
    if text is None:
        text = known[key] = make(key, {})
    return text


@cache
def texts_for(language: str) -> Texts:
    """The catalogue of a language, parsed once per process."""
    return Texts(language)
