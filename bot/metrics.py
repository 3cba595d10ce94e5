"""What a running bot tells Prometheus: read at scrape time from the counters the polling loop,
the pipeline and the paced sender already keep, plus two counts from the database.

Every label is a kind or a type (reply/notice, an error's class name); never a chat, a person,
a name or a text. One registry per bot, so two bots in one process (the tests) do not mix."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from bot.latencies import Latencies
from bot.pipeline import PipelineStats
from bot.sender import SenderStats
from storage.backlog import inbox_backlog, outbox_depth
from storage.database import Database

log = logging.getLogger(__name__)

# Outbox kinds always shown, so a dashboard sees 0 rather than nothing.
OUTBOX_KINDS = ("reply", "notice")


class IntakeCounts(Protocol):
    """What an intake (long polling, the webhook server) counts: updates stored for handling,
    and those it could not read, by the error's type."""

    updates: int
    unreadable_by_error: dict[str, int]


class Scraped(Protocol):
    """Metrics a /metrics page renders."""

    async def scrape(self) -> bytes:
        """The Prometheus text exposition, fresh."""


def latency_family(latencies: Latencies, name: str, documentation: str) -> HistogramMetricFamily:
    """The handling times' buckets, cumulative, as Prometheus wants them."""
    buckets: list[tuple[str, float]] = []
    running = 0
    for bound, count in zip(latencies.bounds, latencies.counts, strict=False):
        running += count
        buckets.append((repr(float(bound)), float(running)))
    buckets.append(("+Inf", float(running + latencies.counts[-1])))
    return HistogramMetricFamily(name, documentation, buckets=buckets, sum_value=latencies.total)


class BotMetrics(Collector):
    """The bot's metrics; `scrape()` reads the database counts, then renders everything."""

    def __init__(
        self,
        db: Database,
        channel: str,
        pipeline: PipelineStats,
        sender: SenderStats,
        intake: Sequence[IntakeCounts] = (),
        leading: Callable[[], bool] | None = None,
    ) -> None:
        self.db = db
        self.channel = channel
        self.pipeline = pipeline
        self.sender = sender
        self.intake = list(intake)
        self.leading = leading
        self.inbox_backlog: int | None = None
        self.outbox_depth: dict[str, int] = {}
        self.database_up = False
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(self)

    def add_intake(self, counts: IntakeCounts) -> None:
        """Count another intake's updates (the webhook server's, beside or instead of polling)."""
        self.intake.append(counts)

    async def refresh(self) -> None:
        """Read the backlog and the outbox depth; on failure keep the last figures and say the
        database is down."""
        try:
            async with self.db.read() as session:
                self.inbox_backlog = await inbox_backlog(session, self.channel)
                self.outbox_depth = await outbox_depth(session, self.channel)
        except Exception as error:
            self.database_up = False
            log.warning("metrics: the database could not be read (%s)", type(error).__name__)
            return
        self.database_up = True

    async def scrape(self) -> bytes:
        """The Prometheus text exposition, fresh."""
        await self.refresh()
        return generate_latest(self.registry)

    def collect(self) -> Iterable[Metric]:
        received = CounterMetricFamily(
            "antt_updates_received", "Updates stored in the inbox for handling"
        )
        received.add_metric([], sum(counts.updates for counts in self.intake))
        yield received
        handled = CounterMetricFamily(
            "antt_updates_handled", "Updates handled (their replies sent or given up)"
        )
        handled.add_metric([], self.pipeline.handled)
        yield handled
        empty = CounterMetricFamily(
            "antt_empty_claims",
            "Claims of a chat's next update that took none (another process held the chat)",
        )
        empty.add_metric([], self.pipeline.empty_claims)
        yield empty
        yield latency_family(
            self.pipeline.latencies,
            "antt_update_handling_seconds",
            "From an update's receipt to its last reply",
        )
        yield from self._waiting()
        yield from self._delivery()
        yield self._errors()
        if self.leading is not None:
            leader = GaugeMetricFamily(
                "antt_scheduler_leader", "1 while this process plans reminders and digests"
            )
            leader.add_metric([], 1.0 if self.leading() else 0.0)
            yield leader

    def _waiting(self) -> Iterable[Metric]:
        up = GaugeMetricFamily("antt_database_up", "1 when the last scrape could read the database")
        up.add_metric([], 1.0 if self.database_up else 0.0)
        yield up
        if self.inbox_backlog is not None:
            backlog = GaugeMetricFamily(
                "antt_inbox_backlog", "Updates stored and not handled yet (read at scrape)"
            )
            backlog.add_metric([], self.inbox_backlog)
            yield backlog
        depth = GaugeMetricFamily(
            "antt_outbox_depth", "Messages owed, by kind (read at scrape)", labels=["kind"]
        )
        for kind in sorted(set(OUTBOX_KINDS) | set(self.outbox_depth)):
            depth.add_metric([kind], self.outbox_depth.get(kind, 0))
        yield depth

    def _delivery(self) -> Iterable[Metric]:
        by = ["kind"]
        sent = CounterMetricFamily("antt_messages_sent", "Messages Telegram accepted", labels=by)
        limited = CounterMetricFamily(
            "antt_rate_limited", "Sends refused with 429 (flood control), waited out", labels=by
        )
        retries = CounterMetricFamily(
            "antt_send_retries", "Sends tried again after a network error or 5xx", labels=by
        )
        waits = CounterMetricFamily(
            "antt_retry_wait_seconds", "Time spent waiting before trying a send again", labels=by
        )
        for kind, counts in (("reply", self.pipeline), ("notice", self.sender)):
            sent.add_metric([kind], counts.sent)
            limited.add_metric([kind], counts.rate_limited)
            retries.add_metric([kind], counts.retried)
            waits.add_metric([kind], counts.waited)
        yield from (sent, limited, retries, waits)

    def _errors(self) -> Metric:
        errors = CounterMetricFamily(
            "antt_errors",
            "Failures by where they happened and the error's type (never its text)",
            labels=["where", "type"],
        )
        found: dict[tuple[str, str], int] = {}

        def add(where: str, kind: str, count: int) -> None:
            found[where, kind] = found.get((where, kind), 0) + count

        for counts in self.intake:
            for kind, count in counts.unreadable_by_error.items():
                add("intake", kind, count)
        for key, count in self.pipeline.errors.items():
            where, _, kind = key.partition(":")
            add(where, kind, count)
        add("reply", "given_up", self.pipeline.given_up)
        add("notice", "blocked", self.sender.blocked)
        add("notice", "given_up", self.sender.failed)
        add("notice", "deferred", self.sender.deferred)
        for (where, kind), count in sorted(found.items()):
            errors.add_metric([where, kind], count)
        return errors


class SchedulerMetrics(Collector):
    """`antt-bot scheduler` alone: whether it leads (one process plans reminders and digests)."""

    def __init__(self, leading: Callable[[], bool]) -> None:
        self.leading = leading
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(self)

    async def scrape(self) -> bytes:
        return generate_latest(self.registry)

    def collect(self) -> Iterable[Metric]:
        leader = GaugeMetricFamily(
            "antt_scheduler_leader", "1 while this process plans reminders and digests"
        )
        leader.add_metric([], 1.0 if self.leading() else 0.0)
        yield leader
