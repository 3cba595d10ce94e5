"""What the province's IT officer watches: /healthz (alive), /readyz (the database answers and
its schema is current) and /metrics for Prometheus, counting updates, latency, what waits, what
was sent and what failed. The metrics never carry a person's data."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.app import BotApp
from bot.health import HealthServer, health_routes, readiness
from bot.pipeline import RetryPolicy
from chat.clock import FixedClock
from config.settings import Settings, SettingsError, load_settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.database import Database, head_revisions
from storage.models import OutboxMessage
from tests.ward import Ward

ROOT = Path(__file__).resolve().parents[1]
FAST = RetryPolicy(backoff=(0.001, 0.002, 0.005), rate_limit_scale=0.001, late_after=60.0)
# Someone a leak would show: their name, phone number, chat (user) id and the tip they sent.
USER_ID = 734561289
PHONE_NUMBER = "0912345678"
TIP = "Có người lạ hay lui tới căn nhà bỏ hoang số 9 lúc nửa đêm."
ADDRESS = "Ngõ 9 Đường Trần Duy Hưng"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def watched_bot(settings: Settings, clock: FixedClock) -> AsyncIterator[BotApp]:
    """The bot with ANTT_HEALTH_PORT set, as a province runs it with long polling."""
    app = BotApp(settings.model_copy(update={"health_port": free_port()}), clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def get(bot: BotApp, path: str) -> tuple[int, str, str]:
    assert bot.health is not None
    address = f"http://{bot.health.host}:{bot.health.port}{path}"
    async with aiohttp.ClientSession() as client, client.get(address) as answer:
        return answer.status, answer.headers["Content-Type"], await answer.text()


def sample(page: str, name: str, labels: str = "") -> float:
    """One sample's value from the exposition text."""
    pattern = re.escape(name + (f"{{{labels}}}" if labels else "")) + r" (\S+)"
    found = re.search(rf"^{pattern}$", page, re.MULTILINE)
    assert found is not None, f"{name}{{{labels}}} not in the metrics"
    return float(found.group(1))


async def replies_sent(db: Database) -> int:
    """Replies the outbox recorded as delivered (messages, edits, files)."""
    async with db.read() as session:
        query = select(func.count()).where(
            OutboxMessage.kind == "reply", OutboxMessage.status == "sent"
        )
        return int(await session.scalar(query) or 0)


async def send_tip(phone: Phone) -> None:
    await phone.send("/menu")
    await phone.press("ℹ️ Nguồn tin")
    await phone.send(TIP)
    await phone.send(ADDRESS)
    await phone.press("Hôm nay")
    await phone.press("✅ Gửi báo cáo")


async def test_a_running_bot_answers_health_and_readiness(watched_bot: BotApp) -> None:
    assert await get(watched_bot, "/healthz") == (200, "text/plain; charset=utf-8", "ok\n")
    status, _, body = await get(watched_bot, "/readyz")
    assert (status, body) == (200, "ready\n")


async def test_metrics_count_a_members_tip_and_never_name_them(
    emulator: TelegramEmulator, watched_bot: BotApp, clock: FixedClock
) -> None:
    async with Ward.create(watched_bot.db, clock) as ward:
        luong = emulator.phone(user_id=USER_ID, first_name="Đặng Thị", last_name="Lương")
        await ward.join(luong, PHONE_NUMBER)
        await send_tip(luong)
        [tip] = await ward.reports()
    assert tip.kind == "tip"
    await watched_bot.pipeline.flush()  # deliveries recorded

    status, content_type, page = await get(watched_bot, "/metrics")
    assert status == 200
    assert content_type.startswith("text/plain; version=")
    updates = watched_bot.polling.stats.updates
    assert updates >= 10  # joining and the tip: commands, the contact, presses, texts
    assert sample(page, "antt_updates_received_total") == updates
    assert sample(page, "antt_updates_handled_total") == updates
    assert sample(page, "antt_update_handling_seconds_count") == updates
    assert sample(page, "antt_empty_claims_total") == 0  # one process: no chat held elsewhere
    assert sample(page, "antt_update_handling_seconds_bucket", 'le="+Inf"') == updates
    assert sample(page, "antt_inbox_backlog") == 0
    assert sample(page, "antt_outbox_depth", 'kind="reply"') == 0
    assert sample(page, "antt_messages_sent_total", 'kind="reply"') == await replies_sent(
        watched_bot.db
    )
    assert sample(page, "antt_scheduler_leader") == 1  # SQLite: one process, it leads
    assert sample(page, "antt_database_up") == 1

    # Labels are kinds and types only: nothing of Lương, her phone, her chat or her tip.
    words = ["Lương", "Đặng", "Luong", PHONE_NUMBER, PHONE_NUMBER[1:], str(USER_ID)]
    words += ["lui tới", "bỏ hoang", "Trần Duy Hưng", "Yên Hòa", "ANTT số 12"]
    assert [word for word in words if word.casefold() in page.casefold()] == []
    labels = set(re.findall(r'(\w+)="', page))
    assert labels <= {"le", "kind", "where", "type"}


async def test_flood_waits_retries_and_failures_are_counted_by_kind(
    emulator: TelegramEmulator, watched_bot: BotApp, clock: FixedClock
) -> None:
    watched_bot.pipeline.retry = FAST
    async with Ward.create(watched_bot.db, clock) as ward:
        lan = emulator.phone(user_id=USER_ID, first_name="Lan")
        await ward.join(lan, PHONE_NUMBER)
    emulator.faults.add("sendMessage", 429, retry_after=2, times=2)
    emulator.faults.add("sendMessage", 502, times=1)
    await lan.send("/huy")
    emulator.faults.add("sendMessage", 400, description="Bad Request: chat not found")
    await lan.send("/huy", expect=0)

    _, _, page = await get(watched_bot, "/metrics")
    assert sample(page, "antt_rate_limited_total", 'kind="reply"') == 2
    assert sample(page, "antt_send_retries_total", 'kind="reply"') == 1
    # Two flood waits of 2 s (scaled a thousand times down here) and one backoff of 1 ms.
    assert sample(page, "antt_retry_wait_seconds_total", 'kind="reply"') == pytest.approx(0.005)
    assert sample(page, "antt_errors_total", 'type="given_up",where="reply"') == 1
    assert sample(page, "antt_rate_limited_total", 'kind="notice"') == 0


async def test_not_ready_while_the_schema_is_behind_or_the_database_is_gone(
    tmp_path: Path,
) -> None:
    behind = Database(f"sqlite+aiosqlite:///{tmp_path / 'behind.sqlite3'}")
    gone = Database(f"sqlite+aiosqlite:///{tmp_path / 'no such folder' / 'antt.sqlite3'}")
    expected = head_revisions()
    try:
        assert await readiness(behind, expected) == (
            f"migrations not current: the database is at none, this code needs "
            f"{', '.join(sorted(expected))} (run `antt-bot migrate`)"
        )
        await behind.migrate("0008")
        reason = await readiness(behind, expected)
        assert reason is not None
        assert reason.startswith("migrations not current: the database is at 0008")
        await behind.migrate()
        assert await readiness(behind, expected) is None

        server = HealthServer(health_routes(gone), "127.0.0.1", free_port())
        await server.start()
        try:
            address = f"http://127.0.0.1:{server.port}"
            async with aiohttp.ClientSession() as client:
                async with client.get(f"{address}/readyz") as answer:
                    assert answer.status == 503
                    assert await answer.text() == (
                        "not ready: database unreachable (OperationalError)\n"
                    )
                async with client.get(f"{address}/healthz") as answer:
                    assert answer.status == 200  # alive: a restart would not bring it back
                async with client.get(f"{address}/metrics") as answer:
                    assert answer.status == 404  # not mounted without metrics
        finally:
            await server.stop()
    finally:
        await behind.dispose()
        await gone.dispose()


async def test_the_scheduler_alone_says_whether_it_leads(tmp_path: Path) -> None:
    """`antt-bot scheduler` with ANTT_HEALTH_PORT, as the compose file runs it: ready, leading
    (SQLite: the only one), and stopped gracefully by SIGINT."""
    port = free_port()
    environment = {
        **os.environ,
        "ANTT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'plan.sqlite3'}",
        "ANTT_HEALTH_PORT": str(port),
    }
    environment.pop("ANTT_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "main.py"),
        "scheduler",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        address = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as client:
            page = await eventually_answered(client, f"{address}/metrics")
            assert sample(page, "antt_scheduler_leader") == 1
            async with client.get(f"{address}/readyz") as answer:
                assert (answer.status, await answer.text()) == (200, "ready\n")
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0


async def eventually_answered(client: aiohttp.ClientSession, address: str) -> str:
    """The page, once the process listens (it starts within seconds)."""
    for _ in range(300):
        try:
            async with client.get(address) as answer:
                return await answer.text()
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"nothing answered at {address}")


def test_a_port_out_of_range_stops_start_up_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTT_HEALTH_PORT", "70000")
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == (
        "ANTT_HEALTH_PORT is invalid (Input should be less than or equal to 65535): expected a "
        "port for /healthz, /readyz and /metrics (1 to 65535); unset for none"
    )
