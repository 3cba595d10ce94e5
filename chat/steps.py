"""Buttons bound to one step of a draft: `f<version>:<action>` (a form) and `j<version>:<action>`
(joining). Pressing one after the draft moved on is stale; the action is read here for its form
(a word, or a verb and a value of its type) and by the form engine for its meaning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from chat import button_data
from chat.buttons import SEPARATOR, Scope


class FormVerb(StrEnum):
    """A form step's button that carries a value: "last:60", "pick:night", "who:12"."""

    NUMBER = "n"
    PICK = "pick"
    TICK = "tick"
    WHO = "who"
    AGO = "ago"
    AFTER = "after"
    LAST = "last"
    KIND = "kind"

    def of(self, value: int | str) -> str:
        """The step's action carrying `value`."""
        return f"{self.value}{SEPARATOR}{value}"


FORM_VALUES: dict[str, Callable[[str], object | None]] = {
    FormVerb.NUMBER: button_data.signed,
    FormVerb.PICK: button_data.name,
    FormVerb.TICK: button_data.name,
    FormVerb.WHO: button_data.identifier,
    FormVerb.AGO: button_data.minutes,
    FormVerb.AFTER: button_data.minutes,
    FormVerb.LAST: button_data.minutes,
    FormVerb.KIND: button_data.name,
}
# A form step's buttons without a value.
FORM_WORDS = frozenset(
    {"back", "skip", "done", "yes", "no", "today", "yesterday", "other", "now", "send", "edit"}
    | {"cancel"}
)
FIELD = "field-"  # a field offered on a form's summary: "field-<name>"
# Joining's steps: the consent, and one of the names offered ("n0"; the offers are in the draft).
JOIN_WORDS = frozenset({"yes", "no"})
NAME_OFFER = "n"
MAX_NAME_OFFERS = 9


def field(name: str) -> str:
    """The action of a field offered on a form's summary."""
    return f"{FIELD}{name}"


def name_offer(index: int) -> str:
    """Joining's action for the name offered at `index`."""
    return f"{NAME_OFFER}{index}"


def form_step(action: str) -> bool:
    """A button of a form's step, well formed (whether it fits the step is the form's call)."""
    if action in FORM_WORDS:
        return True
    if action.startswith(FIELD):
        return button_data.name(action.removeprefix(FIELD)) is not None
    verb, sep, value = action.partition(SEPARATOR)
    read = FORM_VALUES.get(verb)
    return bool(sep) and read is not None and read(value) is not None


def join_step(action: str) -> bool:
    """A button of joining: the consent ("yes", "no"), or a name offered ("n0")."""
    if action in JOIN_WORDS:
        return True
    offer = action.removeprefix(NAME_OFFER)
    return offer != action and button_data.number(offer, 0, MAX_NAME_OFFERS) is not None


STEP_ACTIONS = {Scope.FORM: form_step, Scope.JOIN: join_step}


@dataclass(frozen=True)
class Step:
    """A pressed step: whose draft (form or joining), which version of it, and the action."""

    scope: Scope
    version: int
    action: str

    def encode(self) -> str:
        return f"{self.scope.value}{self.version}{SEPARATOR}{self.action}"


def is_step(data: str) -> bool:
    """Data shaped like a step's button ("f12:…", "j3:…"), well formed or not."""
    head = data.partition(SEPARATOR)[0]
    return head[:1] in STEP_ACTIONS and len(head) > 1


def decode(data: str) -> Step | None:
    """The step behind `data`, or None when it is not one the bot made."""
    head, sep, action = data.partition(SEPARATOR)
    version = button_data.version(head[1:])
    if not is_step(data) or not sep or version is None or not button_data.fits(data):
        return None
    scope = Scope(head[0])
    return Step(scope, version, action) if STEP_ACTIONS[scope](action) else None
