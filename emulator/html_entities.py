"""Telegram's HTML parse mode: check markup the way tdlib does and return the visible text."""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"', b"apos": "'"}
_SPACES = frozenset(b" \t\r\n\x0b\x0c")
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_SURROGATE_ERROR = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


class EntityParseError(ValueError):
    """The markup is rejected; the message is tdlib's text after "can't parse entities: "."""


@dataclass(frozen=True)
class MessageEntity:
    """One formatting span, offsets in UTF-16 code units as in the Bot API."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_api(self) -> dict[str, object]:
        """Serialize as a Bot API MessageEntity object."""
        out: dict[str, object] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.url is not None:
            out["url"] = self.url
        if self.language:
            out["language"] = self.language
        if self.custom_emoji_id is not None:
            out["custom_emoji_id"] = self.custom_emoji_id
        return out


@dataclass(frozen=True)
class ParsedText:
    """Visible text and its entities."""

    text: str
    entities: tuple[MessageEntity, ...] = ()


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(source: str, *, strict: bool = True) -> str:
    """Return the text a user sees for an HTML message, or raise EntityParseError."""
    return parse_html(source, strict=strict).text


def parse_html(source: str, *, strict: bool = True) -> ParsedText:
    """Parse Telegram HTML like tdlib's parse_html.

    With ``strict`` a bare ``&`` that is not a complete entity is an error; real Telegram keeps it
    as text, but a bot that forgets to escape ``&`` will also forget ``<``, so tests flag it early.
    """
    return _HtmlParser(source.encode("utf-8"), strict).run()


def _utf16_units_of_lead_byte(byte: int) -> int:
    # A 4-byte UTF-8 sequence is a surrogate pair in UTF-16; continuation bytes count nothing.
    if byte & 0xC0 == 0x80:
        return 0
    return 2 if byte >= 0xF0 else 1


class _HtmlParser:
    """Byte-level port of tdlib's HTML parser, so byte offsets in errors match Telegram."""

    def __init__(self, data: bytes, strict: bool) -> None:
        self.data = data
        self.strict = strict
        self.pos = 0
        self.out = bytearray()
        self.utf16 = 0
        self.entities: list[MessageEntity] = []
        # (tag, argument, utf16 offset, output byte offset) of every open tag.
        self.open: list[tuple[str, str, int, int]] = []

    def at(self, index: int) -> int:
        return self.data[index] if index < len(self.data) else 0

    def run(self) -> ParsedText:
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte == ord("&"):
                self._text_entity()
            elif byte == ord("<"):
                if self.at(self.pos + 1) == ord("/"):
                    self._end_tag()
                else:
                    self._start_tag()
            else:
                self.out.append(byte)
                self.utf16 += _utf16_units_of_lead_byte(byte)
                self.pos += 1
        if self.open:
            tag = self.open[-1][0]
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        return ParsedText(self.out.decode("utf-8"), tuple(self.entities))

    def _decode_entity(self, start: int) -> tuple[str, int] | None:
        """Decode ``&...;`` at ``start``; None when it is not an entity (tdlib keeps it as text)."""
        end = start + 1
        if self.at(end) == ord("#"):
            end += 1
            base = 10
            if self.at(end) == ord("x"):
                base = 16
                end += 1
            digits_start = end
            digits = b"0123456789abcdefABCDEF" if base == 16 else b"0123456789"
            while self.at(end) and self.at(end) in digits:
                end += 1
            raw = self.data[digits_start:end]
            code = int(raw, base) if raw else 0
            if code == 0 or code >= 0x10FFFF or end - start >= 10:
                return None
            if 0xD800 <= code <= 0xDFFF:
                raise EntityParseError(_SURROGATE_ERROR)
            char = chr(code)
        else:
            while chr(self.at(end)).isascii() and chr(self.at(end)).isalpha():
                end += 1
            named = _NAMED_ENTITIES.get(self.data[start + 1 : end])
            if named is None:
                return None
            char = named
        if self.at(end) == ord(";"):
            end += 1
        elif self.strict:
            return None
        return char, end

    def _text_entity(self) -> None:
        decoded = self._decode_entity(self.pos)
        if decoded is None:
            if self.strict:
                raise EntityParseError(f'Unescaped "&" at byte offset {self.pos}')
            self.out.append(ord("&"))
            self.utf16 += 1
            self.pos += 1
            return
        char, self.pos = decoded
        self.out.extend(char.encode("utf-8"))
        self.utf16 += utf16_len(char)

    def _start_tag(self) -> None:
        begin = self.pos
        i = begin + 1
        while self.at(i) not in _SPACES and self.at(i) != ord(">") and self.at(i) != 0:
            i += 1
        if self.at(i) == 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        tag = self.data[begin + 1 : i].decode("utf-8", "replace").lower()
        if tag not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        argument, i = self._attributes(tag, begin, i)
        if tag == "span" and argument != "spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
            )
        if tag == "tg-emoji" and not argument.isdigit():
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {begin}'
            )
        self.open.append((tag, argument, self.utf16, len(self.out)))
        self.pos = i + 1

    def _attributes(self, tag: str, begin: int, i: int) -> tuple[str, int]:
        """Read attributes up to ``>``; return the one argument the tag cares about."""
        argument = ""
        while self.at(i) != ord(">"):
            while self.at(i) in _SPACES:
                i += 1
            if self.at(i) == ord(">"):
                break
            if self.at(i) == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            name_start = i
            while self.at(i) not in _SPACES and self.at(i) not in (ord("="), ord(">"), 0):
                i += 1
            name = self.data[name_start:i].decode("utf-8", "replace").lower()
            if not name:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                )
            while self.at(i) in _SPACES:
                i += 1
            if self.at(i) != ord("="):
                if tag == "blockquote" and name == "expandable":
                    argument = "expandable"
                    continue
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            i += 1
            while self.at(i) in _SPACES:
                i += 1
            if self.at(i) == 0:
                raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            value, i = self._attribute_value(i)
            if self.at(i) == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            argument = _tag_argument(tag, name, value, argument)
        return argument, i

    def _attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.at(i)
        if quote not in (ord('"'), ord("'")):
            start = i
            while chr(self.at(i)).isascii() and (chr(self.at(i)).isalnum() or self.at(i) in b".-"):
                i += 1
            if self.at(i) not in _SPACES and self.at(i) != ord(">"):
                raise EntityParseError(f"Unexpected end of name token at byte offset {start}")
            return self.data[start:i].decode("ascii").lower(), i
        i += 1
        value = bytearray()
        while self.at(i) != quote and self.at(i) != 0:
            if self.at(i) == ord("&"):
                decoded = self._decode_entity(i)
                if decoded is not None:
                    value.extend(decoded[0].encode("utf-8"))
                    i = decoded[1]
                    continue
            value.append(self.data[i])
            i += 1
        if self.at(i) == quote:
            i += 1
        return value.decode("utf-8", "replace"), i

    def _end_tag(self) -> None:
        begin = self.pos
        if not self.open:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        i = begin + 2
        while self.at(i) not in _SPACES and self.at(i) != ord(">") and self.at(i) != 0:
            i += 1
        name = self.data[begin + 2 : i].decode("utf-8", "replace").lower()
        while self.at(i) in _SPACES:
            i += 1
        if self.at(i) != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, _ = self.open.pop()
        if name and name != tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", found "</{name}>"'
            )
        if self.utf16 > offset:
            self._add_entity(tag, argument, offset, self.utf16 - offset)
        self.pos = i + 1

    def _add_entity(self, tag: str, argument: str, offset: int, length: int) -> None:
        if tag in _SIMPLE_TYPES:
            self.entities.append(MessageEntity(_SIMPLE_TYPES[tag], offset, length))
        elif tag == "a":
            if argument:
                self.entities.append(MessageEntity("text_link", offset, length, url=argument))
        elif tag == "tg-emoji":
            self.entities.append(
                MessageEntity("custom_emoji", offset, length, custom_emoji_id=argument)
            )
        elif tag == "blockquote":
            kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
            self.entities.append(MessageEntity(kind, offset, length))
        else:
            self._add_code_entity(tag, argument, offset, length)

    def _add_code_entity(self, tag: str, language: str, offset: int, length: int) -> None:
        # <pre><code class="language-x"> is one pre entity with a language, as in tdlib.
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last.offset, last.length) == (offset, length)
        if tag == "pre":
            if same_span and last is not None and last.type == "code" and last.language:
                self.entities[-1] = MessageEntity("pre", offset, length, language=last.language)
            else:
                self.entities.append(MessageEntity("pre", offset, length))
        elif same_span and last is not None and last.type == "pre" and language:
            self.entities[-1] = MessageEntity("pre", offset, length, language=language)
        else:
            self.entities.append(MessageEntity("code", offset, length, language=language or None))


def _tag_argument(tag: str, name: str, value: str, current: str) -> str:
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    return current
