"""Who set a target and where it is written, said the same way in the digest, the workbook and
the Word report: a plan's target cites the plan, a ward's own is labelled as the ward's, and an
indicator with none has no verdict."""

from __future__ import annotations

from reports import labels
from reports.campaigns import Campaign, IndicatorSpec, citation
from reports.indicators import IndicatorResult


def source_of(campaign: Campaign, spec: IndicatorSpec) -> str:
    """The plan's own reference for what the indicator measures: "KH 357/KH-UBND, mục II.4"."""
    return citation(campaign, spec.seed)


def target_words(spec: IndicatorSpec) -> str:
    """ "100%", "≥ 1", "Có" (a yes/no), "100% (phường đặt)", or "Không đặt"."""
    if spec.target_source == "none":
        return labels.NO_TARGET
    if spec.target is None:
        shown = labels.YES_NO[True]
    else:
        shown = labels.target_text(spec.comparison, spec.target, spec.measure)
    return labels.TARGET_OF_WARD.format(target=shown) if spec.target_source == "ward" else shown


def target_with_basis(campaign: Campaign, spec: IndicatorSpec) -> str:
    """ "100% (KH 357/KH-UBND, mục II.4)", "100% (phường đặt)" or "Không đặt"."""
    if spec.target_source != "plan":
        return target_words(spec)
    return f"{target_words(spec)} ({source_of(campaign, spec)})"


def target_phrase(campaign: Campaign, spec: IndicatorSpec) -> str:
    """ "chỉ tiêu 100% theo KH 357/KH-UBND, mục II.4", "chỉ tiêu 100% do phường đặt"."""
    assert spec.target is not None
    shown = labels.target_text(spec.comparison, spec.target, spec.measure)
    basis = labels.TARGET_BASIS[spec.target_source].format(citation=source_of(campaign, spec))
    return " ".join(part for part in (labels.TARGET.format(target=shown), basis) if part)


def verdict(result: IndicatorResult) -> str:
    """Đạt, Chưa đạt, Chưa có số liệu, Không đánh giá, or "Đạt phần do hệ thống đo; cán bộ bổ
    sung: …" when the figure measures less than the plan asks."""
    words = labels.STATUS_WORDS[result.status]
    if result.status == "met_in_part":
        return f"{words}; {labels.BY_HAND.format(by_hand=result.spec.by_hand)}"
    return words
