"""A typed answer is a press, on a messenger without buttons (Zalo): the runtime reads what the
person typed against the numbered list their chat sees last (`storage/offered_choices.py`) and
hands the conversation the press of the button it names, exactly as Telegram's would come
(`Incoming.button` = the button's action); the conversation never learns that nothing was
pressed.

- "2", "hom nay", "Hôm nay", "0"/"quay lại" (back): one press of that button.
- "1 3 4" on a list of boxes to tick (participants): three presses, in order, in the same
  transaction, each a turn of its own. The person reads only the screen after the last one:
  each tick redraws the same list (an `Edit`, which a messenger that cannot edit sends anew),
  and three copies of the list, two of them already out of date, would hide the one that
  counts; the earlier presses' redraws are dropped, anything else they said is kept.
- A phone number where the last message asked for one: a `Contact` (`typed=True`: nothing
  proves it is theirs).
- A number the list does not have ("7" of four), or several where one is to be chosen: a
  short answer listing the valid numbers; the conversation is not called, nothing changes.
- Anything else (a name, a note, a place, a day typed as 15/11): text, as it came.
A press whose list the conversation has moved on from carries the old draft version in its
action, so it is stale exactly as an old Telegram button is; its toast (and any other) comes
as a message, there being no button to show it on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from chat.events import Contact, Incoming
from chat.replies import Button, Edit, Reply, Say, Toast
from chat.texts import Texts
from chat.typed_choices import OneOnly, OutOfRange, offered_choices, read_typed
from chat.typed_phone import read_phone
from storage.offered_choices import shown

Converse = Callable[[Incoming], Awaitable[list[Reply]]]


async def answer_typed(
    session: AsyncSession,
    incoming: Incoming,
    now: dt.datetime,
    texts: Texts,
    converse: Converse,
) -> list[Reply]:
    """The conversation's replies to `incoming` on a channel without buttons, a typed answer
    read as the press (or presses, or the phone number) it names."""
    replies = await _answer(session, incoming, now, texts, converse)
    return [Say(text=reply.text) if isinstance(reply, Toast) else reply for reply in replies]


async def _answer(
    session: AsyncSession,
    incoming: Incoming,
    now: dt.datetime,
    texts: Texts,
    converse: Converse,
) -> list[Reply]:
    typed = incoming.text
    if typed is None or incoming.command is not None or incoming.button is not None:
        return await converse(incoming)
    if incoming.photos or incoming.location is not None or incoming.contact is not None:
        return await converse(incoming)
    seen = await shown(session, incoming.channel, incoming.chat_ref, now)
    if seen is None:
        return await converse(incoming)
    if seen.ask_contact:
        phone = read_phone(typed)
        if phone is not None:
            contact = Contact(phone_number=phone, user_ref=incoming.user_ref, typed=True)
            return await converse(replace(incoming, text=None, contact=contact))
    buttons = [[Button.model_validate(button) for button in row] for row in seen.buttons]
    reading = read_typed(typed, offered_choices(buttons))
    if isinstance(reading, OutOfRange):
        wrong = ", ".join(str(number) for number in reading.wrong)
        valid = ", ".join(str(number) for number in reading.valid)
        return [Say(text=texts("typed-out-of-range", wrong=wrong, valid=valid))]
    if isinstance(reading, OneOnly):
        valid = ", ".join(str(number) for number in reading.valid)
        return [Say(text=texts("typed-one-only", valid=valid))]
    if reading is None:
        return await converse(incoming)
    replies: list[Reply] = []
    for index, choice in enumerate(reading.choices):
        press = replace(
            incoming,
            text=None,
            button=choice.action,
            button_label=choice.label,
            button_message_id=seen.outbox_id,
            button_message_html=None,
        )
        answered = await converse(press)
        last = index == len(reading.choices) - 1
        replies.extend(r for r in answered if last or not isinstance(r, Edit))
    return replies
