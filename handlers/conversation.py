"""The conversation: one update in, its replies out; decides who is talking and what they do."""

from __future__ import annotations

from typing import TypeGuard

from chat import actions
from chat.buttons import Data, Scope
from chat.replies import Reply, Say, Toast
from chat.steps import Step
from handlers import (
    accounts,
    call_out_answers,
    call_out_close,
    call_out_dispatch,
    call_out_notes,
    call_out_settings,
    call_out_teams,
    commands,
)
from handlers.group_chat import in_group
from handlers.joining import (
    ASK_CONTACT,
    already_member,
    continue_join,
    join_draft,
    start_with_code,
    start_without_code,
    waiting_for_approval,
)
from handlers.menu import (
    ACCOUNTS,
    HOME,
    LINK_ACCOUNT,
    MENU_ACTIONS,
    MORE,
    MY_REPORTS,
    NOTIFY_HERE,
    main_menu,
    more_menu,
)
from handlers.my_reports import my_reports
from handlers.my_reports import pressed as pressed_report
from handlers.officer_buttons import pressed as pressed_officer
from handlers.officer_tools import FLOW as OFFICER_FLOW
from handlers.officer_tools import manage
from handlers.officer_tools import typed as officer_typed
from handlers.police_figures import FLOW as FIGURES_FLOW
from handlers.police_figures import figures_menu
from handlers.police_figures import pressed as pressed_figures
from handlers.police_figures import typed as figure_typed
from handlers.quick_capture import KIND, capture, choose_kind, is_capture
from handlers.report_flow import answer_form, form_of, mark_choice, resume_form, start_form
from handlers.reviews import command as review_command
from handlers.turn import Turn
from handlers.ward_summary import choose_period, period_chosen
from handlers.ward_targets import FLOW as TARGETS_FLOW
from handlers.ward_targets import pressed as pressed_targets
from handlers.ward_targets import typed as target_typed
from handlers.yearly_report import pressed as pressed_yearly_report
from storage.account_codes import LINK, looks_like
from storage.accounts import member_and_draft_of, member_of
from storage.drafts import discard_draft, draft_of
from storage.invites import looks_like_invite
from storage.members import unblock
from storage.models import Draft, Member


async def handle(turn: Turn) -> list[Reply]:
    """Everything the bot answers to one update."""
    incoming = turn.incoming
    if not incoming.is_private:
        return await in_group(turn)  # a team's group: linking it, nothing else
    if incoming.command == commands.CANCEL:
        return await _cancel(turn)
    member, draft = await member_and_draft_of(turn.session, incoming.channel, incoming.user_ref)
    if member is None:
        return await _stranger(turn)
    if incoming.command == commands.START and incoming.command_args:
        return already_member(turn, member)
    return await _member(turn, member, draft)


async def _stranger(turn: Turn) -> list[Reply]:
    """Someone who has not joined: an invite code, a joining step, or how to get an invite."""
    incoming = turn.incoming
    if incoming.command == commands.START and incoming.command_args:
        return await start_with_code(turn, incoming.command_args.strip())
    waiting = await waiting_for_approval(turn)
    if waiting is not None:
        return waiting
    draft = await join_draft(turn)
    typed = incoming.text or ""
    if (
        incoming.command is None
        and incoming.contact is None
        and (draft is None or draft.step == ASK_CONTACT)
    ):
        # A messenger without links that carry a code: the code comes as a message of its own
        # (a link code: the member's other account; an invite code: a team's).
        if looks_like(LINK, typed):
            return await accounts.link_with_code(turn)
        code = looks_like_invite(typed)
        if code is not None:
            return await start_with_code(turn, code)
    if draft is not None and incoming.command is None:
        stale = _stale_press(turn, draft, Scope.JOIN)
        return stale if stale is not None else await continue_join(turn, draft)
    if incoming.command in (commands.START, None):
        # Whatever a stranger writes first is a start: where the messenger sends no /start on
        # opening the bot (Zalo), someone on the roster must still be asked for their number.
        return await start_without_code(turn)
    return [Say(text=turn.texts("need-invite"))]


async def _member(turn: Turn, member: Member, draft: Draft | None) -> list[Reply]:
    """A member's update; `draft`: what they have in progress, read with them."""
    incoming = turn.incoming
    await unblock(turn.session, member)  # they wrote, so they can be reached again
    if incoming.command == commands.MY_REPORTS:
        return await my_reports(turn, member)
    if incoming.command == commands.SUMMARY:
        return await choose_period(turn, member)
    if incoming.command == commands.FIGURES:
        return await figures_menu(turn, member)
    if incoming.command == commands.MANAGE:
        return await manage(turn, member)
    if incoming.command == commands.REVIEW:
        return await review_command(turn, member)
    if incoming.command == commands.DISPATCH:
        return await call_out_dispatch.start(turn, member)
    if incoming.command == commands.HELP:
        return [main_menu(turn.texts, turn.forms, turn.texts("help"))]
    if incoming.command == commands.ACCOUNTS:
        return accounts.accounts_screen(turn, member)
    form = form_of(turn, draft) if draft is not None else None
    if incoming.button is not None:
        return await _pressed(turn, member, draft)
    if draft is not None and draft.flow == FIGURES_FLOW and incoming.command is None:
        return await figure_typed(turn, member, draft)
    if draft is not None and draft.flow == TARGETS_FLOW and incoming.command is None:
        return await target_typed(turn, member, draft)
    if draft is not None and draft.flow == OFFICER_FLOW and incoming.command is None:
        return await officer_typed(turn, member, draft)
    if draft is not None and draft.flow == call_out_notes.FLOW and incoming.command is None:
        return await call_out_notes.typed(turn, member, draft)
    if draft is not None and draft.flow == call_out_settings.FLOW and incoming.command is None:
        return await call_out_settings.typed(turn, member, draft)
    if draft is not None and draft.flow == call_out_dispatch.FLOW and incoming.command is None:
        if draft.step in call_out_close.STEPS:
            return await call_out_close.typed(turn, member, draft)
        return await call_out_dispatch.typed(turn, member, draft)
    if incoming.location is not None and incoming.command is None:
        where = await call_out_answers.location_shared(turn, member)
        if where is not None:
            return where
    if draft is not None and form is not None:
        if incoming.command is not None:
            return await resume_form(turn, member, form, draft)
        return await answer_form(turn, member, form, draft, None)
    if incoming.command == commands.START:
        return [
            main_menu(turn.texts, turn.forms, turn.texts("welcome-back", name=member.full_name))
        ]
    if incoming.command is None and (incoming.photos or (incoming.text or "").strip()):
        return await capture(turn, member)
    if incoming.text is None and not incoming.photos and incoming.command is None:
        return [main_menu(turn.texts, turn.forms, turn.texts("unsupported"))]
    return [main_menu(turn.texts, turn.forms)]


async def _pressed(turn: Turn, member: Member, draft: Draft | None) -> list[Reply]:
    """A button: a menu choice, or a step of the form in progress (checked for staleness)."""
    pressed = actions.decode(turn.incoming.button or "")
    if pressed is None:
        return [Toast(text=turn.texts("forged-button"))]
    form = form_of(turn, draft) if draft is not None else None
    if isinstance(pressed, actions.MenuChoice):
        choice = pressed.choice
        if choice not in MENU_ACTIONS and choice not in turn.forms:
            return [Toast(text=turn.texts("forged-button"))]
        if draft is not None and form is not None:
            return await resume_form(turn, member, form, draft)
        if choice == MY_REPORTS:
            return await my_reports(turn, member)
        if choice == MORE:
            return [more_menu(turn.texts, turn.forms)]
        if choice == HOME:
            return [main_menu(turn.texts, turn.forms)]
        if choice == ACCOUNTS:
            return accounts.accounts_screen(turn, member)
        if choice == LINK_ACCOUNT:
            return await accounts.link_code(turn, member)
        if choice == NOTIFY_HERE:
            return accounts.notify_here(turn, member)
        if is_capture(draft) and draft is not None:
            return await choose_kind(turn, member, draft, choice)
        return await start_form(turn, member, choice)
    if isinstance(pressed, actions.SummaryPeriod):
        return await period_chosen(turn, member, pressed.period)
    if isinstance(pressed, actions.Figures):
        return await pressed_figures(turn, member, pressed)
    if isinstance(pressed, actions.Targets):
        return await pressed_targets(turn, member, pressed)
    if isinstance(pressed, actions.YearlyReportSent):
        return await pressed_yearly_report(turn, member, pressed)
    if isinstance(pressed, actions.Officer):
        return await pressed_officer(turn, member, pressed)
    if isinstance(pressed, actions.AddToMyRecord | actions.MyRecordDone):
        return await call_out_notes.pressed(turn, member, pressed)
    if isinstance(pressed, actions.OutcomePhotosDone | actions.NoOneHelped):
        return await call_out_close.pressed(turn, member, pressed)
    if isinstance(pressed, actions.AddTeamList | actions.AddTeam):
        return await call_out_teams.pressed(turn, member, pressed)
    if isinstance(pressed, actions.AboutCallOut):
        return await call_out_answers.pressed(turn, member, pressed)
    if isinstance(pressed, actions.CallOutSettings | actions.ChangeCallOutSetting):
        return await call_out_settings.pressed(turn, member, pressed)
    if isinstance(pressed, actions.CallOut):
        return await call_out_dispatch.pressed(turn, member, pressed, draft)
    if isinstance(pressed, actions.MyReports):
        if draft is not None and form is not None:
            return await resume_form(turn, member, form, draft)
        return await pressed_report(turn, member, pressed)
    if draft is None or (form is None and not is_capture(draft)):
        return [Toast(text=turn.texts("stale-button"))]
    if not _current(pressed, Scope.FORM, draft):  # an earlier step's, or joining's, or a group's
        return [Toast(text=turn.texts("stale-button"))]
    if pressed.action == "cancel":
        return await _cancel(turn)
    if form is None:
        kind = pressed.action.removeprefix(KIND)
        if not pressed.action.startswith(KIND) or kind not in turn.forms:
            return [Toast(text=turn.texts("forged-button"))]
        return [*mark_choice(turn), *await choose_kind(turn, member, draft, kind)]
    return await answer_form(turn, member, form, draft, pressed.action)


def _stale_press(turn: Turn, draft: Draft, scope: Scope) -> list[Reply] | None:
    """A toast when a pressed button belongs to an earlier step; None when it is current."""
    if turn.incoming.button is None:
        return None
    pressed = actions.decode(turn.incoming.button)
    if pressed is None:
        return [Toast(text=turn.texts("forged-button"))]
    if not _current(pressed, scope, draft):
        return [Toast(text=turn.texts("stale-button"))]
    return None


def _current(pressed: Step | Data, scope: Scope, draft: Draft) -> TypeGuard[Step]:
    """A step of the draft as it is now."""
    return isinstance(pressed, Step) and pressed.scope == scope and pressed.version == draft.version


async def _cancel(turn: Turn) -> list[Reply]:
    """`/huy` or the Huỷ button: drop what is in progress, keep everything already sent."""
    incoming = turn.incoming
    draft = await draft_of(turn.session, incoming.channel, incoming.user_ref)
    member = await member_of(turn.session, incoming.channel, incoming.user_ref)
    if draft is None:
        if member is None:
            return [Say(text=turn.texts("need-invite"))]
        return [main_menu(turn.texts, turn.forms, turn.texts("nothing-to-cancel"))]
    await discard_draft(turn.session, incoming.channel, incoming.user_ref)
    if member is None:
        return [Say(text=turn.texts("join-declined"), remove_keyboard=True)]
    return [main_menu(turn.texts, turn.forms, turn.texts("cancelled"))]
