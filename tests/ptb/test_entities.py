"""Entities back to HTML: the same spelling as aiogram's `html_text`, for any well-nested set."""

from __future__ import annotations

from typing import Any

from aiogram.types import MessageEntity as AiogramEntity
from aiogram.utils.text_decorations import html_decoration
from hypothesis import given
from hypothesis import strategies as st
from telegram import MessageEntity

from bot.telegram_html import html_of

PIECES = st.sampled_from([*"ab ẠĐươ<>&\"'\n", "🚲", "👍🏽"])
EXTRAS: dict[str, dict[str, Any]] = {
    "text_link": {"url": "https://vd.vn/tin?a=1&b=2"},
    "text_mention": {"user": {"id": 1001, "is_bot": False, "first_name": "Lan"}},
    "custom_emoji": {"custom_emoji_id": "5368324170671202286"},
    "date_time": {"unix_time": 1795392000, "date_time_format": "wDT"},
}
KINDS = [
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "code",
    "pre",
    "blockquote",
    "expandable_blockquote",
    "url",
    "mention",
    "hashtag",
    "bot_command",
    *EXTRAS,
]


def _boundaries(text: str) -> list[int]:
    """UTF-16 offsets where a character starts, and the end."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + len(char.encode("utf-16-le")) // 2)
    return offsets


def _nests(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (
        a[1] <= b[0] or b[1] <= a[0] or a[0] <= b[0] <= b[1] <= a[1] or b[0] <= a[0] <= a[1] <= b[1]
    )


@st.composite
def messages(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """Text with entities that nest but never cross, ordered as Telegram orders them."""
    text = "".join(draw(st.lists(PIECES, min_size=1, max_size=24)))
    bounds = _boundaries(text)
    spans: list[tuple[int, int]] = []
    entities: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 6))):
        start, stop = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2)))
        if start == stop or not all(_nests((start, stop), span) for span in spans):
            continue
        spans.append((start, stop))
        kind = draw(st.sampled_from(KINDS))
        entity: dict[str, Any] = {"type": kind, "offset": start, "length": stop - start}
        entity.update(EXTRAS.get(kind, {}))
        if kind == "pre" and draw(st.booleans()):
            entity["language"] = "python"
        entities.append(entity)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return text, entities


@given(messages())
def test_html_is_spelled_as_aiogram_spells_it(message: tuple[str, list[dict[str, Any]]]) -> None:
    text, entities = message
    expected = html_decoration.unparse(text, [AiogramEntity.model_validate(e) for e in entities])
    assert html_of(text, entities) == expected
    # The same through PTB's entity objects, as convert.py passes them.
    parsed = [MessageEntity.de_json(e, None).to_dict() for e in entities]
    assert html_of(text, parsed) == expected


def test_markup_characters_are_escaped_but_quotes_are_not() -> None:
    text = 'Cụ "Tư" & <cháu>'
    bold = {"type": "bold", "offset": 0, "length": 2}
    assert html_of(text, [bold]) == '<b>Cụ</b> "Tư" &amp; &lt;cháu&gt;'
