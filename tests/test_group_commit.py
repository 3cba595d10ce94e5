"""Members who write at the same moment are answered from one transaction (group commit on
SQLite, storage/group_commit.py), and the bot failing on one of them stays that one's trouble:
the others' answers and drafts are as if each had been handled alone."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import select

from bot.app import BotApp
from chat.replies import Reply
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from handlers.conversation import handle
from handlers.turn import Turn
from storage.models import Draft, InboxUpdate
from tests.waiting import eventually
from tests.ward import Ward

NAMES = ("Đặng Văn Ước", "Trương Thị Ơn", "Lê Đức Bình", "Nguyễn Thị Ưng", "Phạm Văn Đông")


async def members(emulator: TelegramEmulator, ward: Ward) -> list[Phone]:
    phones = []
    for number, name in enumerate(NAMES):
        first, _, last = name.rpartition(" ")
        phone = emulator.phone(user_id=3001 + number, first_name=last, last_name=first)
        await ward.join(phone, f"09123450{number:02d}")
        phones.append(phone)
    return phones


def has_more(phone: Phone, seen: int) -> bool:
    return len(phone.messages) > seen


async def answers(phones: list[Phone], before: list[int]) -> list[str]:
    """Each phone's first answer after `before` messages, once every one has come."""
    for phone, seen in zip(phones, before, strict=True):
        await eventually(partial(has_more, phone, seen), f"{phone.user.first_name}'s answer")
    return [phone.messages[seen].text_plain for phone, seen in zip(phones, before, strict=True)]


async def drafts_by_person(bot: BotApp) -> dict[str, str | None]:
    async with bot.db.read() as session:
        rows = (await session.scalars(select(Draft))).all()
        return {row.user_ref: row.data.get("text") for row in rows}


async def test_sentences_sent_at_once_are_answered_from_one_transaction(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL takes many writers at once: its transactions are not grouped")
    phones = await members(emulator, ward)
    before = [len(phone.messages) for phone in phones]
    groups = bot.db.groups.grouped if bot.db.groups else 0

    # One getUpdates batch: five sentences, each kept in a draft and asked which kind it is.
    for number, phone in enumerate(phones):
        phone.send_without_waiting(f"Tối nay tổ tuần tra ngõ {number + 1}, phố Đông Ứng.")
    for answer in await answers(phones, before):
        assert "Đồng chí muốn báo cáo việc gì?" in answer

    assert bot.db.groups is not None and bot.db.groups.grouped > groups
    kept = await drafts_by_person(bot)
    assert [kept[str(phone.user_id)] for phone in phones] == [
        f"Tối nay tổ tuần tra ngõ {number + 1}, phố Đông Ứng." for number in range(len(phones))
    ]


async def test_the_bot_failing_on_one_of_them_leaves_the_others_answered(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    phones = await members(emulator, ward)
    broken = bot.db.groups.broken if bot.db.groups else 0
    binh = phones[2]

    async def broken_for_binh(turn: Turn) -> list[Reply]:
        if turn.incoming.user_ref == str(binh.user_id):
            raise RuntimeError("the bot failed on Bình's sentence")
        return await handle(turn)

    bot.pipeline.conversation = broken_for_binh
    before = [len(phone.messages) for phone in phones]
    for number, phone in enumerate(phones):
        phone.send_without_waiting(f"Sáng nay giúp hộ số {number + 1} dọn mương.")
    answered = await answers(phones, before)
    assert "bot gặp sự cố" in answered[2]
    assert all("Đồng chí muốn báo cáo việc gì?" in a for n, a in enumerate(answered) if n != 2)
    kept = await drafts_by_person(bot)
    assert str(binh.user_id) not in kept
    assert sorted(str(text) for text in kept.values()) == [
        f"Sáng nay giúp hộ số {number + 1} dọn mương." for number in (0, 1, 3, 4)
    ]
    async with bot.db.read() as session:
        failed = (
            await session.scalars(select(InboxUpdate).where(InboxUpdate.error.is_not(None)))
        ).all()
    assert [row.chat_ref for row in failed] == [str(binh.user_id)]
    if bot.db.groups is not None:  # SQLite: the group was rolled back and each ran alone
        assert bot.db.groups.broken > broken
