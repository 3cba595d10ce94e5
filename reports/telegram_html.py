"""Cutting Telegram HTML into messages that fit, never inside a tag or an entity."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

MESSAGE_LIMIT = 4096
ATOM = re.compile(r"<[^<>]*>|&#?\w+;|\n|[^\S\n]+|[^\s<&]+|[<&]")
TAG = re.compile(r"<(/?)\s*([A-Za-z][\w-]*)")


def length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); the raw HTML is an upper bound."""
    return len(text.encode("utf-16-le")) // 2


def _closers(stack: tuple[tuple[str, str], ...]) -> str:
    """Closing tags for every open tag, innermost first."""
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _openers(stack: tuple[tuple[str, str], ...]) -> str:
    """The open tags again, as they were written."""
    return "".join(tag for _, tag in stack)


def _after(stack: tuple[tuple[str, str], ...], atom: str) -> tuple[tuple[str, str], ...]:
    """The open tags once `atom` is written."""
    found = TAG.match(atom) if atom.startswith("<") else None
    if found is None:
        return stack
    closing, name = found.group(1) == "/", found.group(2).lower()
    if not closing:
        return (*stack, (name, atom))
    names = [open_name for open_name, _ in stack]
    if name not in names:
        return stack
    return stack[: len(names) - 1 - names[::-1].index(name)]


def _visible(html: str) -> bool:
    """Whether a piece shows anything once tags are gone."""
    return bool(re.sub(r"<[^<>]*>", "", html).strip())


@dataclass
class _Chunk:
    """A message being filled: its reopened tags, then (atom, open tags after it) pairs."""

    start: tuple[tuple[str, str], ...]
    body: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    size: int = 0

    def __post_init__(self) -> None:
        self.size = length(_openers(self.start))

    @property
    def stack(self) -> tuple[tuple[str, str], ...]:
        """The tags open at the end of the chunk."""
        return self.body[-1][1] if self.body else self.start

    def add(self, atom: str) -> None:
        """Append an atom."""
        self.body.append((atom, _after(self.stack, atom)))
        self.size += length(atom)

    def text(self, upto: int | None = None) -> str:
        """The chunk as HTML, cut after `upto` atoms, with its open tags closed."""
        body = self.body[:upto]
        stack = body[-1][1] if body else self.start
        return _openers(self.start) + "".join(atom for atom, _ in body) + _closers(stack)

    def size_with(self, atom: str) -> int:
        """The chunk's length were `atom` added (closing tags included)."""
        return self.size + length(atom) + length(_closers(_after(self.stack, atom)))


def _atoms(html: str) -> Iterator[str]:
    """Tags, entities, line breaks, runs of spaces and words, in order."""
    return iter(ATOM.findall(html))


def split_message(html: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Messages of at most `limit` characters: cut at a line break when there is one, else
    between words, else between characters; tags open at a cut are closed and reopened."""
    parts: list[str] = []
    chunk = _Chunk(())
    pending = list(_atoms(html))
    pending.reverse()
    while pending:
        atom = pending.pop()
        if chunk.size_with(atom) <= limit:
            chunk.add(atom)
            continue
        breaks = [index for index, (text, _) in enumerate(chunk.body) if text == "\n"]
        if breaks and breaks[-1] > 0:
            cut = breaks[-1]
            parts.append(chunk.text(cut))
            rest = [text for text, _ in chunk.body[cut + 1 :]]
            chunk = _Chunk(chunk.body[cut][1])
            pending.append(atom)
            pending.extend(reversed(rest))
        elif chunk.body:
            parts.append(chunk.text())
            chunk = _Chunk(chunk.stack)
            pending.append(atom)
        elif len(atom) > 1 and not atom.startswith(("<", "&")):
            pending.extend(reversed(list(atom)))
        else:
            raise ValueError(f"{atom[:40]!r} cannot fit in a message of {limit} characters")
    parts.append(chunk.text())
    return [part.strip() for part in parts if _visible(part)]


def plain_text(html: str) -> str:
    """Telegram HTML as plain text for a file: tags dropped, entities (&lt; &amp; …) decoded."""
    return unescape(re.sub(r"<[^<>]*>", "", html))
