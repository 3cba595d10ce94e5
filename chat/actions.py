"""What a button carries: short, versioned strings, so stale and forged presses are caught."""

from __future__ import annotations

from dataclasses import dataclass

from chat import button_data

FORM = "f"
JOIN = "j"
MENU = "m"
REPORT = "r"  # the member's own reports: always checked against the rule book, never stale
SUMMARY = "s"  # a period for /baocao: checked against the rule book at every press
FIGURES = "p"  # the police figures of /solieu: checked against the rule book at every press
YEARLY = "y"  # "the yearly report is sent" under a deadline reminder: checked at every press
OFFICER = "o"  # officer tools (/quanly): carry unit and member ids, checked at every press
GROUP = "g"  # a team chosen in a group chat to link it: checked at every press
TARGETS = "t"  # the ward's own targets (from /solieu): checked against the rule book every press

# Buttons valid at any time ("<scope>:<action>") and buttons bound to a draft's step
# ("<scope><version>:<action>"). A new kind of button is one more letter in one of these.
UNVERSIONED = frozenset({MENU, REPORT, SUMMARY, FIGURES, YEARLY, OFFICER, GROUP, TARGETS})
# What a versioned button may carry after its ":" (typed values read by chat/button_data).
STEP_ACTIONS = {FORM: button_data.form_step, JOIN: button_data.join_step}
VERSIONED = frozenset(STEP_ACTIONS)


@dataclass(frozen=True)
class Pressed:
    """A decoded button: its scope, the draft version it belongs to, and the action."""

    scope: str
    version: int | None
    action: str


def versioned(scope: str, version: int, action: str) -> str:
    """A button bound to one step of a draft (pressing it later is stale)."""
    return f"{scope}{version}:{action}"


def menu(action: str) -> str:
    """A menu button, valid at any time."""
    return f"{MENU}:{action}"


def summary(period: str) -> str:
    """A period button of /baocao."""
    return f"{SUMMARY}:{period}"


def figures(action: str) -> str:
    """A button of /solieu."""
    return f"{FIGURES}:{action}"


def targets(action: str) -> str:
    """A button of the ward's own targets."""
    return f"{TARGETS}:{action}"


def yearly_report(ward_id: int, year: int) -> str:
    """The button that marks a ward's yearly report as sent."""
    return f"{YEARLY}:{ward_id}:{year}"


def report(action: str) -> str:
    """A button about one of the member's reports (open, edit, delete, a month's page)."""
    return f"{REPORT}:{action}"


def officer(action: str) -> str:
    """A button of the officer tools."""
    return f"{OFFICER}:{action}"


def group(action: str) -> str:
    """A button in a group chat."""
    return f"{GROUP}:{action}"


def decode(data: str) -> Pressed | None:
    """The button behind `data`, or None when it is not one the bot made. The values inside
    `action` are read by the scope's handler with `chat.button_data`."""
    head, sep, action = data.partition(":")
    if not sep or not action or not head or not button_data.fits(data):
        return None
    scope, number = head[0], head[1:]
    if scope in UNVERSIONED and not number:
        return Pressed(scope, None, action)
    version = button_data.version(number) if scope in VERSIONED else None
    if version is None or not STEP_ACTIONS[scope](action):
        return None
    return Pressed(scope, version, action)
