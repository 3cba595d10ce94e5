"""A message's text and entities (Bot API JSON) turned back into Telegram HTML.

Library-independent, and deliberately identical to aiogram's `Message.html_text` (PTB's
`text_html` escapes quotes and spells spoilers differently), so both backends produce the same
`button_message_html` for the same update."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from html import escape
from typing import Any

Entity = Mapping[str, Any]

UNCHANGED = frozenset(
    {"bot_command", "url", "mention", "phone_number", "hashtag", "cashtag", "email"}
)
TAGS = {
    "bold": "b",
    "italic": "i",
    "code": "code",
    "underline": "u",
    "strikethrough": "s",
    "spoiler": "tg-spoiler",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote expandable",
}


def html_of(text: str, entities: Sequence[Entity]) -> str:
    """Telegram HTML for `text` with its entities (offsets in UTF-16 code units)."""
    units = text.encode("utf-16-le")
    ordered = sorted(entities, key=lambda entity: int(entity["offset"]))
    return "".join(_spans(units, ordered, 0, len(units) // 2))


def _spans(units: bytes, entities: list[Entity], start: int, end: int) -> Iterator[str]:
    """Plain stretches escaped, each outermost entity wrapped around its nested ones."""
    position = start
    index = 0
    while index < len(entities):
        entity = entities[index]
        first, stop = int(entity["offset"]), int(entity["offset"]) + int(entity["length"])
        index += 1
        nested: list[Entity] = []
        while index < len(entities) and int(entities[index]["offset"]) < stop:
            nested.append(entities[index])
            index += 1
        if first > position:
            yield _plain(units, position, first)
        yield _wrap(entity, "".join(_spans(units, nested, first, stop)))
        position = stop
    if position < end:
        yield _plain(units, position, end)


def _plain(units: bytes, start: int, stop: int) -> str:
    return escape(units[start * 2 : stop * 2].decode("utf-16-le"), quote=False)


def _wrap(entity: Entity, inner: str) -> str:
    kind = str(entity["type"])
    if kind in UNCHANGED:
        return inner
    if kind in TAGS:
        return _tag(TAGS[kind], inner)
    if kind == "pre":
        language = entity.get("language")
        if not language:
            return _tag("pre", inner)
        return _tag("pre", _tag(f'code language="language-{language}"', inner))
    if kind == "text_link":
        return _tag(f'a href="{entity["url"]}"', inner)
    if kind == "text_mention":
        return _tag(f'a href="tg://user?id={entity["user"]["id"]}"', inner)
    if kind == "custom_emoji":
        return _tag(f'tg-emoji emoji-id="{entity["custom_emoji_id"]}"', inner)
    if kind == "date_time":
        return _tag(_time_tag(entity), inner)
    return inner


def _time_tag(entity: Entity) -> str:
    moment = entity["unix_time"]
    unix = int(moment.timestamp()) if isinstance(moment, dt.datetime) else int(moment)
    tag = f'tg-time unix="{unix}"'
    if entity.get("date_time_format"):
        tag += f' format="{entity["date_time_format"]}"'
    return tag


def _tag(opening: str, inner: str) -> str:
    name = opening.split(" ", 1)[0]
    return f"<{opening}>{inner}</{name}>"
