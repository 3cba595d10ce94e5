"""The HTML checker agrees with tdlib's parser (cases taken from its behaviour)."""

import pytest

from emulator.html_entities import (
    EntityParseError,
    MessageEntity,
    parse_html,
    utf16_len,
    visible_text,
)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("", ""),
        ("<b>đậm</b> và <i>nghiêng</i>", "đậm và nghiêng"),
        ("&lt;&gt;&amp;&quot;&#39;&#x27;", "<>&\"''"),
        ("<STRONG>x</STRONG>", "x"),
        ('<a href="https://t.me/x?a=1&amp;b=2">link</a>', "link"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ('<span class="tg-spoiler">bí mật</span><tg-spoiler>!</tg-spoiler>', "bí mật!"),
        ("<blockquote expandable>trích</blockquote>", "trích"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("<i>a</    >", "a"),
        ("<i>a</>", "a"),
        ("<b  >x</b >", "x"),
        ("<i aba = caba>y</i>", "y"),
    ],
)
def test_visible_text(source: str, text: str) -> None:
    assert visible_text(source) == text


def test_entities_use_utf16_offsets() -> None:
    parsed = parse_html("🏟 🏟<i>🏟 &lt;🏟</i>")
    assert parsed.text == "🏟 🏟🏟 <🏟"
    assert parsed.entities == (MessageEntity("italic", 5, 6),)


def test_pre_with_language_is_one_entity() -> None:
    parsed = parse_html('<pre><code class="language-fift">x</code></pre>')
    assert parsed.entities == (MessageEntity("pre", 0, 1, language="fift"),)


def test_link_entity() -> None:
    parsed = parse_html('Xem <a href="https://example.org">đây</a>')
    assert parsed.entities == (MessageEntity("text_link", 4, 3, url="https://example.org"),)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            "🏟 🏟&lt;<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("&#xDFDF;", "Text contains invalid Unicode characters after decoding HTML entities"),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("x <b ", "Unclosed start tag at byte offset 2"),
    ],
)
def test_tdlib_errors(source: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(source)
    assert str(raised.value).startswith(error)


@pytest.mark.parametrize("source", ["A & B", "&laquo;", "&lt no semicolon", "&#;"])
def test_strict_mode_rejects_bare_ampersand(source: str) -> None:
    with pytest.raises(EntityParseError, match='Unescaped "&"'):
        parse_html(source)


def test_lenient_mode_keeps_unknown_entities_like_telegram() -> None:
    assert visible_text("A & B &laquo; &lt", strict=False) == "A & B &laquo; <"


def test_utf16_len_counts_surrogate_pairs() -> None:
    assert utf16_len("aă😀") == 4
