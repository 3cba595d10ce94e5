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
as a message, there being no button to show it on, and leaves the list as it was (`sendable`,
`remember_list`: the conversation's last message sets the chat's list, or clears it when it
has no buttons)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from chat.events import Contact, Incoming
from chat.replies import Button, Edit, Later, Reply, Say, SendFile, Toast
from chat.texts import Texts
from chat.typed_choices import OneOnly, OutOfRange, offered_choices, read_typed
from chat.typed_phone import read_phone
from storage.models import OutboxMessage
from storage.offered_choices import remember_screen, shown

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
    # A note about the answer, not a new screen: a toast (sent as a message, the list kept).
    if isinstance(reading, OutOfRange):
        wrong = ", ".join(str(number) for number in reading.wrong)
        valid = ", ".join(str(number) for number in reading.valid)
        return [Toast(text=texts("typed-out-of-range", wrong=wrong, valid=valid))]
    if isinstance(reading, OneOnly):
        valid = ", ".join(str(number) for number in reading.valid)
        return [Toast(text=texts("typed-one-only", valid=valid))]
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


def sendable(replies: list[Reply], buttons_as_text: bool) -> list[Say | Edit | SendFile]:
    """What goes to the chat: on a channel without buttons, a toast too, as a message (there is
    no button to show it on)."""
    sending: list[Say | Edit | SendFile] = []
    for reply in replies:
        if isinstance(reply, Say | Edit | SendFile):
            sending.append(reply)
        elif isinstance(reply, Toast) and buttons_as_text:
            sending.append(Say(text=reply.text))
    return sending


async def remember_list(
    session: AsyncSession,
    replies: list[Reply],
    keys: list[str],
    queued: list[OutboxMessage],
    now: dt.datetime,
) -> None:
    """Keep the list of the conversation's last message among `replies` (queued under `keys`,
    in the order of `sendable`); toasts and files leave the chat's list as it was."""
    screens = [
        key
        for key, reply in zip(keys, [r for r in replies if not isinstance(r, Later)], strict=True)
        if isinstance(reply, Say | Edit)
    ]
    if not screens:
        return
    row = next((message for message in queued if message.key == screens[-1]), None)
    if row is not None:
        await remember_screen(session, row, now)
