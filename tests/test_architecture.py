"""Each top-level folder imports only what ARCHITECTURE.md's table allows: an allow-list, so a
new upward or sideways import, or a new folder nobody placed in the table, fails the suite."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MESSENGERS = frozenset({"aiogram", "telegram", "aiohttp", "httpx"})
# Folders that are not layers of the product: its tests and its benchmarks may use anything.
NOT_LAYERS = frozenset({"tests", "bench", "build"})
# layer -> what it may import (of ours, and of the messenger libraries). Keep in step with the
# table "Layers and what each may import" in ARCHITECTURE.md.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "config": frozenset(),
    "reports": frozenset(),
    "storage": frozenset({"reports"}),
    "chat": frozenset({"storage", "config"}),
    "summaries": frozenset({"chat", "storage", "reports", "config"}),
    "handlers": frozenset({"chat", "storage", "reports", "summaries", "config"}),
    "scheduler": frozenset({"chat", "storage", "reports", "summaries", "config"}),
    "bot": frozenset({"chat", "handlers", "summaries", "scheduler", "storage", "reports"})
    | frozenset({"config"})
    | MESSENGERS,
    "emulator": frozenset({"aiohttp", "aiogram"}),
    "cli": frozenset({"bot", "chat", "config", "emulator", "handlers", "reports"})
    | frozenset({"scheduler", "storage", "summaries"}),
    "main": frozenset({"cli"}),
}
OURS = frozenset(MAY_IMPORT)
# Narrower rules inside a layer: module -> the only modules of a package it may take.
ONLY = {
    # storage keeps the work counts with the pure counting, nothing else of the summaries
    ("storage", "reports"): frozenset({"reports.work", "reports.records"}),
    # a button's id is checked against what the database's integer holds
    ("chat", "storage"): frozenset({"storage.units"}),
}
# Inside bot/, only the composition and the pipeline (which hands a turn to the conversation and
# runs its jobs) reach the conversation and the summaries: the delivery loop knows neither.
BOT_TO_CONVERSATION = frozenset({"bot/app.py", "bot/pipeline.py"})


def imported(path: Path) -> Iterator[str]:
    """Every absolute module name `path` imports."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def files_of(layer: str) -> list[Path]:
    return [ROOT / "main.py"] if layer == "main" else sorted((ROOT / layer).rglob("*.py"))


def test_every_folder_of_code_is_a_layer_of_the_table() -> None:
    folders = {
        path.parent.name for path in ROOT.glob("*/*.py") if not path.parent.name.startswith(".")
    }
    assert folders - NOT_LAYERS - OURS == set()


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_a_layer_imports_only_what_the_table_allows(layer: str) -> None:
    watched = OURS | MESSENGERS
    outside: dict[str, set[str]] = {}
    for path in files_of(layer):
        for name in imported(path):
            root = name.split(".")[0]
            if root in watched and root != layer and root not in MAY_IMPORT[layer]:
                outside.setdefault(str(path.relative_to(ROOT)), set()).add(name)
    assert outside == {}


@pytest.mark.parametrize(("layer", "package"), sorted(ONLY))
def test_a_narrow_door_stays_narrow(layer: str, package: str) -> None:
    allowed = ONLY[(layer, package)]
    found = {
        str(path.relative_to(ROOT)): name
        for path in files_of(layer)
        for name in imported(path)
        if name.split(".")[0] == package and name not in allowed
    }
    assert found == {}


def test_the_delivery_loop_knows_no_conversation() -> None:
    reaching = {
        str(path.relative_to(ROOT))
        for path in files_of("bot")
        if any(name.split(".")[0] in {"handlers", "summaries"} for name in imported(path))
    }
    assert reaching <= BOT_TO_CONVERSATION
