"""Random button data and random update JSON thrown at one running bot (both backends): no
exception escapes the conversation, the bot keeps polling, every press is answered, and nothing
invalid is stored. One bot is shared by every example, so each costs a round trip or two."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.app import BotApp
from bot.pipeline import RetryPolicy
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from handlers.forms import engine
from handlers.forms.spec import load_forms
from handlers.report_flow import FLOW_PREFIX
from storage.models import Draft, InboxUpdate, Report
from tests.conftest import MORNING, TOKEN
from tests.waiting import eventually
from tests.ward import Ward

EXAMPLES = 40
FORMS = load_forms()
OTHER_FLOWS = {"join", "officer", "police-figures", "capture"}
T = TypeVar("T")

# -- what is thrown -----------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(-5, 40),
    st.integers(-(10**20), 10**20),
    st.sampled_from([2**31 - 1, 2**31, 2**63, 10**20, 10**40]),
).map(str)
ODD = st.sampled_from(["²", "1²", "٣", "१२", "-1", "", " 1", "1e3", "Đợt 1", "phase:Đợt 1", "x"])
VALUES = st.one_of(NUMBERS, ODD, st.text(max_size=10))
MONTHS = st.one_of(
    st.builds("{:04d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13)),
    ODD,
)
# The shapes the bot's own buttons have, each slot filled with anything: a forged press looks
# like a real one with one value changed.
SHAPES = {
    "f{version}:{verb}:{value}": ("ago", "after", "last", "n", "who", "pick", "tick", "kind"),
    "f{version}:{verb}": ("done", "send", "back", "now", "other", "today", "cancel", "x"),
    "j{version}:{verb}": ("yes", "no", "maybe"),
    "r:{verb}:{value}": ("o", "e", "d", "dy", "x"),
    "r:m:{month}": ("",),
    "r:m:{month}:{verb}": ("good_deed", "patrol", "x"),
    "s:{month}": ("",),
    "s:{verb}:{value}": ("year", "rating-year", "phase", "x"),
    "p:m:{month}": ("",),
    "p:{verb}:{value}:{month}": ("e", "v"),
    "p:v:{value}:{month}:{value}": ("",),
    "y:{value}:{value}": ("",),
    "o:{verb}:{value}": (
        *("w", "t", "m", "mv", "rl", "ja", "jx", "ir", "g", "tl", "jr", "x"),
        *("gl", "ng", "nt", "rn", "il", "gu", "nm", "vo", "vn", "vs", "sz"),
    ),
    "o:{verb}:{value}:{value}": ("mt", "rs", "sz", "rm", "x", "aa", "i", "rr"),
    "o:{verb}:{value}:{value}:{value}": ("vd",),
    "o:vl:{value}:{value}:{value}:{value}": ("",),
    "t:{verb}": ("l", "e", "x"),
    "t:{verb}:{value}": ("e", "x", "l"),
    "g:{value}": ("",),
    "m:{verb}": ("good_deed", "patrol", "more", "home", "x"),
}


@st.composite
def button_data(draw: st.DrawFn) -> str:
    """Data shaped like the bot's buttons with any value in the slots, or any text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=64))
    shape = draw(st.sampled_from(sorted(SHAPES)))
    filled = shape.replace("{verb}", draw(st.sampled_from(SHAPES[shape])))
    filled = filled.replace("{version}", draw(st.one_of(st.integers(0, 9).map(str), ODD)))
    filled = filled.replace("{month}", draw(MONTHS), 1)
    while "{value}" in filled:
        filled = filled.replace("{value}", draw(VALUES), 1)
    return filled


BUTTON_DATA = button_data()

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=16),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
# Strangers only (the bot has never met them), so nothing they send can be a report.
USER = st.fixed_dictionaries(
    {"id": st.integers(10**6, 2**40), "is_bot": st.booleans(), "first_name": st.text(max_size=20)},
    optional={"last_name": st.text(max_size=12), "language_code": st.sampled_from(["vi", "en"])},
)
CHAT = st.fixed_dictionaries(
    {
        "id": st.one_of(st.integers(10**6, 2**40), st.integers(-(10**13), -1)),
        "type": st.sampled_from(["private", "group", "supergroup", "channel"]),
    },
    optional={"title": st.text(max_size=12)},
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["/start", "/start ²", "/huy", "/lienket", "/baocao", "/quanly", "/solieu"]),
)
MESSAGE = st.fixed_dictionaries(
    {"message_id": st.integers(1, 2**31 - 1), "date": st.integers(0, 2**31), "chat": CHAT},
    optional={
        "from": USER,
        "text": TEXT,
        "caption": st.text(max_size=20),
        "photo": st.lists(
            st.fixed_dictionaries(
                {
                    "file_id": st.text(min_size=1, max_size=8),
                    "file_unique_id": st.text(min_size=1, max_size=8),
                    "width": st.integers(1, 99),
                    "height": st.integers(1, 99),
                }
            ),
            max_size=2,
        ),
        "contact": st.fixed_dictionaries(
            {"phone_number": st.text(max_size=15), "first_name": st.text(max_size=8)},
            optional={"user_id": st.integers(1, 2**40)},
        ),
        "location": st.fixed_dictionaries(
            {"latitude": st.floats(-90, 90), "longitude": st.floats(-180, 180)}
        ),
        "entities": st.lists(JSON, max_size=2),
        "poll": JSON,
    },
)
CALLBACK = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=10), "from": USER, "chat_instance": st.text(max_size=6)},
    optional={"data": BUTTON_DATA, "message": MESSAGE},
)
MEMBER_CHANGE = st.fixed_dictionaries(
    {
        "chat": CHAT,
        "from": USER,
        "date": st.integers(0, 2**31),
        "old_chat_member": st.fixed_dictionaries({"user": USER, "status": st.just("member")}),
        "new_chat_member": st.fixed_dictionaries(
            {"user": USER, "status": st.sampled_from(["left", "kicked", "member", "nonsense"])}
        ),
    }
)
UPDATE = st.one_of(
    MESSAGE.map(lambda message: {"message": message}),
    CALLBACK.map(lambda query: {"callback_query": query}),
    MEMBER_CHANGE.map(lambda change: {"my_chat_member": change}),
    st.builds(
        lambda kind, body: {kind: body},
        st.sampled_from(["message", "callback_query", "my_chat_member"]),
        JSON,
    ),
)

# -- one bot for every example ------------------------------------------------------------------


@dataclass
class Stage:
    emulator: TelegramEmulator
    bot: BotApp
    lan: Phone  # a member of Tổ 12
    officer: Phone  # the ward's police officer


@asynccontextmanager
async def stage(database_url: str, backend: str) -> AsyncIterator[Stage]:
    async with TelegramEmulator() as emulator:
        configured = Settings(
            telegram_backend=backend,
            bot_token=SecretStr(TOKEN),
            database_url=database_url,
            telegram_api_url=emulator.base_url,
            poll_timeout_seconds=1,
        )
        clock = FixedClock(MORNING)
        fast = RetryPolicy(backoff=(0.001,), rate_limit_scale=0.001)
        bot = BotApp(configured, clock=clock, retry=fast)
        await bot.start()
        try:
            async with Ward.create(bot.db, clock) as ward:
                lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Đặng")
                officer = emulator.phone(user_id=1009, first_name="Thượng úy Ư")
                await ward.join(lan)
                await ward.person(officer, "officer", unit_id=ward.ward_id)
                await officer.send("/quanly")
                yield Stage(emulator, bot, lan, officer)
        finally:
            await bot.stop()


async def settled(run: Stage, update_id: int) -> None:
    """The update is stored, confirmed and handled, and what it owed is sent."""
    await eventually(lambda: run.emulator.confirmed_offset >= update_id, "confirmed")
    await asyncio.wait_for(run.bot.pipeline.lanes.idle(), 10)


async def check_nothing_went_wrong(run: Stage, failed_before: int) -> None:
    """Each example on its own: the shared bot's state is checked, the counters compared."""
    assert run.bot._task is not None and not run.bot._task.done(), "the bot stopped polling"
    assert run.bot.pipeline.stats.failed == failed_before, "an exception escaped the conversation"
    async with run.bot.db.read() as session:
        errors = (
            await session.scalars(select(InboxUpdate.error).where(InboxUpdate.error.is_not(None)))
        ).all()
        assert all((error or "").startswith("unreadable: ") for error in errors), errors
        assert await session.scalar(select(func.count(Report.id))) == 0
        for draft in (await session.scalars(select(Draft))).all():
            kind = draft.flow.removeprefix(FLOW_PREFIX)
            assert kind in FORMS or draft.flow in OTHER_FLOWS, draft.flow
            if kind in FORMS:  # what the draft holds can still be shown
                state = engine.FormState.from_draft(draft.step, draft.data)
                context = engine.FormContext(now=MORNING, roster=((1, "Lan"),), author_id=1)
                engine.screen_of(FORMS[kind], state, context)


def hypothesis_on(loop: asyncio.AbstractEventLoop) -> Callable[[Awaitable[T]], T]:
    return loop.run_until_complete


def test_random_presses_are_each_answered_and_break_nothing(
    database_url: str, backend: str
) -> None:
    loop = asyncio.new_event_loop()
    run_on = hypothesis_on(loop)
    running = stage(database_url, backend)
    run = run_on(running.__aenter__())
    try:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(data=BUTTON_DATA, by_officer=st.booleans())
        @example(data="r:m:0001-01", by_officer=False)
        def press(data: str, by_officer: bool) -> None:
            async def one() -> None:
                phone = run.officer if by_officer else run.lan
                answers = len(run.emulator.calls_to("answerCallbackQuery"))
                failed = run.bot.pipeline.stats.failed
                await phone.press_data(data, expect=0, settle=0)
                assert phone.last_update is not None
                await settled(run, int(phone.last_update["update_id"]))
                assert len(run.emulator.calls_to("answerCallbackQuery")) == answers + 1
                await check_nothing_went_wrong(run, failed)

            run_on(one())

        press()
    finally:
        run_on(running.__aexit__(None, None, None))
        loop.close()


def test_random_updates_never_stop_the_bot(database_url: str, backend: str) -> None:
    loop = asyncio.new_event_loop()
    run_on = hypothesis_on(loop)
    running = stage(database_url, backend)
    run = run_on(running.__aenter__())
    try:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(update=UPDATE)
        def arrives(update: dict[str, Any]) -> None:
            async def one() -> None:
                failed = run.bot.pipeline.stats.failed
                update_id = run.emulator.push_update(update)
                await settled(run, update_id)
                await check_nothing_went_wrong(run, failed)

            run_on(one())

        arrives()
        # Still answering the people it knows.
        [menu] = run_on(run.lan.send("/huy"))
        assert "Không có việc gì đang làm dở" in menu.text_plain
    finally:
        run_on(running.__aexit__(None, None, None))
        loop.close()
