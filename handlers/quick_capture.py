"""Quick capture: a member sends a photo or a sentence with no command; the bot asks which kind
of report it is, and the form starts with that photo or text already filled in."""

from __future__ import annotations

from typing import Any

from chat.buttons import SEPARATOR, Scope
from chat.replies import Button, Reply, Say
from chat.steps import FormVerb, Step
from handlers.forms.answers import read_text
from handlers.forms.screens import rows_of
from handlers.forms.spec import FormSpec
from handlers.report_flow import start_form
from handlers.turn import Turn
from storage.drafts import start_draft
from storage.models import Draft, Member

FLOW = "capture"
KIND = FormVerb.KIND + SEPARATOR  # the kind chosen: "kind:<form>"


async def capture(turn: Turn, member: Member) -> list[Reply]:
    """Keep what was sent in a draft and ask what it is."""
    incoming = turn.incoming
    data = {"text": incoming.text, "photos": list(incoming.photos)}
    draft = await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, "kind", data)
    kinds = [
        Button(
            label=turn.texts.label(form.menu_label),
            action=Step(Scope.FORM, draft.version, FormVerb.KIND.of(kind)).encode(),
        )
        for kind, form in turn.forms.items()
    ]
    cancel = Button(
        label=turn.texts.label("button-cancel"),
        action=Step(Scope.FORM, draft.version, "cancel").encode(),
    )
    key = "capture-photo" if incoming.photos else "capture-text"
    return [Say(text=turn.texts(key), buttons=[*rows_of(kinds), [cancel]])]


def is_capture(draft: Draft | None) -> bool:
    """Whether the member's draft is a capture waiting for its kind."""
    return draft is not None and draft.flow == FLOW


async def choose_kind(turn: Turn, member: Member, draft: Draft, kind: str) -> list[Reply]:
    """Start the chosen form with the captured text and photos filled in where they fit."""
    form = turn.forms.get(kind)
    if form is None:
        return [Say(text=turn.texts("forged-button"))]
    return await start_form(turn, member, kind, prefilled(form, draft.data))


def prefilled(form: FormSpec, captured: dict[str, Any]) -> dict[str, Any]:
    """The first text question takes the text if it is acceptable; the photo question the
    photos, up to its limit."""
    values: dict[str, Any] = {}
    text = captured.get("text")
    first_text = next((spec for spec in form.asked if spec.type == "text"), None)
    if text and first_text is not None and isinstance(read_text(first_text, text), str):
        values[first_text.name] = text.strip()
    photos = captured.get("photos") or []
    photo_field = next((spec for spec in form.fields if spec.type == "photo"), None)
    if photos and photo_field is not None:
        values[photo_field.name] = photos[: photo_field.max_photos]
    return values
