"""Telegram Bot API emulator and phone driver for tests and the offline demo."""

from bot.emulator.faults import Fault, Faults
from bot.emulator.html_entities import EntityParseError, parse_html, visible_text
from bot.emulator.models import ApiCall, BotMessage, DocumentFile, InlineButton, ReplyButton
from bot.emulator.phone import Phone
from bot.emulator.server import EmulatorBugError, TelegramEmulator
from bot.emulator.transcript import TranscriptEntry

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
