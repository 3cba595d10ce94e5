"""The message catalogue: every word the bot says comes from config/locales/<language>.ftl."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

LOCALES_DIR = Path(__file__).resolve().parents[1] / "config" / "locales"
LANGUAGES = ("vi", "en")


class Safe(str):
    """Text that is already Telegram HTML (a catalogue value), inserted without escaping."""


class MissingText(KeyError):
    """The code asked for a key the catalogue does not have."""


class Texts:
    """One language's catalogue; values typed by people are HTML-escaped on the way in."""

    def __init__(self, language: str) -> None:
        source = (LOCALES_DIR / f"{language}.ftl").read_text(encoding="utf-8")
        self.language = language
        self._bundle = FluentBundle([language], use_isolating=False)
        resource = FluentResource(source)
        self._bundle.add_resource(resource)
        broken = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        if broken:
            raise ValueError(f"{language}.ftl: cannot parse {str(broken[0].content)[:60]!r}")
        self.keys = frozenset(
            entry.id.name for entry in resource.body if isinstance(entry, ast.Message)
        )

    def label(self, key: str, **args: str | int) -> str:
        """Plain text for a button label (Telegram shows labels as typed: nothing escaped)."""
        if key not in self.keys:
            raise MissingText(f"{self.language}: no text for {key!r}")
        message = self._bundle.get_message(key)
        assert message.value is not None
        text, errors = self._bundle.format_pattern(message.value, dict(args))
        if errors:
            raise MissingText(f"{self.language}: {key!r}: {errors[0]}")
        return str(text)

    def __call__(self, key: str, **args: str | int) -> Safe:
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


@cache
def texts_for(language: str) -> Texts:
    """The catalogue of a language, parsed once per process."""
    return Texts(language)
