"""How a button's data is written and read back, once for every button (aiogram's
`CallbackData` factories, kept ours): a button is a small frozen dataclass declared with its
scope and verb, whose fields are its typed values; `encode()` writes
"<scope>:<verb>:<value>:<value>" and `decode()` gives the button back, or None for anything the
bot did not make (an unknown scope or verb, a missing or extra value, a value its reader
refuses). None is answered like any forged press, so nothing falls through to another button.

A value's type says how it is read (`chat/button_data`) and written: `ward: Id` is read with
`button_data.identifier`, `month: Month` with `button_data.month` and written "YYYY-MM". A
field with a default may be left out at the end. The last field gets the rest of the data, so
only a reader that accepts ":" (a /baocao period) ever sees one.

    @dataclass(frozen=True)
    class MoveMember(Officer, verb="mt"):
        member: Id
        team: Id

    MoveMember(12, 7).encode() == "o:mt:12:7"; decode("o:mt:12:7") == MoveMember(12, 7)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Generic, TypeVar, cast

from chat import button_data

T = TypeVar("T")


class Scope(StrEnum):
    """The letter before a button's first ":"; a scope with verbs has a word after it."""

    FORM = "f"  # a form's step: f<version>:<action> (chat/actions.Step)
    JOIN = "j"  # joining's step: j<version>:<action> (chat/actions.Step)
    MENU = "m"
    REPORT = "r"  # the member's own reports: always checked against the rule book
    SUMMARY = "s"  # a period for /baocao: checked against the rule book at every press
    FIGURES = "p"  # the police figures of /solieu: checked at every press
    YEARLY = "y"  # "the yearly report is sent" under a deadline reminder: checked at every press
    OFFICER = "o"  # officer tools (/quanly, /nguontin): ids checked at every press
    GROUP = "g"  # a team chosen in a group chat to link it: checked at every press
    TARGETS = "t"  # the ward's own targets (from /solieu): checked at every press
    CALL_OUT = "c"  # a live call-out: dispatching, answering, the status; checked at every press


@dataclass(frozen=True)
class Value(Generic[T]):
    """How one type of value is read from a button (None: not one) and written into it."""

    read: Callable[[str], T | None]
    write: Callable[[T], str] = str


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _flag(on: bool) -> str:
    return "1" if on else "0"


# The types a button's field may have.
Id = Annotated[int, Value(button_data.identifier)]  # a stored row's id
Year = Annotated[int, Value(button_data.year)]
Month = Annotated[dt.date, Value(button_data.month, _month)]  # its first day, "YYYY-MM"
Page = Annotated[int, Value(button_data.page)]
TeamSize = Annotated[int, Value(button_data.team_size)]
Flag = Annotated[bool, Value(button_data.flag, _flag)]  # "1" or "0"
Name = Annotated[str, Value(button_data.name)]  # a form kind, a role, a reason, a code
Key = Annotated[str, Value(button_data.key)]  # a campaign's figure or indicator id
Period = Annotated[str, Value(button_data.period)]  # "2026-11", "year:2026", "phase:Đợt 1"…

_KINDS: dict[tuple[str, str], type[Data]] = {}
SEPARATOR = ":"


class Data:
    """A button's data. Subclass it as a frozen dataclass with `scope=` (on a scope's base
    class) and `verb=` (the word after the scope; "" for a scope without verbs)."""

    scope: ClassVar[Scope]
    verb: ClassVar[str]

    def __init_subclass__(
        cls, scope: Scope | None = None, verb: str | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if scope is not None:
            cls.scope = scope
        if verb is None:
            return
        if SEPARATOR in verb or (cls.scope, verb) in _KINDS:
            raise TypeError(f"{cls.__name__}: verb {verb!r} is taken or unreadable")
        cls.verb = verb
        _KINDS[(cls.scope, verb)] = cls

    def encode(self) -> str:
        """The data the button carries."""
        head = [self.scope.value, *([self.verb] if self.verb else [])]
        values = [
            value.write(getattr(self, name))
            for name, value, _ in _fields(type(self))
            if getattr(self, name) is not None
        ]
        return SEPARATOR.join([*head, *values])


def decode(data: str) -> Data | None:
    """The button behind `data`, or None when it is not one the bot made."""
    if not button_data.fits(data):
        return None
    scope, sep, rest = data.partition(SEPARATOR)
    kind = _KINDS.get((scope, ""))
    values: str | None = rest if sep else None
    if kind is None and sep:
        verb, sep, rest = rest.partition(SEPARATOR)
        kind = _KINDS.get((scope, verb))
        values = rest if sep else None
    if kind is None:
        return None
    fields = _fields(kind)
    if values is None or not fields:
        parts = [] if values is None else [values]
    else:
        parts = values.split(SEPARATOR, len(fields) - 1)
    required = sum(1 for *_, needed in fields if needed)
    if not required <= len(parts) <= len(fields):
        return None
    read = [value.read(part) for (_, value, _), part in zip(fields, parts, strict=False)]
    if any(found is None for found in read):
        return None
    return cast(Callable[..., Data], kind)(*read)


def kinds() -> list[type[Data]]:
    """Every button declared so far (the tests walk them)."""
    return list(_KINDS.values())


Slot = tuple[str, "Value[Any]", bool]  # a field: name, value type, required
_FIELDS: dict[type[Data], tuple[Slot, ...]] = {}


def _fields(kind: type[Data]) -> tuple[Slot, ...]:
    """Each field's name, how its value is read and written, and whether it must be there."""
    if kind not in _FIELDS:
        hints = typing.get_type_hints(kind, include_extras=True)
        _FIELDS[kind] = tuple(
            (field.name, _value_of(hints[field.name]), field.default is dataclasses.MISSING)
            for field in dataclasses.fields(kind)  # type: ignore[arg-type]
        )
    return _FIELDS[kind]


def _value_of(hint: Any) -> Value[Any]:
    """The `Value` in `Annotated[int, Value(...)]`, or in `... | None`."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return next(meta for meta in getattr(hint, "__metadata__", ()) if isinstance(meta, Value))
