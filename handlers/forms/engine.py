"""The form engine: pure steps from one state to the next, no storage and no messenger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from handlers.forms.answers import Problem, read_day, read_text
from handlers.forms.spec import FieldSpec, FormSpec

REVIEW = "review"
PICK_FIELD = "pick-field"
SKIP_WORDS = {"bỏ qua", "bo qua", "không", "khong", "skip"}


@dataclass(frozen=True)
class FormState:
    """Where a person is in a form and what they answered so far (JSON-friendly values)."""

    step: str
    values: dict[str, Any] = field(default_factory=dict)
    typing_day: bool = False
    editing: bool = False
    prefilled: tuple[str, ...] = ()

    def to_data(self) -> dict[str, Any]:
        """The draft's stored form of this state (the step is stored beside it)."""
        return {
            "values": self.values,
            "typing_day": self.typing_day,
            "editing": self.editing,
            "prefilled": list(self.prefilled),
        }

    @classmethod
    def from_draft(cls, step: str, data: dict[str, Any]) -> FormState:
        """The state a draft row holds."""
        return cls(
            step=step,
            values=dict(data.get("values", {})),
            typing_day=bool(data.get("typing_day", False)),
            editing=bool(data.get("editing", False)),
            prefilled=tuple(data.get("prefilled", ())),
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
class Press:
    action: str


@dataclass(frozen=True)
class Unusable:
    """Something the form cannot take (a sticker, a location where text was asked…)."""


Answer = Typed | Photo | Press | Unusable


# What the engine asks the conversation to show next.
@dataclass(frozen=True)
class Ask:
    field: FieldSpec
    number: int
    total: int
    typing_day: bool = False
    photos_so_far: int = 0
    problem: Problem | None = None

    @property
    def can_go_back(self) -> bool:
        return self.number > 1 or self.typing_day


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


def begin(form: FormSpec, prefilled: dict[str, Any] | None = None) -> tuple[FormState, Screen]:
    """Start a form, skipping questions already answered by `prefilled`."""
    values = dict(prefilled or {})
    state = FormState(step=form.fields[0].name, values=values, prefilled=tuple(values))
    state = _next_step(form, state, form.fields[0].name, include_current=True)
    return state, screen_of(form, state)


def screen_of(form: FormSpec, state: FormState, problem: Problem | None = None) -> Screen:
    """What to show for `state`, with the reason the last answer was refused, if any."""
    if state.step == REVIEW:
        return Review(values=state.values, problem=problem)
    if state.step == PICK_FIELD:
        return PickField(values=state.values)
    spec = form.field(state.step)
    photos = state.values.get(spec.name) if spec.type == "photo" else None
    return Ask(
        field=spec,
        number=form.position(spec.name) + 1,
        total=len(form.fields),
        typing_day=state.typing_day,
        photos_so_far=len(photos) if isinstance(photos, list) else 0,
        problem=problem,
    )


def advance(
    form: FormSpec, state: FormState, answer: Answer, today: dt.date
) -> tuple[FormState, Screen | Submit]:
    """Take one answer: the new state and what to show, or the values to submit."""
    if state.step == REVIEW:
        return _at_review(form, state, answer)
    if state.step == PICK_FIELD:
        return _at_pick_field(form, state, answer)
    spec = form.field(state.step)
    if answer == Press("back"):
        return _back(form, state)
    if answer == Press("skip") and not spec.required:
        values = {k: v for k, v in state.values.items() if k != spec.name}
        return _answered(form, replace(state, values=values), spec)
    if spec.type == "text":
        return _at_text(form, state, spec, answer)
    if spec.type == "date":
        return _at_day(form, state, spec, answer, today)
    return _at_photo(form, state, spec, answer)


def _at_text(
    form: FormSpec, state: FormState, spec: FieldSpec, answer: Answer
) -> tuple[FormState, Screen]:
    text: str | None = None
    values = dict(state.values)
    prefilled = state.prefilled
    if isinstance(answer, Typed):
        text = answer.text
    elif isinstance(answer, Photo) and answer.caption:
        # A photo with a caption answers the question and fills the photo question too.
        text = answer.caption
        photo_field = next((f for f in form.fields if f.type == "photo"), None)
        if photo_field is not None and not values.get(photo_field.name):
            values[photo_field.name] = list(answer.file_ids[: photo_field.max_photos])
            prefilled = (*prefilled, photo_field.name)
    if text is None:
        return state, screen_of(form, state, _wrong_kind(spec, answer))
    value = read_text(spec, text)
    if isinstance(value, Problem):
        return state, screen_of(form, state, value)
    values[spec.name] = value
    return _answered(form, replace(state, values=values, prefilled=prefilled), spec)


def _at_day(
    form: FormSpec, state: FormState, spec: FieldSpec, answer: Answer, today: dt.date
) -> tuple[FormState, Screen]:
    day: dt.date | Problem
    if answer == Press("today"):
        day = today
    elif answer == Press("yesterday"):
        day = today - dt.timedelta(days=1)
    elif answer == Press("other-day"):
        typing = replace(state, typing_day=True)
        return typing, screen_of(form, typing)
    elif isinstance(answer, Typed):
        day = read_day(spec, answer.text, today)
    else:
        return state, screen_of(form, state, _wrong_kind(spec, answer))
    if isinstance(day, Problem):
        return state, screen_of(form, state, day)
    values = {**state.values, spec.name: day.isoformat()}
    return _answered(form, replace(state, values=values, typing_day=False), spec)


def _at_photo(
    form: FormSpec, state: FormState, spec: FieldSpec, answer: Answer
) -> tuple[FormState, Screen]:
    have = list(state.values.get(spec.name) or [])
    if isinstance(answer, Photo):
        have = (have + list(answer.file_ids))[: spec.max_photos]
        updated = replace(state, values={**state.values, spec.name: have})
        if len(have) >= spec.max_photos:
            return _answered(form, updated, spec)
        return updated, screen_of(form, updated)
    if answer == Press("done") and have:
        return _answered(form, state, spec)
    if isinstance(answer, Typed) and answer.text.strip().lower() in SKIP_WORDS:
        if have:
            return _answered(form, state, spec)
        if not spec.required:
            return _answered(form, state, spec)
    return state, screen_of(form, state, _wrong_kind(spec, answer))


def _at_review(
    form: FormSpec, state: FormState, answer: Answer
) -> tuple[FormState, Screen | Submit]:
    if answer == Press("send"):
        return state, Submit(values=state.values)
    if answer == Press("edit"):
        picking = replace(state, step=PICK_FIELD)
        return picking, screen_of(form, picking)
    if answer == Press("back"):
        last = replace(state, step=form.fields[-1].name, editing=False)
        return last, screen_of(form, last)
    return state, Review(values=state.values, problem=Problem("problem-review-use-buttons"))


def _at_pick_field(form: FormSpec, state: FormState, answer: Answer) -> tuple[FormState, Screen]:
    if isinstance(answer, Press) and answer.action.startswith("field-"):
        name = answer.action.removeprefix("field-")
        if name in {f.name for f in form.fields}:
            editing = replace(state, step=name, editing=True, typing_day=False)
            return editing, screen_of(form, editing)
    review = replace(state, step=REVIEW)
    if answer == Press("back"):
        return review, screen_of(form, review)
    return state, screen_of(form, state)


def _back(form: FormSpec, state: FormState) -> tuple[FormState, Screen]:
    if state.typing_day:
        buttons = replace(state, typing_day=False)
        return buttons, screen_of(form, buttons)
    if state.editing:
        review = replace(state, step=REVIEW, editing=False)
        return review, screen_of(form, review)
    position = form.position(state.step)
    previous = replace(state, step=form.fields[max(position - 1, 0)].name)
    return previous, screen_of(form, previous)


def _answered(form: FormSpec, state: FormState, spec: FieldSpec) -> tuple[FormState, Screen]:
    """Go on after a field was answered: back to the summary when editing, else onward."""
    if state.editing:
        review = replace(state, step=REVIEW, editing=False)
        return review, screen_of(form, review)
    asked = tuple(name for name in state.prefilled if name != spec.name)
    moved = _next_step(form, replace(state, prefilled=asked), spec.name, include_current=False)
    return moved, screen_of(form, moved)


def _next_step(form: FormSpec, state: FormState, after: str, *, include_current: bool) -> FormState:
    """The next question in order, passing over those filled without being asked."""
    start = form.position(after) + (0 if include_current else 1)
    for spec in form.fields[start:]:
        if spec.name not in state.prefilled:
            return replace(state, step=spec.name, typing_day=False)
    return replace(state, step=REVIEW, typing_day=False)


def _wrong_kind(spec: FieldSpec, answer: Answer) -> Problem:
    if isinstance(answer, Press):
        return Problem("problem-button-not-here")
    return Problem(f"problem-need-{spec.type}")
