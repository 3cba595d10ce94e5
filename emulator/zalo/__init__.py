"""Zalo Bot API emulator (bot-api.zaloplatforms.com) and the `ZaloPhone` the tests drive."""

from emulator.zalo.phone import ZaloPhone
from emulator.zalo.server import ZaloEmulator
from emulator.zalo.state import ZaloBotMessage, ZaloState

__all__ = ["ZaloBotMessage", "ZaloEmulator", "ZaloPhone", "ZaloState"]
