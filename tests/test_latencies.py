"""A bot that runs for months keeps its handling times in bounded memory: every one counted in
the histogram /metrics shows, and a fixed-size sample for the benchmarks' percentiles."""

from __future__ import annotations

from bot.latencies import Latencies


def test_a_million_handling_times_keep_every_count_and_a_bounded_sample() -> None:
    latencies = Latencies(keep=1000)
    for number in range(1_000_000):
        latencies.record(0.005 if number % 100 else 0.4)  # 1% slow
    assert len(latencies) == 1_000_000
    assert sum(latencies.counts) == 1_000_000
    assert latencies.counts[0] == 990_000  # ≤ 10 ms
    assert latencies.counts[latencies.bounds.index(0.5)] == 10_000  # 0.3 s < t ≤ 0.5 s
    assert len(latencies.sample) == 1000
    slow = sum(1 for seconds in latencies.sample if seconds > 0.3)
    assert 2 <= slow <= 25  # ~1% of the sample, as of all of them
    assert abs(latencies.total - (990_000 * 0.005 + 10_000 * 0.4)) < 1e-3


def test_a_benchmark_starts_from_nothing() -> None:
    latencies = Latencies(keep=10)
    for _ in range(50):
        latencies.record(0.1)
    latencies.clear()
    latencies.record(0.2)
    assert (len(latencies), latencies.sample, sum(latencies.counts)) == (1, [0.2], 1)
