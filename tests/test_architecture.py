"""The layers import only what ARCHITECTURE.md allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MESSENGERS = {"aiogram", "telegram", "aiohttp"}
# layer -> top-level packages it must never import
FORBIDDEN = {
    "handlers": MESSENGERS | {"bot", "scheduler", "main"},
    "storage": MESSENGERS | {"bot", "handlers", "scheduler", "main", "config"},
    "config": MESSENGERS | {"bot", "handlers", "storage", "scheduler", "main"},
    "reports": MESSENGERS | {"bot", "handlers", "storage", "scheduler", "main"},
    # The scheduler decides what is due and writes it to the outbox; the bot delivers it.
    "scheduler": MESSENGERS | {"bot", "main"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[layer])
        for path in (ROOT / layer).rglob("*.py")
    }
    assert {file: names for file, names in offenders.items() if names} == {}


def test_only_bot_knows_the_messenger() -> None:
    users = {
        str(path.relative_to(ROOT))
        for layer in ("handlers", "storage", "config", "scheduler", "reports")
        for path in (ROOT / layer).rglob("*.py")
        if imported_roots(path) & MESSENGERS
    }
    assert users == set()


def test_storage_takes_only_the_pure_counting_from_reports() -> None:
    """storage/ keeps the work counts with `reports.work` and its records, nothing else of
    `reports` (the summaries stay above storage)."""
    allowed = {"reports.work", "reports.records"}
    found: dict[str, set[str]] = {}
    for path in (ROOT / "storage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                else []
            )
            for name in names:
                if name.split(".")[0] == "reports" and name not in allowed:
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(name)
    assert found == {}
