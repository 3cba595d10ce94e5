"""Every button the bot draws is written and read by one description (chat/actions.py,
chat/steps.py): each reads back as it was written, fits Telegram's 64 bytes with the largest ids
and the bot's longest names, and data with an unknown verb, a value too many or too few, or
digits of another script reads as nothing: pressed, it gets the refusal and changes nothing."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Awaitable, Callable
from dataclasses import fields
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import BotApp
from chat import actions, button_data, buttons, steps
from chat.buttons import Data, Flag, Id, Key, Month, Name, Page, Period, Scope, TeamSize, Year
from chat.steps import FormVerb, Step
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from handlers.access import TEAM_ROLES
from handlers.forms.spec import load_forms
from handlers.menu import MENU_ACTIONS
from handlers.my_reports import USES
from handlers.officer_buttons import TOOLS
from handlers.team_people import LEAVE_REASONS
from reports.campaigns import load_campaigns
from storage.models import Base
from tests.waiting import eventually
from tests.ward import Ward

FORGED = "Nút này không hợp lệ."
KINDS = sorted(buttons.kinds(), key=lambda kind: (kind.scope, kind.verb))
FORMS = load_forms()
CAMPAIGNS = load_campaigns().values()
# The bot's own names a button carries, and the campaigns' ids and phases.
NAMES = [*FORMS, *MENU_ACTIONS, *TEAM_ROLES, *LEAVE_REASONS]
KEYS = [figure.id for c in CAMPAIGNS for figure in c.police_figures] + [
    indicator.id for c in CAMPAIGNS for indicator in c.indicators
]
PHASES = [phase.name for c in CAMPAIGNS for phase in c.phases] + [
    c.recurring.name.format(year=button_data.LAST_YEAR) for c in CAMPAIGNS if c.recurring
]
LAST_MONTH = dt.date(button_data.LAST_YEAR, 12, 1)

# What each type of value may be, at random; its largest the bot makes; and one to forge from.
VALUES: dict[object, tuple[st.SearchStrategy[Any], object, object]] = {
    Id: (st.integers(1, button_data.MAX_ID), button_data.MAX_ID, 12),
    Year: (st.integers(button_data.FIRST_YEAR, button_data.LAST_YEAR), button_data.LAST_YEAR, 2026),
    Month: (
        st.builds(
            dt.date,
            st.integers(button_data.FIRST_YEAR, button_data.LAST_YEAR),
            st.integers(1, 12),
            st.just(1),
        ),
        LAST_MONTH,
        dt.date(2026, 11, 1),
    ),
    Page: (st.integers(0, button_data.MAX_PAGE), button_data.MAX_PAGE, 1),
    TeamSize: (st.integers(1, button_data.MAX_TEAM_SIZE), button_data.MAX_TEAM_SIZE, 4),
    Flag: (st.booleans(), True, True),
    Name: (st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True), max(NAMES, key=len), "patrol"),
    Key: (
        st.from_regex(r"[a-z0-9_-]{1,30}", fullmatch=True),
        max(KEYS, key=len),
        "no-serious-case",
    ),
    Period: (
        st.one_of(
            st.builds("{:%Y-%m}".format, st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
            st.builds("rating-year:{}".format, st.integers(2000, 2100)),
            st.builds("phase:{}".format, st.text(min_size=1, max_size=12)),
        ),
        max(["rating-year:2100", *(f"phase:{name}" for name in PHASES)], key=len),
        "2026-11",
    ),
}


def value_types(kind: type[Data]) -> list[tuple[object, bool]]:
    """Each field's type of value, and whether it may be left out."""
    hints = typing.get_type_hints(kind, include_extras=True)
    found = []
    for field in fields(kind):  # type: ignore[arg-type]
        hint = hints[field.name]
        optional = typing.get_origin(hint) in (typing.Union, type(int | None))
        if optional:
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        found.append((hint, optional))
    return found


def made(kind: type[Data], which: int) -> Data:
    """The button with every value the largest (1) or an everyday one (2)."""
    return typing.cast(Callable[..., Data], kind)(
        *(VALUES[hint][which] for hint, _ in value_types(kind))
    )


@st.composite
def any_button(draw: st.DrawFn) -> Data:
    kind = draw(st.sampled_from(KINDS))
    values = []
    for hint, optional in value_types(kind):
        strategy = VALUES[hint][0]
        values.append(draw(st.none() | strategy if optional else strategy))
    while values and values[-1] is None:
        values.pop()
    return typing.cast(Callable[..., Data], kind)(*values)


@given(any_button())
def test_every_button_reads_back_as_it_was_written(data: Data) -> None:
    encoded = data.encode()
    if button_data.fits(encoded):
        assert actions.decode(encoded) == data
    else:
        assert actions.decode(encoded) is None


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_the_largest_values_fit_in_a_button(kind: type[Data]) -> None:
    largest = made(kind, 1)
    assert len(largest.encode().encode()) <= button_data.MAX_BYTES, largest.encode()
    assert actions.decode(largest.encode()) == largest


def test_the_largest_steps_fit_in_a_button() -> None:
    longest_choice = max(
        (choice.value for form in FORMS.values() for f in form.fields for choice in f.choices),
        key=len,
    )
    longest_field = max((f.name for form in FORMS.values() for f in form.fields), key=len)
    version = button_data.MAX_VERSION
    largest = [
        Step(Scope.FORM, version, FormVerb.WHO.of(button_data.MAX_ID)),
        Step(Scope.FORM, version, FormVerb.NUMBER.of(-button_data.MAX_ID)),
        Step(Scope.FORM, version, FormVerb.PICK.of(longest_choice)),
        Step(Scope.FORM, version, FormVerb.KIND.of(max(FORMS, key=len))),
        Step(Scope.FORM, version, FormVerb.LAST.of(button_data.MAX_MINUTES)),
        Step(Scope.FORM, version, steps.field(longest_field)),
        Step(Scope.JOIN, version, steps.name_offer(steps.MAX_NAME_OFFERS)),
    ]
    for step in largest:
        assert len(step.encode().encode()) <= button_data.MAX_BYTES, step.encode()
        assert actions.decode(step.encode()) == step


def test_every_button_has_somewhere_to_go() -> None:
    """A button the bot can read that no handler takes would be refused: none is."""
    officer = {kind for kind in KINDS if issubclass(kind, actions.Officer)}
    assert set(TOOLS) == officer
    assert set(USES) | {actions.ReportMonth} == {
        kind for kind in KINDS if issubclass(kind, actions.MyReports)
    }
    assert {kind.scope for kind in KINDS} == set(Scope) - set(steps.STEP_ACTIONS)


# -- forged data reads as nothing -------------------------------------------------------------

OTHER_SCRIPTS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def forgeries(data: Data) -> dict[str, str]:
    """The ways to forge a press from a real one: an unknown verb, a value too many, one too
    few, and each number in another script's digits."""
    kind = type(data)
    encoded = data.encode()
    head = encoded[: len(kind.scope) + (len(kind.verb) + 1 if kind.verb else 0)]
    values = encoded[len(head) + 1 :].split(":") if len(encoded) > len(head) else []
    forged = {"a value too many": f"{encoded}:1"}
    if kind.verb:
        forged["an unknown verb"] = ":".join([kind.scope, "zz", *values])
    required = sum(1 for _, optional in value_types(kind) if not optional)
    if required:
        forged["a value too few"] = ":".join([head, *values[: required - 1]])
    for index, value in enumerate(values):
        if re.search("[0-9]", value):
            other = [*values[:index], value.translate(OTHER_SCRIPTS), *values[index + 1 :]]
            forged[f"value {index + 1} in other digits"] = ":".join([head, *other])
    return forged


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_forged_data_of_every_button_reads_as_nothing(kind: type[Data]) -> None:
    for how, data in forgeries(made(kind, 2)).items():
        assert actions.decode(data) is None, (how, data)


@pytest.mark.parametrize(
    "data",
    [
        "o:zz:1",  # an unknown verb
        "o:l",  # another scope's verb
        "r:vo:1",
        "o",
        "o:",
        "o::1",
        "y",
        "q:1",  # an unknown scope
        "f:back",  # a step without its version
        "f1:zz",
        "f1:n:1:2",
        "f1:who:٣",
        "f٣:back",
        "j1:maybe",
        "j1:n1:1",
        "j1:n١",
        "m5:home",
        "o:w:" + "1" * 70,  # longer than Telegram lets a button carry
    ],
)
def test_data_no_button_has_reads_as_nothing(data: str) -> None:
    assert actions.decode(data) is None


# -- pressed, forged data is refused and changes nothing ----------------------------------------


async def stored(bot: BotApp) -> dict[str, list[str]]:
    """Every table but the inbox and the outbox, row by row."""
    async with bot.db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in await session.execute(select(table)))
            for table in Base.metadata.sorted_tables
            if table.name not in ("inbox", "outbox")
        }


def shown(phone: Phone, pattern: str) -> str:
    """The version of the draft in the data of a shown button matching `pattern`."""
    return next(
        match[1]
        for message in phone.messages
        for row in message.inline_keyboard
        for button in row
        if button.callback_data and (match := re.fullmatch(pattern, button.callback_data))
    )


async def press_and_wait(emulator: TelegramEmulator, phone: Phone, data: str) -> None:
    """Press a button carrying `data` and wait until the press is answered."""
    answers = len(emulator.calls_to("answerCallbackQuery"))
    await phone.press_data(data, expect=0)
    await eventually(lambda: len(emulator.calls_to("answerCallbackQuery")) > answers, "answer")


Setup = Callable[[TelegramEmulator, Ward], Awaitable[tuple[Phone, list[str]]]]


async def officer(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, list[str]]:
    hung = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(hung, "officer", ward.ward_id)
    lan = await ward.person(emulator.phone(user_id=1001, first_name="Lan"), "member")
    await hung.send("/quanly")
    w, t = ward.ward_id, ward.team_id
    return hung, [
        f"o:zz:{w}",
        f"o:w:{w}:1",
        f"o:mt:{lan}",
        f"o:w:{w}".translate(OTHER_SCRIPTS),
        f"o:aa:{w}:2",
        f"o:sz:{t}:21",
        f"o:rs:{lan}:Leader",
        f"o:vl:{w}:t:w:10000",
    ]


async def figures_and_targets(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, list[str]]:
    hung = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(hung, "officer", ward.ward_id)
    await hung.send("/solieu")
    return hung, [
        "p:zz:2026-11",
        "p:m:2026-11:1",
        "p:m:٢٠٢٦-١١",
        "p:v:no_serious_case:2026-11:2",
        "p:e:no_serious_case",
        "t:zz",
        "t:l:1",
        "t:e",
        "s:zz",
        "s:2026-11:1",
        "s:year:٢٠٢٦",
        f"y:{ward.ward_id}",
        f"y:{ward.ward_id}:2026:1",
        "y:٣:2026",
    ]


async def member(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, list[str]]:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("📝 Việc tốt")
    version = shown(lan, r"f([0-9]+):.*")
    return lan, [
        "m:home:1",
        "m:",
        "r:zz:1",
        "r:o:1:1",
        "r:o:١",
        "r:m:2026-11:patrol:1",
        f"f{version}:zz",
        f"f{version}:n:1:2",
        f"f{version}:ago:٣٠",
    ]


async def joining(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, list[str]]:
    hoa = emulator.phone(user_id=1003, first_name="Hoà", last_name="Phạm")
    await hoa.send(f"/start {await ward.invite()}")
    await hoa.share_contact("0912000111", expect=2)
    version = shown(hoa, r"j([0-9]+):n0")
    return hoa, [f"j{version}:zz", f"j{version}:n0:1", f"j{version}:n٠"]


async def in_group(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, list[str]]:
    hung = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(hung, "officer", ward.ward_id)
    group = hung.in_group(-100777, "Tổ 12 Yên Hòa")
    await group.send("/lienket")
    team = ward.team_id
    return group, [f"g:{team}:1", "g:zz:1", f"g:{team}".translate(OTHER_SCRIPTS), "g:"]


@pytest.mark.parametrize("setup", [officer, figures_and_targets, member, joining, in_group])
async def test_forged_presses_of_every_scope_are_refused_and_change_nothing(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, setup: Setup
) -> None:
    phone, forged = await setup(emulator, ward)
    before = await stored(bot)
    for data in forged:
        assert actions.decode(data) is None, data
        messages = len(phone.messages)
        await press_and_wait(emulator, phone, data)
        assert phone.last_toast == FORGED, data
        assert len(phone.messages) == messages, data  # no apology, no other answer
        assert await stored(bot) == before, data
