"""One reading of stored updates for both backends: the raw update, and the same update as
PTB and as aiogram store it, all give the same event."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import aiogram
import pytest
from telegram import Bot

from bot.ptb_backend.channel import PtbChannel
from bot.ptb_backend.convert import payload_of
from bot.telegram_shared import chat_ref_of
from bot.telegram_updates import incoming_of as to_incoming
from chat.events import Contact, Incoming, Location
from chat.replies import Button, Say
from emulator import Phone, TelegramEmulator

INBOX_ID = 42
# Nesting, an emoji (two UTF-16 units), quotes, an apostrophe and escaped markup characters.
QUESTION = (
    '<b>Bước 2/3</b>: cụ bà "Tư" &amp; cháu\'s <i>xe <u>đạp</u></i> 🚲 &lt;hỏng&gt;\n'
    "<b>Khi <i>nào</i>?</b>"
)


@dataclass(frozen=True)
class Case:
    """A phone action and what the bot should read from it."""

    act: Callable[[Phone, PtbChannel], Coroutine[Any, Any, object]]
    check: Callable[[Incoming, Phone], None]


async def _ask_and_press(phone: Phone, channel: PtbChannel) -> None:
    buttons = [
        [Button(label="Hôm nay", action="day:0"), Button(label="Hôm qua", action="day:1")],
        [Button(label="Hủy", action="cancel")],
    ]
    await channel.deliver(str(phone.chat_id), Say(text=QUESTION, buttons=buttons))
    await phone.press("Hôm qua", expect=0)


def _pressed(incoming: Incoming, phone: Phone) -> None:
    assert (incoming.button, incoming.button_label) == ("day:1", "Hôm qua")
    assert incoming.button_message_id == phone.last.message_id
    assert incoming.button_message_html == QUESTION
    assert phone.last_update is not None
    assert incoming.callback_ref == phone.last_update["callback_query"]["id"]


def _photo(incoming: Incoming, phone: Phone) -> None:
    assert incoming.photos == (phone.last_file_id,)
    assert incoming.text == "Ảnh hiện trường"


CASES = {
    "text": Case(
        lambda phone, _: phone.send("Giúp cụ bà qua đường.", expect=0),
        lambda incoming, _: _expect(incoming, text="Giúp cụ bà qua đường.", command=None),
    ),
    "command with @bot and args": Case(
        lambda phone, _: phone.send("/Start@antt_demo_bot  ma-moi  123", expect=0),
        lambda incoming, _: _expect(incoming, command="start", command_args="ma-moi  123"),
    ),
    "photo with caption": Case(
        lambda phone, _: phone.send_photo("Ảnh hiện trường", expect=0), _photo
    ),
    "own contact": Case(
        lambda phone, _: phone.share_contact("0987654321", expect=0),
        lambda incoming, phone: _expect(
            incoming, contact=Contact("0987654321", str(phone.user_id))
        ),
    ),
    "somebody else's contact": Case(
        lambda phone, _: phone.share_contact("0911111111", own=False, expect=0),
        lambda incoming, phone: _expect(
            incoming, contact=Contact("0911111111", str(phone.user_id + 1_000_000_000))
        ),
    ),
    "location": Case(
        lambda phone, _: phone.share_location(21.0285, 105.8542, expect=0),
        lambda incoming, _: _expect(incoming, location=Location(21.0285, 105.8542)),
    ),
    "button press": Case(_ask_and_press, _pressed),
}


def _expect(incoming: Incoming, **fields: Any) -> None:
    assert {name: getattr(incoming, name) for name in fields} == fields


@pytest.mark.parametrize("name", list(CASES))
async def test_both_backends_read_the_same_event(
    name: str, emulator: TelegramEmulator, ptb_bot: Bot, aiogram_bot: aiogram.Bot
) -> None:
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn")
    acting = asyncio.create_task(CASES[name].act(phone, PtbChannel(ptb_bot)))
    [ptb_update] = await ptb_bot.get_updates(timeout=5)
    await acting
    # Nothing was confirmed, so aiogram gets the very same update.
    [aiogram_update] = await aiogram_bot.get_updates()
    raw = phone.last_update
    assert raw is not None

    expected = to_incoming(INBOX_ID, raw)
    assert expected is not None
    assert expected.user_ref == "1001" and expected.user_name == "Lan Nguyễn"
    CASES[name].check(expected, phone)
    # Either backend reads what the other stored: one inbox serves both.
    ptb_stored = payload_of(ptb_update)
    aiogram_stored = aiogram_update.model_dump(mode="json", exclude_none=True, by_alias=True)
    assert chat_ref_of(ptb_stored) == chat_ref_of(aiogram_stored) == "1001"
    assert to_incoming(INBOX_ID, ptb_stored) == expected
    assert to_incoming(INBOX_ID, aiogram_stored) == expected


async def test_updates_without_a_person_behind_them_are_ignored_alike(
    emulator: TelegramEmulator, ptb_bot: Bot, aiogram_bot: aiogram.Bot
) -> None:
    user = {"id": 1001, "is_bot": False, "first_name": "Lan"}
    chat = {"id": 1001, "type": "private", "first_name": "Lan"}
    member = {"user": {"id": 7, "is_bot": True, "first_name": "Bot"}}
    emulator.push_update(
        {"edited_message": {"message_id": 1, "date": 1, "chat": chat, "from": user, "text": "x"}}
    )
    emulator.push_update(
        {
            "my_chat_member": {
                "chat": chat,
                "from": user,
                "date": 1,
                "old_chat_member": {**member, "status": "member"},
                "new_chat_member": {**member, "status": "kicked", "until_date": 0},
            }
        }
    )
    ptb_updates = await ptb_bot.get_updates()
    aiogram_updates = await aiogram_bot.get_updates()
    assert [chat_ref_of(payload_of(u)) for u in ptb_updates] == ["-", "1001"]
    aiogram_stored = [
        u.model_dump(mode="json", exclude_none=True, by_alias=True) for u in aiogram_updates
    ]
    assert [chat_ref_of(payload) for payload in aiogram_stored] == ["-", "1001"]
    for update in ptb_updates:
        assert to_incoming(INBOX_ID, payload_of(update)) is None


def test_a_payload_is_read_without_being_changed() -> None:
    payload: dict[str, Any] = {
        "update_id": 3,
        "message": {
            "message_id": 1,
            "date": 1,
            "chat": {"id": 5, "type": "private", "first_name": "Lan"},
            "from": {"id": 5, "is_bot": False, "first_name": "Lan"},
            "text": "/huy",
            "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
        },
    }
    before = repr(payload)
    incoming = to_incoming(INBOX_ID, payload)
    assert incoming is not None and incoming.command == "huy"
    assert repr(payload) == before
