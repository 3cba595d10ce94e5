"""`antt-bot scheduler --once`: the scheduler alone, as a second process would run it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'plan.sqlite3'}")
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    # The command sets up the process's logging on the runner's stream, which closes after the
    # call: put the test process's logging back so later tests do not write to a closed stream.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield CliRunner()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_the_scheduler_runs_alone_without_a_token(cli: CliRunner) -> None:
    first = cli.invoke(app, ["scheduler", "--once"])
    assert first.exit_code == 0, first.output
    # The first run only notes where each duty starts: nothing from before is owed.
    assert first.stdout.strip().splitlines()[-1] == "0 occurrences, 0 dropped, 0 notices queued"
    again = cli.invoke(app, ["scheduler", "--once"])
    assert again.stdout.strip().splitlines()[-1] == "0 occurrences, 0 dropped, 0 notices queued"


def test_a_malformed_schedule_stops_it_with_one_line(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_QUIET_HOURS", "từ 21 giờ")
    result = cli.invoke(app, ["scheduler", "--once"])
    assert result.exit_code == 2
    assert result.output.startswith("antt-bot: ANTT_QUIET_HOURS is invalid")


def test_an_unknown_campaign_stops_it_with_one_line(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_CAMPAIGN", "ha-noi-999")
    result = cli.invoke(app, ["scheduler", "--once"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("antt-bot: ANTT_CAMPAIGN: no campaign 'ha-noi-999': expected one of")
    assert "ha-noi-357" in line and "\n" not in line
