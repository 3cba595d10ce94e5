"""Telegram Bot API emulator and phone driver for tests and the offline demo."""

from emulator.faults import Fault, Faults
from emulator.html_entities import EntityParseError, parse_html, visible_text
from emulator.models import ApiCall, BotMessage, DocumentFile, InlineButton, ReplyButton
from emulator.phone import Phone
from emulator.server import EmulatorBugError, TelegramEmulator
from emulator.transcript import TranscriptEntry

__all__ = [
    "ApiCall",
    "BotMessage",
    "DocumentFile",
    "EmulatorBugError",
    "EntityParseError",
    "Fault",
    "Faults",
    "InlineButton",
    "Phone",
    "ReplyButton",
    "TelegramEmulator",
    "TranscriptEntry",
    "parse_html",
    "visible_text",
]
