"""The digest message for the ward police: Telegram HTML, user text escaped, split to fit."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from html import escape

from reports import labels
from reports.campaigns import Campaign
from reports.commendation import Candidate, proposed
from reports.coverage import pending, police_covers, police_partial, so_far
from reports.describe import clean, official
from reports.indicators import IndicatorResult, Status
from reports.summary import ProvinceIndicator, ProvinceSummary, WardSummary
from reports.targets import target_phrase, verdict
from reports.telegram_html import split_message
from reports.turnout_text import sources_text, turnout_text

MAX_NAMED_TEAMS = 15
NAME_LIMIT = 80


def _safe(text: str, limit: int | None = NAME_LIMIT) -> str:
    """User text made safe for Telegram HTML, a name cut short if someone typed a novel."""
    return escape(clean(" ".join(text.split()), limit), quote=False)


def _team_list(names: Sequence[str]) -> str:
    """Tổ 7, Tổ 19 và 3 tổ khác."""
    shown = ", ".join(_safe(labels.short_team_name(name)) for name in names[:MAX_NAMED_TEAMS])
    extra = len(names) - MAX_NAMED_TEAMS
    return f"{shown} {labels.MORE_TEAMS.format(count=extra)}" if extra > 0 else shown


def _after(result: IndicatorResult) -> str:
    """What follows the figures: no target set, or what the officer adds by hand."""
    if result.status == "no_target":
        return f" · {labels.NO_TARGET_NOTE}"
    if result.status == "met_in_part":
        return f" · {_safe(verdict(result), None)}"
    return ""


def indicator_line(result: IndicatorResult, campaign: Campaign) -> str:
    """✅ Việc tốt: 39/42 tổ đạt (93%) · chưa đạt: Tổ 7, …"""
    spec = result.spec
    head = f"{labels.STATUS_ICONS[result.status]} {_safe(spec.short)}: "
    police_figure = spec.computation in ("police_yes_no", "police_share", "tips_through_force")
    if result.status == "no_data":
        if police_figure:
            return head + (_safe(police_partial(result), None) or labels.NO_DATA_POLICE)
        return head + (pending(result) or labels.NO_DATA_FOR.get(result.counted, labels.NO_DATA))
    judged = result.judged
    missed = judged and not result.met
    if spec.measure == "yes_no":
        answer = bool(result.answer)
        words = spec.when_met if answer else spec.when_not_met
        if words:  # what happened, never a bare "Không" under a negative label
            return head + _safe(words, None)
        return head + (labels.YES_NO_ANSWER[answer] if judged else labels.YES_NO[answer])
    if spec.measure == "count":
        line = f"{labels.count(result.numerator or 0)} {labels.COUNTED[result.counted]}"
        line += f" ({_safe(target_phrase(campaign, spec), None)})" if missed else ""
        return head + line + _after(result)
    percentage = result.percentage
    assert percentage is not None
    unit = labels.COUNTED[result.counted]
    done = labels.TEAMS_DONE if judged and result.counted in ("team", "team_month") else ""
    figures = f"{labels.count(result.numerator or 0)}/{labels.count(result.denominator or 0)}"
    shown = labels.percent(percentage, spec.target if missed else None)
    line = f"{figures}{' ' + unit if unit else ''}{done} ({shown}"
    line += f", {_safe(target_phrase(campaign, spec), None)})" if missed else ")"
    if result.shortfall and missed:
        line += " · " + labels.NOT_MET_TEAMS.format(teams=_team_list(result.shortfall))
    return head + line + _after(result)


def _with_months(line: str, result: IndicatorResult) -> str:
    """The line, and the months of the police figures it was judged on (or the teams a month
    still running does not judge yet)."""
    notes = [police_covers(result), pending(result) if result.status != "no_data" else ""]
    return " · ".join([line, *(_safe(note, None) for note in notes if note)])


def _totals_lines(summary: WardSummary | ProvinceSummary) -> list[str]:
    """The Hà Nội police's figures: tips, patrols, violations, fire and rescue."""
    totals = summary.totals
    return [
        labels.TOTALS_LINE.format(
            tips=labels.count(totals.tips),
            valuable=labels.count(totals.valuable_tips),
            patrols=labels.count(totals.patrols),
            violations=labels.count(totals.violations),
        ),
        labels.FIRE_LINE.format(
            fire=labels.count(totals.fire_call_outs),
            rescue=labels.count(totals.rescue_call_outs),
            deeds=labels.count(totals.good_deeds),
        ),
    ]


def _turnout_line(summaries: Sequence[WardSummary]) -> list[str]:
    """⏱ the call-outs made live from the bot: who came of those called, and how fast."""
    called = [person for ward in summaries for person in ward.scope.called]
    text = turnout_text(called)
    if not text:
        return []
    sources = sources_text(
        called, [report for ward in summaries for report in ward.scope.call_outs]
    )
    return [
        f"{labels.CALL_OUT_SOURCES_ICON} {_safe(sources, None)}",
        f"{labels.TURNOUT_ICON} {_safe(text, None)}",
    ]


def _files_line(files: Sequence[str]) -> list[str]:
    """📎 the names of the attached files."""
    if not files:
        return []
    return [labels.FILES_LINE.format(files="  📎 ".join(_safe(name) for name in files))]


def _candidate_name(candidate: Candidate) -> str:
    """Tổ 12, or Trần Thị G (Tổ 12)."""
    team = _safe(labels.short_team_name(candidate.team_name))
    if candidate.kind == "collective":
        return team
    return f"{_safe(candidate.name)} ({team})"


def ward_digest(summary: WardSummary, files: Sequence[str] = ()) -> list[str]:
    """The digest for one ward as Telegram HTML messages, each within Telegram's limit."""
    header = labels.DIGEST_HEADER.format(
        period=labels.period_label(summary.period),
        ward=_safe(summary.ward.name),
        teams=labels.count(summary.totals.teams),
        members=labels.count(summary.totals.members),
    )
    lines = [f"<b>{header}</b>", f"<i>{_safe(summary.campaign.plan, None)}</i>"]
    if note := so_far(summary.period, summary.as_of, summary.scope.judged_months):
        lines.append(f"<i>{_safe(note, None)}</i>")
    lines += [
        _with_months(indicator_line(result, summary.campaign), result)
        for result in summary.indicators
    ]
    lines += _turnout_line((summary,))
    lines += _totals_lines(summary)
    if summary.period.kind != "month":
        picks = proposed(summary.commendation)
        if picks:
            names = " / ".join(_candidate_name(pick) for pick in picks)
            lines.append(labels.CANDIDATES_LINE.format(names=names))
    lines += _files_line(files)
    return split_message(official("\n".join(lines)))


def province_status(indicator: ProvinceIndicator) -> Status:
    """One target across wards: met when every ward with a verdict reached it (in part when
    the figure measures less than the plan asks)."""
    spec = indicator.spec
    if not indicator.wards_known:
        return "no_target" if spec.target_source == "none" else "no_data"
    if indicator.wards_met < indicator.wards_known:
        return "not_met"
    return "met_in_part" if spec.partial else "met"


def province_line(indicator: ProvinceIndicator) -> str:
    """✅ Việc tốt: 12/12 xã/phường đạt · 500/510 (98%)."""
    known = indicator.wards_known
    status = province_status(indicator)
    line = f"{labels.STATUS_ICONS[status]} {_safe(indicator.spec.short)}: "
    if not known:
        return line + (labels.NO_TARGET_NOTE if status == "no_target" else labels.NO_DATA)
    line += labels.WARDS_MET.format(met=indicator.wards_met, known=known)
    if indicator.spec.measure == "share" and indicator.denominator:
        share = labels.percent(Fraction(100 * indicator.numerator, indicator.denominator))
        line += f" · {labels.count(indicator.numerator)}/{labels.count(indicator.denominator)}"
        line += f" ({share})"
    missing = indicator.wards_total - known
    if missing:
        line += " · " + labels.WARDS_UNKNOWN.format(count=labels.count(missing))
    return line


def province_digest(summary: ProvinceSummary, files: Sequence[str] = ()) -> list[str]:
    """The digest for a province (PV01): targets across wards and the totals."""
    header = labels.PROVINCE_HEADER.format(
        period=labels.period_label(summary.period),
        province=_safe(summary.province.name),
        wards=labels.count(len(summary.wards)),
        teams=labels.count(summary.totals.teams),
        members=labels.count(summary.totals.members),
    )
    lines = [f"<b>{header}</b>", f"<i>{_safe(summary.campaign.plan, None)}</i>"]
    months = summary.wards[0].scope.judged_months if summary.wards else ()
    if note := so_far(summary.period, summary.as_of, months):
        lines.append(f"<i>{_safe(note, None)}</i>")
    lines += [province_line(indicator) for indicator in summary.indicators]
    lines += _turnout_line(summary.wards)
    lines += _totals_lines(summary)
    lines += _files_line(files)
    return split_message(official("\n".join(lines)))
