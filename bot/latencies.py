"""Handling times kept in bounded memory: every one counted in histogram buckets (what /metrics
renders), and a uniform random sample of at most `keep` of them (what the benchmarks read
percentiles from). A bot that runs for months holds the same few kilobytes as one that just
started."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence

# Seconds from an update's receipt to its last reply; the bound is 300 ms at p99.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
KEEP = 10_000


class Latencies:
    """Counts per bucket (the last one above every bound), their sum, and a reservoir sample."""

    def __init__(self, keep: int = KEEP, bounds: Sequence[float] = LATENCY_BUCKETS) -> None:
        self.keep = keep
        self.bounds = tuple(bounds)
        self.counts = [0] * (len(self.bounds) + 1)
        self.total = 0.0
        self.count = 0
        self.sample: list[float] = []
        self._random = random.Random(16)  # a sample, not a secret

    def record(self, seconds: float) -> None:
        self.counts[bisect.bisect_left(self.bounds, seconds)] += 1
        self.total += seconds
        self.count += 1
        if len(self.sample) < self.keep:
            self.sample.append(seconds)
        else:  # Algorithm R: each of the `count` so far is kept with the same chance
            slot = self._random.randrange(self.count)
            if slot < self.keep:
                self.sample[slot] = seconds

    def clear(self) -> None:
        """Forget everything (a benchmark measuring from now on)."""
        self.counts = [0] * (len(self.bounds) + 1)
        self.total = 0.0
        self.count = 0
        self.sample = []

    def __len__(self) -> int:
        return self.count
