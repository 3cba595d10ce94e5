"""Telegram's rules for message texts and captions: parse mode, emptiness, length."""

from __future__ import annotations

from emulator.errors import bad_request
from emulator.html_entities import (
    EntityParseError,
    MessageEntity,
    ParsedText,
    parse_html,
    utf16_len,
)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
_PARSE_MODES = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2"}
_TRIMMED = " \t\r\n\x0b\x0c"


def normalize_parse_mode(parse_mode: str | None) -> str | None:
    """Canonical spelling of a parse mode; Telegram matches it case-insensitively."""
    if not parse_mode:
        return None
    canonical = _PARSE_MODES.get(parse_mode.lower())
    if canonical is None:
        raise bad_request("unsupported parse_mode")
    return canonical


def format_text(source: str, parse_mode: str | None, *, strict_html: bool) -> ParsedText:
    """Visible text and entities of ``source``; Markdown modes are passed through unparsed."""
    if parse_mode != "HTML":
        return ParsedText(source)
    try:
        parsed = parse_html(source, strict=strict_html)
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc
    return _trim(parsed)


def message_text(source: str | None, parse_mode: str | None, *, strict_html: bool) -> ParsedText:
    """Check a sendMessage/editMessageText text like Telegram does."""
    if not source:
        raise bad_request("message text is empty")
    parsed = format_text(source, normalize_parse_mode(parse_mode), strict_html=strict_html)
    if not parsed.text.strip(_TRIMMED):
        raise bad_request("message text is empty")
    if utf16_len(parsed.text) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return parsed


def caption_text(
    source: str | None, parse_mode: str | None, *, strict_html: bool
) -> ParsedText | None:
    """Check an optional media caption; None when there is no caption."""
    if not source:
        return None
    parsed = format_text(source, normalize_parse_mode(parse_mode), strict_html=strict_html)
    if utf16_len(parsed.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return parsed if parsed.text.strip(_TRIMMED) else None


def _trim(parsed: ParsedText) -> ParsedText:
    # Telegram drops leading and trailing whitespace and clips entities to what is left.
    text = parsed.text
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return parsed
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    total = utf16_len(stripped)
    entities: list[MessageEntity] = []
    for entity in parsed.entities:
        start = max(entity.offset - lead, 0)
        end = min(entity.offset - lead + entity.length, total)
        if end > start:
            entities.append(
                MessageEntity(
                    entity.type,
                    start,
                    end - start,
                    entity.url,
                    entity.language,
                    entity.custom_emoji_id,
                )
            )
    return ParsedText(stripped, tuple(entities))
