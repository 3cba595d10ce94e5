"""How a form step looks on the phone: the question, its hint, and the likely answers as buttons."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from chat.buttons import Scope
from chat.replies import Button, Say
from chat.steps import FormVerb, Step, field
from chat.texts import Texts
from handlers.forms.engine import MOMENT_FORMAT, Ask, FormContext, PickField, Review, Screen
from handlers.forms.spec import FieldSpec, FormSpec

PER_ROW = 2


def rows_of(buttons: list[Button], per_row: int = PER_ROW) -> list[list[Button]]:
    """Buttons laid out `per_row` to a row (short labels fit a phone two or three abreast)."""
    return [buttons[index : index + per_row] for index in range(0, len(buttons), per_row)]


class ScreenPainter:
    """Renders engine screens for one form, one draft version and one moment."""

    def __init__(self, form: FormSpec, texts: Texts, version: int, context: FormContext) -> None:
        self.form = form
        self.texts = texts
        self.version = version
        self.context = context

    def button(self, label: str, action: str) -> Button:
        """A button bound to this draft version (`label` already in the person's language)."""
        return Button(label=label, action=Step(Scope.FORM, self.version, action).encode())

    def keyed(self, key: str, action: str) -> Button:
        """A catalogue-labelled button bound to this draft version."""
        return self.button(self.texts(key), action)

    def paint(self, screen: Screen, lead: str | None = None) -> Say:
        """The message for `screen`, after `lead` (a hint or a notice) when given."""
        if isinstance(screen, Ask):
            say = self._ask(screen)
        elif isinstance(screen, Review):
            say = self._review(screen)
        else:
            say = self._pick_field(screen)
        problem = screen.problem if isinstance(screen, Ask | Review) else None
        leads = [
            text for text in (lead, problem and self.texts(problem.key, **problem.args)) if text
        ]
        if leads:
            say = say.model_copy(update={"text": "\n".join(leads) + "\n\n" + say.text})
        return say

    def _ask(self, ask: Ask) -> Say:
        prompt = self._prompt(ask)
        if ask.number:
            header = self.texts("step-header", number=ask.number, total=ask.total)
            prompt = f"{header} {prompt}"
        rows = self._answer_buttons(ask)
        moves = [self.keyed("button-back", "back")] if ask.can_go_back else []
        moves.append(self.keyed("button-cancel", "cancel"))
        rows.append(moves)
        return Say(text=prompt, buttons=rows)

    def _prompt(self, ask: Ask) -> str:
        spec = ask.field
        if ask.typing and spec.type == "date":
            example = (self.context.today - dt.timedelta(days=2)).strftime("%d/%m")
            return self.texts("ask-day-typed", example=example)
        if ask.typing and spec.type == "moment":
            return self.texts("ask-time-typed")
        if ask.typing and spec.type == "span":
            return self.texts("ask-span-typed")
        if ask.photos_so_far:
            return self.texts("photos-so-far", count=ask.photos_so_far, max=spec.max_photos)
        return self.texts(spec.prompt)

    def _answer_buttons(self, ask: Ask) -> list[list[Button]]:
        spec = ask.field
        skip = [] if spec.required else [self.keyed("button-skip", "skip")]
        if ask.typing:
            return []
        if spec.type == "date":
            return [
                [
                    self.keyed("button-today", "today"),
                    self.keyed("button-yesterday", "yesterday"),
                    self.keyed("button-other-day", "other"),
                ]
            ]
        if spec.type == "moment":
            return self._moment_buttons(ask)
        if spec.type == "span":
            quick = [self.button(self._last(m), FormVerb.LAST.of(m)) for m in spec.quick_minutes]
            return rows_of([*quick, self.keyed("button-other-time", "other")])
        if spec.type == "number":
            quick = [self.button(str(n), FormVerb.NUMBER.of(n)) for n in spec.quick]
            return [*rows_of(quick, 4), *([skip] if skip else [])]
        if spec.type == "choice":
            picks = [self.keyed(c.label, FormVerb.PICK.of(c.value)) for c in spec.choices]
            return [*rows_of(picks), *([skip] if skip else [])]
        if spec.type == "choices":
            ticks = [
                self.button(
                    self._tick(c.value in ask.ticked, self.texts(c.label)),
                    FormVerb.TICK.of(c.value),
                )
                for c in spec.choices
            ]
            return [*rows_of(ticks), [self.keyed("button-done", "done")]]
        if spec.type == "participants":
            ticks = [
                self.button(self._tick(member_id in ask.ticked, name), FormVerb.WHO.of(member_id))
                for member_id, name in self.context.roster
            ]
            return [*rows_of(ticks), [self.keyed("button-done", "done")]]
        if spec.type == "yesno":
            return [[self.keyed("button-yes", "yes"), self.keyed("button-no", "no")]]
        if spec.type == "photo" and ask.photos_so_far:
            return [[self.keyed("button-done", "done")]]
        return [skip] if skip else []

    def _moment_buttons(self, ask: Ask) -> list[list[Button]]:
        spec = ask.field
        if spec.relative_to and ask.base:
            quick = [
                self.button(self._after(minutes), FormVerb.AFTER.of(minutes))
                for minutes in spec.quick_minutes
            ]
        else:
            quick = [self.keyed("button-now", "now")]
            quick += [self.button(self._ago(m), FormVerb.AGO.of(m)) for m in spec.quick_minutes]
        return rows_of([*quick, self.keyed("button-other-time", "other")], 3)

    def _tick(self, ticked: bool, label: str) -> str:
        return f"{'✅' if ticked else '⬜'} {label}"

    def _ago(self, minutes: int) -> str:
        if minutes % 60 == 0:
            return self.texts("button-hours-ago", hours=minutes // 60)
        return self.texts("button-minutes-ago", minutes=minutes)

    def _after(self, minutes: int) -> str:
        if minutes == 0:
            return self.texts("button-same-time")
        return self.texts("button-minutes-after", minutes=minutes)

    def _last(self, minutes: int) -> str:
        if minutes % 60 == 0:
            return self.texts("button-last-hours", hours=minutes // 60)
        return self.texts("button-last-minutes", minutes=minutes)

    def _review(self, review: Review) -> Say:
        lines: list[str] = [self.texts("review-title")]
        offers: list[Button] = []
        for spec in self.form.fields:
            if spec.asked or spec.name in review.values:
                lines.append(f"• {self.texts(spec.label)}: {self.value_text(spec, review.values)}")
            else:
                label = self.texts("button-add", item=self.texts(spec.label))
                offers.append(self.button(label, field(spec.name)))
        return Say(
            text="\n".join(lines),
            buttons=[
                [self.keyed("button-send", "send")],
                *rows_of(offers),
                [self.keyed("button-edit", "edit"), self.keyed("button-cancel", "cancel")],
            ],
        )

    def _pick_field(self, _screen: PickField) -> Say:
        picks = [self.keyed(spec.label, field(spec.name)) for spec in self.form.fields]
        rows = rows_of(picks)
        rows.append([self.keyed("button-back", "back")])
        return Say(text=self.texts("pick-field"), buttons=rows)

    def value_text(self, spec: FieldSpec, values: dict[str, Any]) -> str:
        """An answer as the summary shows it (user text escaped)."""
        value = values.get(spec.name)
        if spec.type == "photo":
            return self.texts("review-photos", count=len(value or []))
        if value is None:
            return self.texts("review-empty")
        return self._shown(spec, value, values)

    def _shown(self, spec: FieldSpec, value: Any, values: dict[str, Any]) -> str:
        if spec.type == "date":
            return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        if spec.type == "moment":
            return dt.datetime.strptime(str(value), MOMENT_FORMAT).strftime("%H:%M %d/%m/%Y")
        if spec.type == "span":
            day = values.get(spec.sets_day) if spec.sets_day else None
            when = f", {dt.date.fromisoformat(day):%d/%m/%Y}" if day else ""
            return str(value).replace("-", "–") + when
        if spec.type == "choice":
            return self.texts(spec.choice_label(str(value)) or "review-empty")
        if spec.type == "choices":
            return ", ".join(self.texts(spec.choice_label(v) or "review-empty") for v in value)
        if spec.type == "yesno":
            return self.texts("button-yes" if value else "button-no")
        if spec.type == "participants":
            names = dict(self.context.roster)
            return ", ".join(html.escape(names.get(member_id, "?")) for member_id in value)
        if spec.type == "location":
            if "address" in value:
                return html.escape(str(value["address"]), quote=False)
            return self.texts("review-location")
        return html.escape(str(value), quote=False)
