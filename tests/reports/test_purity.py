"""reports/ is pure: no messenger, no bot, no handlers, no storage; tips never leave the police."""

from __future__ import annotations

import ast
from datetime import date
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

from reports.campaigns import load_campaigns
from reports.chart import ward_chart
from reports.digest import ward_digest
from reports.excel import ward_workbook
from reports.phases import phase_named
from reports.summary import summarise_ward
from reports.word import ward_report
from tests.reports import test_hai_an
from tests.reports.yen_hoa_ward import SECRET, november

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"aiogram", "telegram", "aiohttp", "bot", "handlers", "storage", "scheduler", "main"}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_reports_imports_nothing_above_or_beside_it() -> None:
    offenders = {
        path.name: sorted(imported_roots(path) & FORBIDDEN)
        for path in (ROOT / "reports").rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def everything_sent(summary_bytes: list[bytes]) -> str:
    """The text inside every file: each part of each zip archive, decoded."""
    found: list[str] = []
    for data in summary_bytes:
        if data.startswith(b"PK"):
            with ZipFile(BytesIO(data)) as archive:
                found += [
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                ]
        else:
            found.append(data.decode("latin-1"))
    return "\n".join(found)


def test_no_tip_or_reintegration_content_in_any_output() -> None:
    summary = november()
    sent = "\n".join(ward_digest(summary)) + everything_sent(
        [
            ward_workbook(summary, date(2026, 12, 1)),
            ward_report(summary, date(2026, 12, 1)),
            ward_chart(summary),
        ]
    )
    assert SECRET not in sent
    assert "SECRET" not in sent


def test_no_tip_content_in_a_phase_review() -> None:
    ward = test_hai_an.build()
    campaign = load_campaigns()["hai-an-2024"]
    summary = summarise_ward(ward.records(), ward.ward_id, phase_named(campaign, "Đợt 1"), campaign)
    sent = "\n".join(ward_digest(summary)) + everything_sent(
        [ward_workbook(summary, date(2025, 2, 5)), ward_report(summary, date(2025, 2, 5))]
    )
    assert "BÍ-MẬT" not in sent
    assert "bến xe" not in sent
