"""The ward's own targets, from `/solieu` (🎯): for an indicator its plan sets no target for
(Yên Hòa 179) or sets as the ward's own (Phan Đình Phùng), the officer types the figure the ward
chose; summaries then judge by it and label it "phường đặt". A plan's own target is never
offered: the plan set it."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers.access import Action, may
from handlers.forms.answers import Problem, read_number
from handlers.forms.spec import FieldSpec
from handlers.turn import Turn
from reports.campaigns import IndicatorSpec
from reports.targets import target_words
from storage.drafts import discard_draft, start_draft
from storage.models import Draft, Member, Unit
from storage.ward_targets import clear_ward_target, set_ward_target
from summaries.packages import ward_campaign

FLOW = "ward-target"
MAX_COUNT = 1_000


async def _ward(turn: Turn, member: Member) -> Unit | None:
    ward = await turn.session.get(Unit, member.unit_id)
    allowed = await may(turn.session, member, Action.POLICE_FIGURES, ward)
    return ward if allowed else None


def _field(spec: IndicatorSpec) -> FieldSpec:
    """What may be typed: a share 0–100 (%), or a count."""
    top = 100 if spec.measure == "share" else MAX_COUNT
    return FieldSpec(name="target", type="number", prompt="", label="", max_value=top)


async def targets_menu(turn: Turn, member: Member, note: str = "") -> list[Reply]:
    """The indicators whose target the ward sets, each with its target now: a button each."""
    ward = await _ward(turn, member)
    if ward is None:
        return [Say(text=turn.texts("summary-officers-only"))]
    base = turn.campaign
    settable = base.ward_settable()
    if not settable:
        return [Say(text=turn.texts("targets-none", plan=base.name))]
    ours = await ward_campaign(turn.session, ward.id, base)
    by_id = {spec.id: spec for spec in ours.indicators}
    rows = [
        [
            Button(
                label=f"{spec.short}: {_now(turn, by_id[spec.id])}",
                action=actions.SetTarget(spec.id).encode(),
            )
        ]
        for spec in settable
    ]
    text = turn.texts("targets-menu", ward=ward.name, plan=base.name)
    return [Say(text=f"{note}\n{text}" if note else text, buttons=rows)]


def _now(turn: Turn, spec: IndicatorSpec) -> str:
    """ "100% (phường đặt)", or "chưa đặt"."""
    if spec.target_source == "none":
        return turn.texts.label("targets-not-set")
    return target_words(spec)


async def pressed(turn: Turn, member: Member, press: actions.Targets) -> list[Reply]:
    """The list, an indicator to set, or its ward target cleared (the rule book asked each time)."""
    ward = await _ward(turn, member)
    if ward is None:
        return [Toast(text=turn.texts("summary-officers-only"))]
    base = turn.campaign
    settable = {spec.id: spec for spec in base.ward_settable()}
    if isinstance(press, actions.TargetList):
        return await targets_menu(turn, member)
    if not isinstance(press, actions.SetTarget | actions.ClearTarget):
        return [Toast(text=turn.texts("forged-button"))]
    spec = settable.get(press.indicator)
    if spec is None:
        return [Toast(text=turn.texts("forged-button"))]
    if isinstance(press, actions.SetTarget):
        incoming = turn.incoming
        await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, spec.id, {})
        field = _field(spec)
        key = "targets-ask-share" if spec.measure == "share" else "targets-ask-count"
        clear = Button(
            label=turn.texts.label("targets-clear"), action=actions.ClearTarget(spec.id).encode()
        )
        return [Say(text=turn.texts(key, label=spec.label, max=field.max_value), buttons=[[clear]])]
    await clear_ward_target(turn.session, ward_id=ward.id, campaign=base.id, indicator=spec.id)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    note = turn.texts("targets-cleared", label=spec.label)
    return await targets_menu(turn, member, note)


async def typed(turn: Turn, member: Member, draft: Draft) -> list[Reply]:
    """The target typed for the indicator being set."""
    ward = await _ward(turn, member)
    base = turn.campaign
    spec = next((s for s in base.ward_settable() if s.id == draft.step), None)
    if ward is None or spec is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return [Say(text=turn.texts("summary-officers-only"))]
    value = read_number(_field(spec), turn.incoming.text or "")
    if isinstance(value, Problem):
        hint = turn.texts(value.key, **value.args)
        key = "targets-ask-share" if spec.measure == "share" else "targets-ask-count"
        again = turn.texts(key, label=spec.label, max=_field(spec).max_value)
        return [Say(text=f"{hint}\n{again}")]
    await set_ward_target(
        turn.session,
        ward_id=ward.id,
        campaign=base.id,
        indicator=spec.id,
        target=value,
        member_id=member.id,
        now=turn.now,
    )
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    shown = target_words(spec.with_ward_target(value))
    note = turn.texts("targets-saved", label=spec.label, target=shown)
    return await targets_menu(turn, member, note)
