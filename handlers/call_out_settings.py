"""The ward's call-out settings, from `/quanly` (⚙️ Cài đặt huy động): after how many minutes a
member who has not answered is alerted again (1–60, 3 by default) and after how many a call-out
nobody closed closes by itself (30–1440, 120 by default). The officer presses the one to change
and types the minutes; a value out of bounds, or anything but a number, is answered with the
bounds and the question again, and changes nothing. The rule book (ward settings) is asked at
every press and every typed answer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers.access import Action, may
from handlers.turn import Turn
from storage.drafts import discard_draft, start_draft
from storage.models import Draft, Member, Unit
from storage.ward_settings import (
    AUTO_CLOSE_MINUTES_RANGE,
    REALERT_MINUTES_RANGE,
    auto_close_minutes,
    realert_minutes,
    set_auto_close_minutes,
    set_realert_minutes,
)

FLOW = "callout-settings"
WARD = "commune"
# "45", "45 phút", "1.440" (as the bot writes it back).
MINUTES = re.compile(r"(\d{1,2}[.,]\d{3}|\d{1,5})\s*(phút|p|minutes?|min)?\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Setting:
    """One setting: its bounds, how it is read and changed, and its catalogue keys."""

    bounds: range
    read: Callable[[AsyncSession, int], Awaitable[int]]
    write: Callable[[AsyncSession, int, int, Member | None, dt.datetime], Awaitable[None]]
    ask: str
    saved: str


SETTINGS = {
    "realert": Setting(
        REALERT_MINUTES_RANGE,
        realert_minutes,
        set_realert_minutes,
        "callout-settings-ask-realert",
        "callout-settings-saved-realert",
    ),
    "auto_close": Setting(
        AUTO_CLOSE_MINUTES_RANGE,
        auto_close_minutes,
        set_auto_close_minutes,
        "callout-settings-ask-auto-close",
        "callout-settings-saved-auto-close",
    ),
}


async def _ward(turn: Turn, viewer: Member, ward_id: int) -> Unit | None:
    ward = await turn.session.get(Unit, ward_id)
    if ward is None or ward.kind != WARD:
        return None
    return ward if await may(turn.session, viewer, Action.WARD_SETTINGS, ward) else None


async def settings_screen(turn: Turn, ward: Unit, note: str = "") -> Say:
    """The ward's two call-out settings now, a button each to change it."""
    realert = await realert_minutes(turn.session, ward.id)
    auto_close = await auto_close_minutes(turn.session, ward.id)
    text = turn.texts("callout-settings", ward=ward.name, realert=realert, auto_close=auto_close)
    rows = [
        [
            Button(
                label=turn.texts.label("callout-settings-change-realert"),
                action=actions.ChangeCallOutSetting(ward.id, "realert").encode(),
            )
        ],
        [
            Button(
                label=turn.texts.label("callout-settings-change-auto-close"),
                action=actions.ChangeCallOutSetting(ward.id, "auto_close").encode(),
            )
        ],
    ]
    return Say(text=f"{note}\n\n{text}" if note else text, buttons=rows)


async def pressed(
    turn: Turn, viewer: Member, press: actions.CallOutSettings | actions.ChangeCallOutSetting
) -> list[Reply]:
    """The screen, or a setting to change (its minutes asked)."""
    ward = await _ward(turn, viewer, press.ward)
    if ward is None:
        return [Toast(text=turn.texts("forged-button"))]
    if isinstance(press, actions.CallOutSettings):
        return [await settings_screen(turn, ward)]
    setting = SETTINGS.get(press.setting)
    if setting is None:
        return [Toast(text=turn.texts("forged-button"))]
    incoming = turn.incoming
    data = {"ward_id": ward.id}
    await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, press.setting, data)
    return [Say(text=_ask(turn, setting, await setting.read(turn.session, ward.id)))]


def _ask(turn: Turn, setting: Setting, now: int) -> str:
    return str(
        turn.texts(setting.ask, now=now, low=setting.bounds.start, high=setting.bounds.stop - 1)
    )


async def typed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """The minutes typed for the setting being changed."""
    incoming = turn.incoming
    setting = SETTINGS.get(draft.step)
    ward = await _ward(turn, viewer, int(draft.data.get("ward_id", 0)))
    if setting is None or ward is None:
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return [Say(text=turn.texts("forged-button"))]
    found = MINUTES.fullmatch((incoming.text or "").strip())
    minutes = int(re.sub(r"[.,]", "", found.group(1))) if found else None
    if minutes is None or minutes not in setting.bounds:
        low, high = setting.bounds.start, setting.bounds.stop - 1
        problem = turn.texts("callout-settings-bad-minutes", low=low, high=high)
        now = await setting.read(turn.session, ward.id)
        return [Say(text=f"{problem}\n{_ask(turn, setting, now)}")]
    await setting.write(turn.session, ward.id, minutes, viewer, turn.now)
    await discard_draft(turn.session, incoming.channel, incoming.user_ref)
    return [await settings_screen(turn, ward, str(turn.texts(setting.saved, minutes=minutes)))]
