"""The digest stays valid Telegram HTML whatever people typed, and fits Telegram's limit."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.digest import ward_digest
from reports.telegram_html import MESSAGE_LIMIT, length, split_message
from tests.reports.yen_hoa_ward import build, november

HOSTILE = '<script>alert("x")</script> & <b>Tổ</b> &amp; <a href="x">link</a> 5 < 6 >'


class TagChecker(HTMLParser):
    """Records tags, failing on any that is not closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.add(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(part: str) -> str:
    """Assert a message is valid and return its visible text."""
    assert 0 < length(part) <= MESSAGE_LIMIT
    checker = TagChecker()
    checker.feed(part)
    checker.close()
    assert checker.stack == []
    assert checker.tags <= {"b", "i"}
    # every & starts an entity; no bare < or >
    assert not re.search(r"&(?!(?:lt|gt|amp|quot|#\d+);)", part)
    return "".join(checker.text)


def test_hostile_names_and_deeds_are_escaped() -> None:
    summary = november(build(team_name=f"Tổ bảo vệ ANTT số 7 {HOSTILE}"))
    parts = ward_digest(summary, ["a<b>.xlsx"])
    text = "".join(check(part) for part in parts)
    assert "<script>" in text  # shown to the officer as text …
    assert all("<script>" not in part for part in parts)  # … never sent as a tag
    assert "&lt;script&gt;" in "".join(parts)


def test_ten_thousand_characters_stay_one_valid_message() -> None:
    long_name = "Tổ bảo vệ ANTT số 7 " + ("Đường & <ngõ> " * 800)[:10_000]
    summary = november(build(team_name=long_name))
    parts = ward_digest(summary)
    text = "".join(check(part) for part in parts)
    # The name is cut to 80 characters wherever the digest lists it (deeds, patrols, traffic).
    shown = " ".join(long_name.split())[:79].rstrip() + "…"
    assert text.count(shown) == 3
    assert len(parts) == 1


def test_ten_thousand_characters_are_split_cleanly() -> None:
    body = ("Đường & <ngõ> " * 800)[:10_000]
    source = "<b>Tổng hợp</b>\n<i>" + html.escape(body, quote=False) + "</i>\nHết"
    parts = split_message(source)
    # ~17,000 characters once escaped: the header alone (a line break is the preferred cut),
    # then the long line cut between words into 5 messages, "Hết" riding with the last.
    assert len(parts) == 6
    assert parts[0] == "<b>Tổng hợp</b>"
    visible = "".join(check(part) for part in parts)
    assert "".join(visible.split()) == "".join(f"Tổng hợp{body}Hết".split())
    assert all(part.count("<i>") == part.count("</i>") for part in parts)


def test_a_long_line_is_cut_between_words_and_tags_reopened() -> None:
    line = "<b>" + " ".join(["từ"] * 3334) + "</b>"  # 10,000 characters
    parts = split_message(f"Đầu\n{line}\nCuối", limit=1000)
    for part in parts:
        check(part)
        assert part.count("<b>") == part.count("</b>")
    assert parts[0] == "Đầu"
    assert parts[1].startswith("<b>từ từ") and parts[1].endswith("</b>")
    assert parts[-1].endswith("Cuối")


def test_an_entity_is_never_cut() -> None:
    text = "&amp;" * 3000
    parts = split_message(text, limit=100)
    assert all(part.count("&") == part.count("&amp;") for part in parts)
    assert sum(part.count("&amp;") for part in parts) == 3000


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.text(
                alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=300
            ),
            st.sampled_from(["", "b", "i"]),
        ),
        max_size=30,
    ),
    limit=st.integers(min_value=40, max_value=500),
)
def test_any_text_splits_into_valid_messages(lines: list[tuple[str, str]], limit: int) -> None:
    source = "\n".join(
        f"<{tag}>{html.escape(text, quote=False)}</{tag}>"
        if tag
        else html.escape(text, quote=False)
        for text, tag in lines
    )
    parts = split_message(source, limit=limit)
    visible = ""
    for part in parts:
        assert length(part) <= limit
        checker = TagChecker()
        checker.feed(part)
        checker.close()
        assert checker.stack == []
        visible += "".join(checker.text)
    expected = "".join(text for text, _ in lines)
    assert "".join(visible.split()) == "".join(expected.split())
