"""The form engine on its own: no HTTP, no database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.forms import engine
from handlers.forms.answers import Problem, read_day
from handlers.forms.engine import (
    Ask,
    FormContext,
    FormState,
    Photo,
    Press,
    Review,
    Submit,
    Typed,
    Unusable,
)
from handlers.forms.spec import FormFileError, FormSpec, load_forms

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
CONTEXT = FormContext(now=NOW, roster=((1, "Lan"), (2, "Bình"), (3, "Hùng")), author_id=1)


@pytest.fixture
def good_deed() -> FormSpec:
    return load_forms()["good_deed"]


def step(
    form: FormSpec, state: FormState, answer: engine.Answer
) -> tuple[FormState, engine.Screen | Submit]:
    return engine.advance(form, state, answer, CONTEXT)


def test_a_good_deed_from_start_to_submit(good_deed: FormSpec) -> None:
    state, first = engine.begin(good_deed, CONTEXT)
    assert isinstance(first, Ask) and (first.number, first.total) == (1, 4)
    state, screen = step(good_deed, state, Typed("Giúp cụ bà qua đường."))
    assert isinstance(screen, Ask) and screen.field.name == "day"
    state, screen = step(good_deed, state, Press("yesterday"))
    assert isinstance(screen, Ask) and screen.field.name == "participants"
    assert screen.ticked == (1,)
    state, screen = step(good_deed, state, Press("who:3"))
    assert isinstance(screen, Ask) and screen.ticked == (1, 3) and screen.in_place
    state, screen = step(good_deed, state, Press("done"))
    assert isinstance(screen, Ask) and screen.field.name == "photo"
    state, screen = step(good_deed, state, Photo(("photo-1",)))
    assert isinstance(screen, Review)
    _, outcome = step(good_deed, state, Press("send"))
    assert outcome == Submit(
        {
            "what": "Giúp cụ bà qua đường.",
            "day": "2026-11-21",
            "participants": [1, 3],
            "photo": ["photo-1"],
        }
    )


def test_a_refused_answer_keeps_the_state_and_says_why(good_deed: FormSpec) -> None:
    state, _ = engine.begin(good_deed, CONTEXT)
    state, _ = step(good_deed, state, Typed("Giúp cụ bà qua đường."))
    same, screen = step(good_deed, state, Typed("32/11"))
    assert same == state
    assert isinstance(screen, Ask) and screen.problem == Problem(
        "problem-day-invalid", {"typed": "32/11"}
    )
    same, screen = step(good_deed, state, Unusable())
    assert (
        same == state and isinstance(screen, Ask) and screen.problem == Problem("problem-need-date")
    )


def test_back_from_the_first_question_stays_there(good_deed: FormSpec) -> None:
    state, _ = engine.begin(good_deed, CONTEXT)
    same, screen = step(good_deed, state, Press("back"))
    assert same.step == "what" and isinstance(screen, Ask) and not screen.can_go_back


def test_editing_one_field_returns_to_the_summary(good_deed: FormSpec) -> None:
    state = FormState(step="review", values={"what": "Việc A.", "day": "2026-11-20"})
    state, _ = step(good_deed, state, Press("edit"))
    state, screen = step(good_deed, state, Press("field-what"))
    assert isinstance(screen, Ask) and screen.field.name == "what"
    state, screen = step(good_deed, state, Typed("Việc B, sửa lại."))
    assert isinstance(screen, Review)
    assert state.values == {"what": "Việc B, sửa lại.", "day": "2026-11-20"}


def test_a_skipped_photo_can_be_skipped_by_typing(good_deed: FormSpec) -> None:
    state = FormState(
        step="photo", values={"what": "Việc A.", "day": "2026-11-20", "participants": [1]}
    )
    state, screen = step(good_deed, state, Typed("bỏ qua"))
    assert isinstance(screen, Review) and "photo" not in state.values


def test_a_required_field_cannot_be_skipped(good_deed: FormSpec) -> None:
    state, _ = engine.begin(good_deed, CONTEXT)
    same, screen = step(good_deed, state, Press("skip"))
    assert same == state and isinstance(screen, Ask)


def test_state_survives_the_draft_round_trip(good_deed: FormSpec) -> None:
    state = FormState(step="day", values={"what": "Việc A."}, typing=True)
    assert FormState.from_draft(state.step, state.to_data()) == state


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("21/11", dt.date(2026, 11, 21)),
        ("1/11/2026", dt.date(2026, 11, 1)),
        ("05.10.26", dt.date(2026, 10, 5)),
        ("hôm qua", dt.date(2026, 11, 21)),
        ("Hôm nay", TODAY),
        ("31/12", dt.date(2025, 12, 31)),  # no year and in the future: last year
    ],
)
def test_days_people_type(good_deed: FormSpec, typed: str, expected: dt.date) -> None:
    assert (
        read_day(good_deed.field("day").model_copy(update={"max_past_days": 400}), typed, TODAY)
        == expected
    )


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("32/11", "problem-day-invalid"),
        ("29/02/2026", "problem-day-invalid"),
        ("mai", "problem-day-format"),
        ("23/11/2026", "problem-day-future"),
        ("01/01/2026", "problem-day-too-old"),
    ],
)
def test_days_that_are_refused(good_deed: FormSpec, typed: str, problem: str) -> None:
    answer = read_day(good_deed.field("day"), typed, TODAY)
    assert isinstance(answer, Problem) and answer.key == problem


def test_a_broken_form_file_names_file_form_field_and_problem(tmp_path: Path) -> None:
    (tmp_path / "patrol.toml").write_text(
        'kind = "patrol"\ntitle = "t"\nmenu_label = "m"\nconfirmed = "c"\noccurred_on = "day"\n'
        '[[fields]]\nname = "day"\ntype = "date"\nprompt = "p"\nlabel = "l"\n'
        '[[fields]]\nname = "note"\ntype = "text"\nprompt = "p"\nlabel = "l"\nmax_length = 0\n',
        encoding="utf-8",
    )
    with pytest.raises(FormFileError) as raised:
        load_forms(tmp_path)
    message = str(raised.value)
    assert message.startswith("patrol.toml: form 'patrol', field 'note', max_length:")
    assert "greater than or equal to 1" in message


def test_a_form_file_that_is_not_toml(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("kind = ", encoding="utf-8")
    with pytest.raises(FormFileError, match=r"^bad.toml: not valid TOML"):
        load_forms(tmp_path)
