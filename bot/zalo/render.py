"""A reply turned into Zalo calls. Zalo shows plain text (up to 2,000 characters a message),
photos by address, and nothing else: the bot's Telegram HTML becomes plain text, buttons a
numbered list (`chat.typed_choices.numbered`; the typed number comes back as the press), the
phone button a line asking to type the number, an edit a new message, a file a download link
(`bot.channel.FileLinks`) or, for a picture, a photo of that link."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from bot.channel import FileLinks
from chat.replies import Edit, Say, SendFile
from chat.texts import Texts
from chat.typed_choices import numbered

TEXT_LIMIT = 2000
PICTURES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class ZaloCall:
    """One Bot API call: its method and JSON body."""

    method: str
    params: dict[str, Any] = field(default_factory=dict)


class _Plain(HTMLParser):
    """Telegram HTML (b, i, u, s, code, pre, a, blockquote, tg-spoiler) as plain text: tags
    dropped, a link's address after its text when they differ."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href"), len(self.parts)))
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            shown = "".join(self.parts[start:])
            if href and href != shown and not href.startswith("tg://"):
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(telegram_html: str) -> str:
    """What a person reads of the bot's Telegram HTML, as plain text."""
    parser = _Plain()
    parser.feed(telegram_html)
    parser.close()
    return html.unescape("".join(parser.parts))


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """`text` in messages of at most `limit` characters, cut at line breaks (a line longer than
    `limit` alone is cut where it must)."""
    text = text.strip("\n")
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return [piece for piece in (p.strip("\n") for p in pieces) if piece]


def _text_calls(chat_id: str, text: str) -> list[ZaloCall]:
    return [ZaloCall("sendMessage", {"chat_id": chat_id, "text": t}) for t in split_text(text)]


def _with_photo(chat_id: str, photo: str, text: str) -> list[ZaloCall]:
    """A photo, captioned when the text fits under it, else followed by the text."""
    if len(text) <= TEXT_LIMIT:
        return [
            ZaloCall("sendPhoto", {"chat_id": chat_id, "photo": photo, "caption": text or None})
        ]
    return [
        ZaloCall("sendPhoto", {"chat_id": chat_id, "photo": photo}),
        *_text_calls(chat_id, text),
    ]


def message_text(reply: Say | Edit, texts: Texts) -> str:
    """The plain text of a message with its buttons numbered under it, and the phone button as
    a line asking to type the number."""
    text = plain_text(numbered(reply.text, reply.buttons, texts))
    if isinstance(reply, Say) and reply.ask_contact is not None and not reply.buttons:
        ask = plain_text(texts("zalo-type-phone"))
        text = f"{text}\n\n{ask}"
    return text


async def calls_for(
    chat_id: str, reply: Say | Edit | SendFile, texts: Texts, links: FileLinks | None
) -> list[ZaloCall]:
    """The calls that show `reply` in chat `chat_id` (a file's link is made here)."""
    if isinstance(reply, SendFile):
        return await _file_calls(chat_id, reply, texts, links)
    text = message_text(reply, texts)
    # A photo is sent by its address; a Telegram file id (a photo a Telegram member sent)
    # cannot be: the text goes alone.
    if isinstance(reply, Say) and reply.photo and reply.photo.startswith(("https://", "http://")):
        return _with_photo(chat_id, reply.photo, text)
    # Zalo cannot edit a message: an Edit (a ticked choice, a call-out's status) is sent anew.
    return _text_calls(chat_id, text)


async def _file_calls(
    chat_id: str, file: SendFile, texts: Texts, links: FileLinks | None
) -> list[ZaloCall]:
    caption = plain_text(file.caption or "")
    if links is None:
        line = plain_text(texts("zalo-file-unavailable", name=file.name))
        return _text_calls(chat_id, f"{caption}\n\n{line}" if caption else line)
    link = await links.link_for("zalo", chat_id, file)
    if file.name.lower().endswith(PICTURES):
        return _with_photo(chat_id, link, caption)
    line = plain_text(texts("zalo-file-link", name=file.name, link=link))
    expiry = plain_text(texts("zalo-file-link-expiry"))
    body = f"{line}\n{expiry}"
    return _text_calls(chat_id, f"{caption}\n\n{body}" if caption else body)
