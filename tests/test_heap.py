"""A bot that runs for hours keeps what it built at start-up out of the garbage collector's
passes (bot/heap.py): a pass then walks what the conversation made since, not the whole bot."""

from __future__ import annotations

import gc

from bot.app import BotApp
from bot.heap import leave_start_up_out_of_collections


async def test_what_start_up_built_is_left_out_of_later_collections(bot: BotApp) -> None:
    walked_before = len(gc.get_objects())
    try:
        leave_start_up_out_of_collections()
        assert gc.get_freeze_count() >= walked_before // 2  # the bot's modules, forms, caches
        assert len(gc.get_objects()) < walked_before // 10  # what a collection walks now
    finally:
        gc.unfreeze()
