"""Every button the bot draws that is valid at any time, typed once: its scope, its verb and its
values (written and read by `chat/buttons.py`, each value checked by `chat/button_data.py`), and
checked against the rule book at every press. A new button is one class here and one line in
its scope's table of handlers; data that decodes to none of these is forged. A draft's steps
(`f<version>:…`, `j<version>:…`) are `chat/steps.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chat import buttons, steps
from chat.buttons import Data, Flag, Id, Key, Month, Name, Page, Period, Scope, TeamSize, Year
from chat.steps import Step


def decode(data: str) -> Step | Data | None:
    """The button behind `data`, a step of a draft or one valid at any time; None when it is not
    one the bot made."""
    return steps.decode(data) if steps.is_step(data) else buttons.decode(data)


# -- buttons without verbs ----------------------------------------------------------------------


@dataclass(frozen=True)
class MenuChoice(Data, scope=Scope.MENU, verb=""):
    """A report kind to start, or "mine", "more", "home"."""

    choice: Name


@dataclass(frozen=True)
class SummaryPeriod(Data, scope=Scope.SUMMARY, verb=""):
    """A period for /baocao, written as `summaries.packages.parse_period` reads it."""

    period: Period

    @classmethod
    def month(cls, day: dt.date) -> SummaryPeriod:
        return cls(f"{day:%Y-%m}")

    @classmethod
    def rating_year(cls, year: int) -> SummaryPeriod:
        return cls(f"rating-year:{year}")

    @classmethod
    def phase(cls, name: str) -> SummaryPeriod:
        return cls(f"phase:{name}")


@dataclass(frozen=True)
class YearlyReportSent(Data, scope=Scope.YEARLY, verb=""):
    """Under a deadline reminder: the ward's yearly report is sent."""

    ward: Id
    year: Year


@dataclass(frozen=True)
class LinkTeam(Data, scope=Scope.GROUP, verb=""):
    """In a group chat: the team the group is linked to."""

    team: Id


# -- the member's own reports (/baocaocuatoi) ---------------------------------------------------


class MyReports(Data, scope=Scope.REPORT):
    """A button of the member's own reports."""


@dataclass(frozen=True)
class ReportMonth(MyReports, verb="m"):
    """A month's page, all kinds or one."""

    month: Month
    kind: Name | None = None


@dataclass(frozen=True)
class AboutReport(MyReports):
    """A button about one report."""

    report: Id


@dataclass(frozen=True)
class OpenReport(AboutReport, verb="o"):
    """The whole report, with its photos."""


@dataclass(frozen=True)
class EditReport(AboutReport, verb="e"):
    """Change the report."""


@dataclass(frozen=True)
class DeleteReport(AboutReport, verb="d"):
    """Ask whether to delete it."""


@dataclass(frozen=True)
class DeleteConfirmed(AboutReport, verb="dy"):
    """Delete it."""


# -- the police figures (/solieu) and the ward's own targets ------------------------------------


class Figures(Data, scope=Scope.FIGURES):
    """A button of /solieu."""


@dataclass(frozen=True)
class FiguresMonth(Figures, verb="m"):
    """A month's figures."""

    month: Month


@dataclass(frozen=True)
class EnterFigure(Figures, verb="e"):
    """Enter or correct one figure of a month."""

    figure: Key
    month: Month


@dataclass(frozen=True)
class AnswerFigure(Figures, verb="v"):
    """A yes/no figure answered."""

    figure: Key
    month: Month
    value: Flag


class Targets(Data, scope=Scope.TARGETS):
    """A button of the ward's own targets."""


@dataclass(frozen=True)
class TargetList(Targets, verb="l"):
    """The indicators whose target the ward sets."""


@dataclass(frozen=True)
class SetTarget(Targets, verb="e"):
    """Type the ward's target for an indicator."""

    indicator: Key


@dataclass(frozen=True)
class ClearTarget(Targets, verb="x"):
    """Drop the ward's target for an indicator."""

    indicator: Key


# -- the officer tools (/quanly) ----------------------------------------------------------------


class Officer(Data, scope=Scope.OFFICER):
    """A button of the officer tools or of the review."""


@dataclass(frozen=True)
class AboutUnit(Officer):
    """A button about a ward, a residential group or a team."""

    unit: Id


@dataclass(frozen=True)
class WardMenu(AboutUnit, verb="w"):
    """The ward at a glance."""


@dataclass(frozen=True)
class TeamList(AboutUnit, verb="tl"):
    """The ward's teams."""


@dataclass(frozen=True)
class GroupList(AboutUnit, verb="gl"):
    """The ward's residential groups."""


@dataclass(frozen=True)
class NewGroup(AboutUnit, verb="ng"):
    """Ask the name of a new residential group of the ward."""


@dataclass(frozen=True)
class GroupPage(AboutUnit, verb="g"):
    """One residential group."""


@dataclass(frozen=True)
class TeamPage(AboutUnit, verb="t"):
    """One team."""


@dataclass(frozen=True)
class NewTeam(AboutUnit, verb="nt"):
    """Ask the name of a new team in a ward or a residential group."""


@dataclass(frozen=True)
class RenameUnit(AboutUnit, verb="rn"):
    """Ask a team's or a group's new name."""


@dataclass(frozen=True)
class PlannedSize(AboutUnit, verb="sz"):
    """A team's planned size: asked, or one of the quick sizes."""

    size: TeamSize | None = None


@dataclass(frozen=True)
class NewInvite(AboutUnit, verb="i"):
    """An invite link for a role in a team."""

    role: Name


@dataclass(frozen=True)
class OpenInvites(AboutUnit, verb="il"):
    """A team's invites that still work."""


@dataclass(frozen=True)
class JoinRequests(AboutUnit, verb="jr"):
    """Requests to join waiting in a ward or a team."""


@dataclass(frozen=True)
class AutoApprove(AboutUnit, verb="aa"):
    """A ward's requests approved without asking, or not."""

    on: Flag


@dataclass(frozen=True)
class ExportRoster(AboutUnit, verb="x"):
    """The ward's roster as an Excel file."""


@dataclass(frozen=True)
class UnlinkGroup(AboutUnit, verb="gu"):
    """A team's Telegram group unlinked."""


@dataclass(frozen=True)
class AboutMember(Officer):
    """A button about one member of a team."""

    member: Id


@dataclass(frozen=True)
class MemberPage(AboutMember, verb="m"):
    """One member."""


@dataclass(frozen=True)
class ChooseTeam(AboutMember, verb="mv"):
    """The teams the member may be moved to."""


@dataclass(frozen=True)
class MoveMember(AboutMember, verb="mt"):
    """Move the member to a team."""

    team: Id


@dataclass(frozen=True)
class ChooseReason(AboutMember, verb="rm"):
    """Why the member leaves."""


@dataclass(frozen=True)
class RemoveMember(AboutMember, verb="rr"):
    """The member leaves, for a reason."""

    reason: Name


@dataclass(frozen=True)
class ChooseRole(AboutMember, verb="rl"):
    """The roles the member may be given."""


@dataclass(frozen=True)
class SetRole(AboutMember, verb="rs"):
    """Give the member a role."""

    role: Name


@dataclass(frozen=True)
class AskMemberName(AboutMember, verb="nm"):
    """Ask the member's full name as reports print it."""


@dataclass(frozen=True)
class ApproveJoin(Officer, verb="ja"):
    """Approve a request to join."""

    request: Id


@dataclass(frozen=True)
class RejectJoin(Officer, verb="jx"):
    """Reject a request to join."""

    request: Id


@dataclass(frozen=True)
class RevokeInvite(Officer, verb="ir"):
    """Stop an invite from working."""

    invite: Id


# -- the review of tips and models (/nguontin), in the officer tools' scope ---------------------


@dataclass(frozen=True)
class AboutReviewed(Officer):
    """A button about one tip or model under review."""

    report: Id


@dataclass(frozen=True)
class ReviewCard(AboutReviewed, verb="vo"):
    """The report's card."""


@dataclass(frozen=True)
class ReviewDecision(AboutReviewed, verb="vd"):
    """A decision (y, n, or the level of an acknowledgement) on the state the card showed."""

    choice: Name
    seen: Name


@dataclass(frozen=True)
class ReviewNote(AboutReviewed, verb="vn"):
    """Ask the outcome or the reference, typed."""


@dataclass(frozen=True)
class SkipReviewNote(AboutReviewed, verb="vs"):
    """No outcome or reference."""


@dataclass(frozen=True)
class ReviewList(Officer, verb="vl"):
    """A page of a ward's tips or models (t, m), waiting or decided (w, d)."""

    ward: Id
    kind: Name
    state: Name
    page: Page


# -- live call-outs (/huydong): dispatching, answering, the officer's status ------------------


class CallOut(Data, scope=Scope.CALL_OUT):
    """A button of a live call-out."""


@dataclass(frozen=True)
class StartDispatch(CallOut, verb="d"):
    """ "🚨 Huy động" from the ward's menu: a new call-out of the ward (or the leader's team)."""

    unit: Id


@dataclass(frozen=True)
class DispatchKind(CallOut, verb="k"):
    """The dispatch in progress: the kind of work (antt, pccc, cnch, traffic, propaganda)."""

    kind: Name


@dataclass(frozen=True)
class DispatchNoNote(CallOut, verb="nn"):
    """The dispatch in progress: no note."""


@dataclass(frozen=True)
class DispatchTeam(CallOut, verb="t"):
    """The dispatch in progress: a team ticked or unticked."""

    team: Id


@dataclass(frozen=True)
class DispatchWholeWard(CallOut, verb="all"):
    """The dispatch in progress: every team of the ward."""


@dataclass(frozen=True)
class DispatchTeamsChosen(CallOut, verb="tc"):
    """The dispatch in progress: the teams are chosen, show the summary."""


@dataclass(frozen=True)
class DispatchConfirmed(CallOut, verb="ok"):
    """The dispatch in progress: send the alerts."""


@dataclass(frozen=True)
class AboutCallOut(CallOut):
    """A button about one call-out."""

    call_out: Id


@dataclass(frozen=True)
class AnswerCallOut(AboutCallOut, verb="a"):
    """A member called answers: coming, late or declined."""

    answer: Name


@dataclass(frozen=True)
class DeclineReason(AboutCallOut, verb="r"):
    """A member who cannot come says why (far, sick, transport, other)."""

    reason: Name


@dataclass(frozen=True)
class ArrivedAtCallOut(AboutCallOut, verb="h"):
    """A member called is there."""


@dataclass(frozen=True)
class AlertAgain(AboutCallOut, verb="n"):
    """The dispatcher alerts again those who have not answered."""


@dataclass(frozen=True)
class CloseCallOut(AboutCallOut, verb="x"):
    """The dispatcher ends the call-out (the outcome is asked, typed)."""


@dataclass(frozen=True)
class DispatchCancelled(CallOut, verb="no"):
    """The dispatch in progress: dropped, nothing sent."""


@dataclass(frozen=True)
class CallOutSettings(CallOut, verb="s"):
    """ "⚙️ Cài đặt huy động" from the ward's menu: the ward's call-out settings."""

    ward: Id


@dataclass(frozen=True)
class ChangeCallOutSetting(CallOut, verb="sc"):
    """One of the ward's call-out settings to change (realert, auto_close); the minutes typed."""

    ward: Id
    setting: Name


@dataclass(frozen=True)
class AddTeamList(AboutCallOut, verb="at"):
    """ "➕ Thêm tổ" on the status message: the teams not called yet."""


@dataclass(frozen=True)
class AddTeam(AboutCallOut, verb="tt"):
    """A team added to an open call-out: its members are alerted like the first ones."""

    team: Id


@dataclass(frozen=True)
class OutcomePhotosDone(AboutCallOut, verb="pd"):
    """Closing: the photos are sent (or there are none); the people helped come next."""


@dataclass(frozen=True)
class NoOneHelped(AboutCallOut, verb="p0"):
    """Closing: nobody needed help; the call-out closes."""


@dataclass(frozen=True)
class AddToMyRecord(AboutCallOut, verb="mn"):
    """A member called, once it is closed: a note or photos for their own record."""


@dataclass(frozen=True)
class MyRecordDone(AboutCallOut, verb="md"):
    """The member has added what they wanted to their record."""


@dataclass(frozen=True)
class DispatchRecentPlace(CallOut, verb="rp"):
    """The dispatch in progress: the place of one of the ward's recent call-outs, again."""

    call_out: Id
