"""`/solieu`: the ward officer enters the figures only the police know (total tips received,
"no serious case"…) month by month; the summaries read them."""

from __future__ import annotations

import datetime as dt

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers.access import Action, may
from handlers.forms.answers import Problem, read_number
from handlers.forms.spec import FieldSpec
from handlers.months import month_bounds, parse_month
from handlers.turn import Turn
from reports.campaigns import PoliceFigureSpec
from storage.drafts import discard_draft, start_draft
from storage.models import Draft, Member, Unit
from storage.police_figures import figures_between, set_figure

FLOW = "police-figures"
NUMBER = FieldSpec(name="figure", type="number", prompt="", label="", max_value=10_000_000)


async def _ward(turn: Turn, member: Member) -> Unit | None:
    ward = await turn.session.get(Unit, member.unit_id)
    allowed = await may(turn.session, member, Action.POLICE_FIGURES, ward)
    return ward if allowed else None


async def figures_menu(turn: Turn, member: Member, month: dt.date | None = None) -> list[Reply]:
    """The campaign's police figures for a month, each a button to enter or correct it."""
    ward = await _ward(turn, member)
    if ward is None:
        return [Say(text=turn.texts("summary-officers-only"))]
    campaign = turn.campaign
    first, last = month_bounds((month or turn.today).replace(day=1))
    entries = await figures_between(turn.session, ward.id, campaign.id, first, last)
    values = {
        e.figure: e.value["value"] for e in entries if (e.first_day, e.last_day) == (first, last)
    }
    rows = [
        [
            Button(
                label=f"{spec.label}: {_shown(turn, spec, values.get(spec.id))}",
                action=actions.EnterFigure(spec.id, first).encode(),
            )
        ]
        for spec in campaign.police_figures
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    moves = [Button(label=f"◀ {previous:%m/%Y}", action=actions.FiguresMonth(previous).encode())]
    following = last + dt.timedelta(days=1)
    if following <= turn.today:
        moves.append(
            Button(label=f"{following:%m/%Y} ▶", action=actions.FiguresMonth(following).encode())
        )
    rows.append(moves)
    if campaign.ward_settable():
        targets = actions.TargetList().encode()
        rows.append([Button(label=turn.texts.label("targets-button"), action=targets)])
    text = turn.texts("figures-menu", month=f"{first:%m/%Y}", ward=ward.name, plan=campaign.name)
    if not campaign.police_figures:
        text = turn.texts("figures-none", plan=campaign.name)
    return [Say(text=text, buttons=rows)]


def _shown(turn: Turn, spec: PoliceFigureSpec, value: int | bool | None) -> str:
    if value is None:
        return "—"
    if spec.kind == "yes_no":
        return turn.texts.label("button-yes" if value else "button-no")
    return f"{value:,}".replace(",", ".")


async def pressed(turn: Turn, member: Member, press: actions.Figures) -> list[Reply]:
    """A month page, a figure to enter, or a yes/no answer (the rule book is asked each time)."""
    ward = await _ward(turn, member)
    if ward is None:
        return [Toast(text=turn.texts("summary-officers-only"))]
    campaign = turn.campaign
    specs = {spec.id: spec for spec in campaign.police_figures}
    if not isinstance(press, actions.FiguresMonth | actions.EnterFigure | actions.AnswerFigure):
        return [Toast(text=turn.texts("forged-button"))]
    month = press.month
    if month > turn.today:
        return [Toast(text=turn.texts("forged-button"))]
    if isinstance(press, actions.FiguresMonth):
        return await figures_menu(turn, member, month)
    spec = specs.get(press.figure)
    if spec is None:
        return [Toast(text=turn.texts("forged-button"))]
    if isinstance(press, actions.EnterFigure):
        return await _ask(turn, spec, month)
    if spec.kind == "yes_no":
        await _save(turn, member, ward, spec, month, press.value)
        return await figures_menu(turn, member, month)
    return [Toast(text=turn.texts("forged-button"))]


async def _ask(turn: Turn, spec: PoliceFigureSpec, month: dt.date) -> list[Reply]:
    key = f"{month:%Y-%m}"
    question = turn.texts("figures-ask", label=spec.label, month=f"{month:%m/%Y}")
    if spec.kind == "yes_no":
        return [
            Say(
                text=question,
                buttons=[
                    [
                        Button(
                            label=turn.texts.label("button-yes"),
                            action=actions.AnswerFigure(spec.id, month, True).encode(),
                        ),
                        Button(
                            label=turn.texts.label("button-no"),
                            action=actions.AnswerFigure(spec.id, month, False).encode(),
                        ),
                    ]
                ],
            )
        ]
    incoming = turn.incoming
    await start_draft(
        turn.session, incoming.channel, incoming.user_ref, FLOW, spec.id, {"month": key}
    )
    type_number = turn.texts("figures-type-number")
    return [Say(text=f"{question}\n{type_number}")]


async def typed(turn: Turn, member: Member, draft: Draft) -> list[Reply]:
    """The number typed for the figure being entered."""
    ward = await _ward(turn, member)
    campaign = turn.campaign
    spec = next((s for s in campaign.police_figures if s.id == draft.step), None)
    month = parse_month(str(draft.data.get("month")), turn.today)
    if ward is None or spec is None or month is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return [Say(text=turn.texts("summary-officers-only"))]
    value = read_number(NUMBER, turn.incoming.text or "")
    if isinstance(value, Problem):
        hint = turn.texts(value.key, **value.args)
        type_number = turn.texts("figures-type-number")
        return [Say(text=f"{hint}\n{type_number}")]
    await _save(turn, member, ward, spec, month, value)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return await figures_menu(turn, member, month)


async def _save(
    turn: Turn,
    member: Member,
    ward: Unit,
    spec: PoliceFigureSpec,
    month: dt.date,
    value: int | bool,
) -> None:
    first, last = month_bounds(month)
    await set_figure(
        turn.session,
        ward_id=ward.id,
        campaign=turn.campaign.id,
        figure=spec.id,
        first_day=first,
        last_day=last,
        value=value,
        member_id=member.id,
        now=turn.now,
    )
