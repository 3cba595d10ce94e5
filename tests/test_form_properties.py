"""Random answers and out-of-order button presses to every form: nothing crashes, and nothing
invalid is ever kept or submitted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from handlers.forms import engine
from handlers.forms.engine import MOMENT_FORMAT, FormContext, FormState, Submit
from handlers.forms.spec import FieldSpec, FormSpec, load_forms

FORMS = load_forms()
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
CONTEXT = FormContext(now=NOW, roster=((1, "Lan"), (2, "Bình"), (3, "Hùng")), author_id=1)

# Every action any screen offers, plus nonsense.
ACTIONS = [
    "back",
    "skip",
    "send",
    "edit",
    "done",
    "today",
    "yesterday",
    "other",
    "now",
    "yes",
    "no",
    "ago:30",
    "ago:99999999",
    "after:10",
    "after:-5",
    "last:120",
    "last:x",
    "n:3",
    "n:-1",
    "n:99999999",
    "n:abc",
    "who:2",
    "who:3",
    "who:99",
    "who:",
    "tick:x",
    "pick:night",
    "pick:pccc",
    "pick:nonsense",
    "field-what",
    "field-day",
    "field-nope",
    "field-photo",
]
answers = st.one_of(
    st.builds(engine.Typed, st.text(max_size=60)),
    st.builds(
        engine.Typed,
        st.sampled_from(["21/11", "32/11", "19:30", "25:99", "0", "3 vụ", "19:00-21:00", "có"]),
    ),
    st.builds(engine.Press, st.sampled_from(ACTIONS)),
    st.builds(engine.Press, st.text(max_size=20)),
    st.builds(
        engine.Photo,
        st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=3).map(tuple),
        st.none() | st.text(max_size=30),
    ),
    st.builds(engine.Place, st.floats(-90, 90), st.floats(-180, 180)),
    st.just(engine.Unusable()),
)


def valid(spec: FieldSpec, value: Any) -> bool:
    """Whether a stored value is one the field could have accepted."""
    today = NOW.date()
    if spec.type in ("text",):
        return isinstance(value, str) and spec.min_length <= len(value) <= spec.max_length
    if spec.type == "number":
        return isinstance(value, int) and spec.min_value <= value <= spec.max_value
    if spec.type == "choice":
        return value in {choice.value for choice in spec.choices}
    if spec.type == "choices":
        return set(value) <= {choice.value for choice in spec.choices}
    if spec.type == "yesno":
        return isinstance(value, bool)
    if spec.type == "date":
        day = dt.date.fromisoformat(value)
        return day <= today and (today - day).days <= spec.max_past_days
    if spec.type == "moment":
        return dt.datetime.strptime(value, MOMENT_FORMAT) <= NOW.replace(tzinfo=None)
    if spec.type == "span":
        start, end = value.split("-")
        return len(start) == len(end) == 5
    if spec.type == "photo":
        return isinstance(value, list) and len(value) <= spec.max_photos
    if spec.type == "location":
        return set(value) in ({"lat", "lon"}, {"address"})
    if spec.type == "participants":
        return set(value) <= {1, 2, 3}
    return False


def check_state(form: FormSpec, state: FormState) -> None:
    for name, value in state.values.items():
        if name in {f.name for f in form.fields}:
            assert valid(form.field(name), value), (form.kind, name, value)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(kind=st.sampled_from(sorted(FORMS)), steps=st.lists(answers, max_size=40))
def test_random_answers_never_break_a_form(kind: str, steps: list[engine.Answer]) -> None:
    form = FORMS[kind]
    state, _ = engine.begin(form, CONTEXT)
    for answer in steps:
        state, outcome = engine.advance(form, state, answer, CONTEXT)
        check_state(form, state)
        if isinstance(outcome, Submit):
            for spec in form.fields:
                if spec.required:
                    assert spec.name in outcome.values, (kind, spec.name)
            check_state(form, FormState(step="review", values=outcome.values))
            break
        # Whatever was stored survives the draft's JSON round trip.
        assert FormState.from_draft(state.step, state.to_data()) == state


GOOD: dict[str, list[engine.Answer]] = {
    "text": [engine.Typed("Một câu trả lời đủ dài")],
    "number": [engine.Typed("3"), engine.Press("n:1")],
    "choice": [],
    "choices": [engine.Press("done")],
    "yesno": [engine.Press("yes")],
    "date": [engine.Press("today"), engine.Typed("20/11")],
    "moment": [engine.Press("now"), engine.Press("ago:30"), engine.Press("after:10")],
    "span": [engine.Press("last:60"), engine.Typed("19:00-21:00")],
    "photo": [engine.Photo(("p1",)), engine.Press("skip")],
    "location": [engine.Place(21.0, 105.8), engine.Typed("Ngõ 5 phố Trung Kính")],
    "participants": [engine.Press("who:2"), engine.Press("done")],
}


def helpful(form: FormSpec, state: FormState) -> list[engine.Answer]:
    """Answers a person would likely give at this step."""
    if state.step in ("review", "pick-field"):
        return [engine.Press("send"), engine.Press("edit"), engine.Press("back")]
    spec = form.field(state.step)
    picks = [engine.Press(f"pick:{choice.value}") for choice in spec.choices]
    ticks = [engine.Press(f"tick:{choice.value}") for choice in spec.choices]
    return [*GOOD[spec.type], *picks, *(ticks if spec.type == "choices" else [])]


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(kind=st.sampled_from(sorted(FORMS)), data=st.data())
def test_mostly_sensible_answers_reach_a_valid_report(kind: str, data: st.DataObject) -> None:
    form = FORMS[kind]
    state, _ = engine.begin(form, CONTEXT)
    for _ in range(60):
        options = helpful(form, state)
        answer = data.draw(st.sampled_from(options) | answers if options else answers)
        state, outcome = engine.advance(form, state, answer, CONTEXT)
        check_state(form, state)
        if isinstance(outcome, Submit):
            for spec in form.fields:
                if spec.required:
                    assert spec.name in outcome.values, (kind, spec.name)
            check_state(form, FormState(step="review", values=outcome.values))
            event("submitted")
            return
