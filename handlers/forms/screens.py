"""How a form step looks on the phone: the question, its hint, and the likely answers as buttons."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from handlers import actions
from handlers.forms.engine import Ask, PickField, Review, Screen
from handlers.forms.spec import FieldSpec, FormSpec
from handlers.replies import Button, Say
from handlers.texts import Texts


class ScreenPainter:
    """Renders engine screens for one form, one draft version and one day."""

    def __init__(self, form: FormSpec, texts: Texts, version: int, today: dt.date) -> None:
        self.form = form
        self.texts = texts
        self.version = version
        self.today = today

    def button(self, key: str, action: str) -> Button:
        """A catalogue-labelled button bound to this draft version."""
        return Button(
            label=self.texts(key), action=actions.versioned(actions.FORM, self.version, action)
        )

    def paint(self, screen: Screen, lead: str | None = None) -> Say:
        """The message for `screen`, after `lead` (a hint or a notice) when given."""
        if isinstance(screen, Ask):
            say = self._ask(screen)
        elif isinstance(screen, Review):
            say = self._review(screen)
        else:
            say = self._pick_field(screen)
        problem = getattr(screen, "problem", None)
        leads = [
            text for text in (lead, problem and self.texts(problem.key, **problem.args)) if text
        ]
        if leads:
            say = say.model_copy(update={"text": "\n".join(leads) + "\n\n" + say.text})
        return say

    def _ask(self, ask: Ask) -> Say:
        header = self.texts("step-header", number=ask.number, total=ask.total)
        prompt = self.texts(ask.field.prompt)
        if ask.typing_day:
            example = (self.today - dt.timedelta(days=2)).strftime("%d/%m")
            prompt = self.texts("ask-day-typed", example=example)
        elif ask.photos_so_far:
            prompt = self.texts("photos-so-far", count=ask.photos_so_far)
        rows = self._answer_buttons(ask)
        moves = [self.button("button-back", "back")] if ask.can_go_back else []
        moves.append(self.button("button-cancel", "cancel"))
        rows.append(moves)
        return Say(text=f"{header} {prompt}", buttons=rows)

    def _answer_buttons(self, ask: Ask) -> list[list[Button]]:
        spec = ask.field
        if spec.type == "date" and not ask.typing_day:
            return [
                [
                    self.button("button-today", "today"),
                    self.button("button-yesterday", "yesterday"),
                    self.button("button-other-day", "other-day"),
                ]
            ]
        if spec.type == "photo" and ask.photos_so_far:
            return [[self.button("button-done", "done")]]
        if not spec.required:
            return [[self.button("button-skip", "skip")]]
        return []

    def _review(self, review: Review) -> Say:
        lines: list[str] = [self.texts("review-title")]
        lines += [
            f"• {self.texts(spec.label)}: {self.value_text(spec, review.values)}"
            for spec in self.form.fields
        ]
        return Say(
            text="\n".join(lines),
            buttons=[
                [self.button("button-send", "send")],
                [self.button("button-edit", "edit"), self.button("button-cancel", "cancel")],
            ],
        )

    def _pick_field(self, _screen: PickField) -> Say:
        rows = [[self.button(spec.label, f"field-{spec.name}")] for spec in self.form.fields]
        rows.append([self.button("button-back", "back")])
        return Say(text=self.texts("pick-field"), buttons=rows)

    def value_text(self, spec: FieldSpec, values: dict[str, Any]) -> str:
        """An answer as the summary shows it (user text escaped)."""
        value = values.get(spec.name)
        if spec.type == "photo":
            return self.texts("review-photos", count=len(value or []))
        if value is None:
            return self.texts("review-empty")
        if spec.type == "date":
            return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        return html.escape(str(value), quote=False)
