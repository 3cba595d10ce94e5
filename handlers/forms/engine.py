"""The form engine: pure steps from one state to the next, no storage and no messenger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from chat import button_data
from handlers.forms.answers import (
    Problem,
    check_day,
    check_number,
    read_day,
    read_moment,
    read_number,
    read_span,
    read_text,
    read_yes_no,
)
from handlers.forms.spec import FieldSpec, FormSpec

REVIEW = "review"
PICK_FIELD = "pick-field"
SKIP_WORDS = {"bỏ qua", "bo qua", "không", "khong", "skip"}
MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class FormContext:
    """What the form may know besides the answers: the clock, the team, who is filling it."""

    now: dt.datetime
    roster: tuple[tuple[int, str], ...] = ()
    author_id: int | None = None

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def local_now(self) -> dt.datetime:
        """Now as a naive local time (how moments are stored)."""
        return self.now.replace(tzinfo=None, second=0, microsecond=0)


@dataclass(frozen=True)
class FormState:
    """Where a person is in a form and what they answered so far (JSON-friendly values)."""

    step: str
    values: dict[str, Any] = field(default_factory=dict)
    typing: bool = False
    editing: bool = False
    prefilled: tuple[str, ...] = ()
    report_id: int | None = None  # set when the draft changes a report already sent

    def to_data(self) -> dict[str, Any]:
        """The draft's stored form of this state (the step is stored beside it)."""
        return {
            "values": self.values,
            "typing": self.typing,
            "editing": self.editing,
            "prefilled": list(self.prefilled),
            "report_id": self.report_id,
        }

    @classmethod
    def from_draft(cls, step: str, data: dict[str, Any]) -> FormState:
        """The state a draft row holds."""
        return cls(
            step=step,
            values=dict(data.get("values", {})),
            typing=bool(data.get("typing", False)),
            editing=bool(data.get("editing", False)),
            prefilled=tuple(data.get("prefilled", ())),
            report_id=data.get("report_id"),
        )


# What a person can give the form.
@dataclass(frozen=True)
class Typed:
    text: str


@dataclass(frozen=True)
class Photo:
    file_ids: tuple[str, ...]
    caption: str | None = None


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Press:
    action: str


@dataclass(frozen=True)
class Unusable:
    """Something the form cannot take (a sticker, a contact…)."""


Answer = Typed | Photo | Place | Press | Unusable


# What the engine asks the conversation to show next.
@dataclass(frozen=True)
class Ask:
    field: FieldSpec
    number: int
    total: int
    typing: bool = False
    ticked: tuple[Any, ...] = ()
    photos_so_far: int = 0
    problem: Problem | None = None
    in_place: bool = False  # a tick changed: redraw the same message rather than send anew
    base: str | None = None  # the moment a relative field counts from

    @property
    def can_go_back(self) -> bool:
        return self.number > 1 or self.typing


@dataclass(frozen=True)
class Review:
    values: dict[str, Any]
    problem: Problem | None = None


@dataclass(frozen=True)
class PickField:
    values: dict[str, Any]


@dataclass(frozen=True)
class Submit:
    values: dict[str, Any]


Screen = Ask | Review | PickField
Outcome = tuple[FormState, Screen | Submit]


def begin(
    form: FormSpec, context: FormContext, prefilled: dict[str, Any] | None = None
) -> tuple[FormState, Screen]:
    """Start a form, passing over questions already answered by `prefilled`."""
    values = dict(prefilled or {})
    state = FormState(step=form.asked[0].name, values=values, prefilled=tuple(values))
    state = _next_step(form, state, None)
    return state, screen_of(form, state, context)


def screen_of(
    form: FormSpec, state: FormState, context: FormContext, problem: Problem | None = None
) -> Screen:
    """What to show for `state`, with the reason the last answer was refused, if any."""
    if state.step == REVIEW:
        return Review(values=state.values, problem=problem)
    if state.step == PICK_FIELD:
        return PickField(values=state.values)
    spec = form.field(state.step)
    value = state.values.get(spec.name)
    ticked: tuple[Any, ...] = ()
    if spec.type == "choices":
        ticked = tuple(value or ())
    elif spec.type == "participants":
        ticked = tuple(_participants(spec, state, context))
    base = state.values.get(spec.relative_to) if spec.relative_to else None
    return Ask(
        field=spec,
        number=form.number_of(spec.name),
        total=len(form.asked),
        typing=state.typing,
        ticked=ticked,
        photos_so_far=len(value) if spec.type == "photo" and isinstance(value, list) else 0,
        problem=problem,
        base=base,
    )


def advance(form: FormSpec, state: FormState, answer: Answer, context: FormContext) -> Outcome:
    """Take one answer: the new state and what to show, or the values to submit."""
    if state.step == REVIEW:
        return _at_review(form, state, answer, context)
    if state.step == PICK_FIELD:
        return _at_pick_field(form, state, answer, context)
    spec = form.field(state.step)
    if answer == Press("back"):
        return _back(form, state, context)
    if answer == Press("skip") and not spec.required:
        values = {k: v for k, v in state.values.items() if k != spec.name}
        return _answered(form, replace(state, values=values), spec, context)
    reader = READERS[spec.type]
    result = reader(form, state, spec, answer, context)
    if isinstance(result, Problem):
        return state, screen_of(form, state, context, result)
    if isinstance(result, Stay):
        stayed = replace(state, values=result.values, typing=result.typing)
        screen = screen_of(form, stayed, context)
        if isinstance(screen, Ask) and result.in_place:
            screen = replace(screen, in_place=True)
        return stayed, screen
    return _answered(form, replace(state, values=result.values, typing=False), spec, context)


@dataclass(frozen=True)
class Done:
    """The field is answered; these are all the values now."""

    values: dict[str, Any]


@dataclass(frozen=True)
class Stay:
    """Still on this field (a tick, a photo of several, typing mode); the values so far."""

    values: dict[str, Any]
    typing: bool = False
    in_place: bool = False


Read = Done | Stay | Problem


def _with(state: FormState, name: str, value: Any) -> dict[str, Any]:
    return {**state.values, name: value}


def _text(
    form: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    if isinstance(answer, Typed):
        value = read_text(spec, answer.text)
        return value if isinstance(value, Problem) else Done(_with(state, spec.name, value))
    if isinstance(answer, Photo) and answer.caption:
        # A photo with a caption answers the question and fills the photo question too.
        value = read_text(spec, answer.caption)
        if isinstance(value, Problem):
            return value
        values = _with(state, spec.name, value)
        photo_field = next((f for f in form.fields if f.type == "photo"), None)
        if photo_field is not None and not values.get(photo_field.name):
            values[photo_field.name] = list(answer.file_ids[: photo_field.max_photos])
        return Done(values)
    return _wrong_kind(spec, answer)


def _number(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    value: int | Problem
    if isinstance(answer, Press) and answer.action.startswith("n:"):
        number = answer.action.removeprefix("n:")
        pressed = button_data.number(number.removeprefix("-"), 0, button_data.MAX_ID)
        if pressed is None:
            return Problem("problem-button-not-here")
        value = check_number(spec, -pressed if number.startswith("-") else pressed)
    elif isinstance(answer, Typed):
        value = read_number(spec, answer.text)
    else:
        return _wrong_kind(spec, answer)
    return value if isinstance(value, Problem) else Done(_with(state, spec.name, value))


def _choice(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    values = {choice.value for choice in spec.choices}
    if isinstance(answer, Press) and answer.action.startswith("pick:"):
        picked = answer.action.removeprefix("pick:")
        if picked in values:
            return Done(_with(state, spec.name, picked))
    if isinstance(answer, Typed) and answer.text.strip().lower() in values:
        return Done(_with(state, spec.name, answer.text.strip().lower()))
    return Problem("problem-choose-a-button")


def _choices(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    ticked = list(state.values.get(spec.name) or [])
    if isinstance(answer, Press) and answer.action.startswith("tick:"):
        value = answer.action.removeprefix("tick:")
        if value not in {choice.value for choice in spec.choices}:
            return Problem("problem-button-not-here")
        ticked = [v for v in ticked if v != value] if value in ticked else [*ticked, value]
        order = [choice.value for choice in spec.choices]
        ticked.sort(key=order.index)
        return Stay(_with(state, spec.name, ticked), in_place=True)
    if answer == Press("done"):
        if len(ticked) < spec.min_selected:
            return Problem("problem-tick-at-least", {"min": spec.min_selected})
        return Done(_with(state, spec.name, ticked))
    return Problem("problem-choose-a-button")


def _yes_no(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    value: bool | Problem
    if answer in (Press("yes"), Press("no")):
        value = answer == Press("yes")
    elif isinstance(answer, Typed):
        value = read_yes_no(answer.text)
    else:
        return _wrong_kind(spec, answer)
    return value if isinstance(value, Problem) else Done(_with(state, spec.name, value))


def _date(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, context: FormContext
) -> Read:
    day: dt.date | Problem
    if answer == Press("today"):
        day = context.today
    elif answer == Press("yesterday"):
        day = context.today - dt.timedelta(days=1)
    elif answer == Press("other"):
        return Stay(state.values, typing=True)
    elif isinstance(answer, Typed):
        day = read_day(spec, answer.text, context.today)
    else:
        return _wrong_kind(spec, answer)
    if isinstance(day, Problem):
        return day
    return Done(_with(state, spec.name, day.isoformat()))


def _moment(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, context: FormContext
) -> Read:
    now = context.local_now
    moment: dt.datetime | Problem
    base_text = state.values.get(spec.relative_to) if spec.relative_to else None
    base = dt.datetime.strptime(base_text, MOMENT_FORMAT) if base_text else None
    if answer == Press("now"):
        moment = now
    elif isinstance(answer, Press) and answer.action.startswith(("ago:", "after:")):
        kind, _, minutes_text = answer.action.partition(":")
        pressed = button_data.minutes(minutes_text)
        if pressed is None or (kind == "after" and base is None):
            return Problem("problem-button-not-here")
        minutes = dt.timedelta(minutes=pressed)
        moment = base + minutes if kind == "after" and base is not None else now - minutes
    elif answer == Press("other"):
        return Stay(state.values, typing=True)
    elif isinstance(answer, Typed):
        moment = read_moment(spec, answer.text, now)
    else:
        return _wrong_kind(spec, answer)
    if isinstance(moment, Problem):
        return moment
    if moment > now:
        return Problem("problem-time-future", {"time": moment.strftime("%H:%M %d/%m")})
    if base is not None and moment < base:
        return Problem("problem-time-before", {"time": base.strftime("%H:%M %d/%m")})
    checked = check_day(spec, moment.date(), context.today)
    if isinstance(checked, Problem):
        return checked
    return Done(_with(state, spec.name, moment.strftime(MOMENT_FORMAT)))


def _span(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, context: FormContext
) -> Read:
    now = context.local_now
    span: tuple[dt.datetime, dt.datetime] | Problem
    if isinstance(answer, Press) and answer.action.startswith("last:"):
        minutes = button_data.minutes(answer.action.removeprefix("last:"))
        if minutes is None:
            return Problem("problem-button-not-here")
        span = (now - dt.timedelta(minutes=minutes), now)
    elif answer == Press("other"):
        return Stay(state.values, typing=True)
    elif isinstance(answer, Typed):
        span = read_span(answer.text, now)
    else:
        return _wrong_kind(spec, answer)
    if isinstance(span, Problem):
        return span
    start, end = span
    checked = check_day(spec, end.date(), context.today)
    if isinstance(checked, Problem):
        return checked
    values = _with(state, spec.name, f"{start:%H:%M}-{end:%H:%M}")
    if spec.sets_day:
        values[spec.sets_day] = start.date().isoformat()
    return Done(values)


def _photo(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    have = list(state.values.get(spec.name) or [])
    if isinstance(answer, Photo):
        have = (have + list(answer.file_ids))[: spec.max_photos]
        values = _with(state, spec.name, have)
        return Done(values) if len(have) >= spec.max_photos else Stay(values)
    if answer == Press("done") and have:
        return Done(state.values)
    if isinstance(answer, Typed) and answer.text.strip().lower() in SKIP_WORDS:
        if have:
            return Done(state.values)
        if not spec.required:
            return Done({k: v for k, v in state.values.items() if k != spec.name})
    return _wrong_kind(spec, answer)


def _location(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, _c: FormContext
) -> Read:
    if isinstance(answer, Place):
        return Done(_with(state, spec.name, {"lat": answer.latitude, "lon": answer.longitude}))
    if isinstance(answer, Typed):
        address = read_text(spec, answer.text)
        if isinstance(address, Problem):
            return address
        return Done(_with(state, spec.name, {"address": address}))
    return _wrong_kind(spec, answer)


def _participants(spec: FieldSpec, state: FormState, context: FormContext) -> list[int]:
    """Who is ticked: what was ticked so far, or at first only the author."""
    if spec.name in state.values:
        return list(state.values[spec.name])
    return [context.author_id] if context.author_id is not None else []


def _who(
    _f: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, context: FormContext
) -> Read:
    ticked = _participants(spec, state, context)
    if isinstance(answer, Press) and answer.action.startswith("who:"):
        chosen = button_data.identifier(answer.action.removeprefix("who:"))
        team = [member_id for member_id, _ in context.roster]
        if chosen is None or chosen not in team:
            return Problem("problem-button-not-here")
        ticked = [m for m in ticked if m != chosen] if chosen in ticked else [*ticked, chosen]
        ticked.sort(key=lambda m: team.index(m) if m in team else -1)
        return Stay(_with(state, spec.name, ticked), in_place=True)
    if answer == Press("done"):
        if len(ticked) < max(spec.min_selected, 1 if spec.required else 0):
            return Problem("problem-tick-at-least", {"min": max(spec.min_selected, 1)})
        return Done(_with(state, spec.name, ticked))
    return Problem("problem-choose-a-button")


READERS = {
    "text": _text,
    "number": _number,
    "choice": _choice,
    "choices": _choices,
    "yesno": _yes_no,
    "date": _date,
    "moment": _moment,
    "span": _span,
    "photo": _photo,
    "location": _location,
    "participants": _who,
}


def _at_review(form: FormSpec, state: FormState, answer: Answer, context: FormContext) -> Outcome:
    if answer == Press("send"):
        return state, Submit(values=state.values)
    if answer == Press("edit"):
        picking = replace(state, step=PICK_FIELD)
        return picking, screen_of(form, picking, context)
    if isinstance(answer, Press) and answer.action.startswith("field-"):
        return _at_pick_field(form, state, answer, context)
    if answer == Press("back"):
        last = replace(state, step=form.asked[-1].name, editing=False)
        return last, screen_of(form, last, context)
    return state, Review(values=state.values, problem=Problem("problem-review-use-buttons"))


def _at_pick_field(
    form: FormSpec, state: FormState, answer: Answer, context: FormContext
) -> Outcome:
    if isinstance(answer, Press) and answer.action.startswith("field-"):
        name = answer.action.removeprefix("field-")
        if name in {f.name for f in form.fields}:
            editing = replace(state, step=name, editing=True, typing=False)
            return editing, screen_of(form, editing, context)
    review = replace(state, step=REVIEW)
    if answer == Press("back"):
        return review, screen_of(form, review, context)
    return state, screen_of(form, state, context)


def _back(form: FormSpec, state: FormState, context: FormContext) -> Outcome:
    if state.typing:
        buttons = replace(state, typing=False)
        return buttons, screen_of(form, buttons, context)
    if state.editing:
        review = replace(state, step=REVIEW, editing=False)
        return review, screen_of(form, review, context)
    asked = [f.name for f in form.asked]
    position = asked.index(state.step) if state.step in asked else 0
    previous = replace(state, step=asked[max(position - 1, 0)])
    return previous, screen_of(form, previous, context)


def _answered(form: FormSpec, state: FormState, spec: FieldSpec, context: FormContext) -> Outcome:
    """Go on after a field was answered: back to the summary when editing, else onward."""
    if state.editing or not spec.asked:
        review = replace(state, step=REVIEW, editing=False, typing=False)
        return review, screen_of(form, review, context)
    asked = tuple(name for name in state.prefilled if name != spec.name)
    moved = _next_step(form, replace(state, prefilled=asked), spec.name)
    return moved, screen_of(form, moved, context)


def _next_step(form: FormSpec, state: FormState, after: str | None) -> FormState:
    """The next question asked in turn, passing over those filled without being asked."""
    names = [f.name for f in form.asked]
    start = 0 if after is None else names.index(after) + 1
    for name in names[start:]:
        if name not in state.prefilled:
            return replace(state, step=name, typing=False)
    return replace(state, step=REVIEW, typing=False)


def _wrong_kind(spec: FieldSpec, answer: Answer) -> Problem:
    if isinstance(answer, Press):
        return Problem("problem-button-not-here")
    return Problem(f"problem-need-{spec.type}")
