"""Token buckets in memory: one per phone for answers, one per session for all its requests.

A room is one process, so memory is the right place; a restart forgives everybody.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Take one token; return 0 when granted, else the seconds until one is available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


@dataclass
class Limiter:
    """Buckets by key, each holding `per_min` requests and refilling over a minute."""

    per_min: int
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 50_000
    buckets: dict[str, Bucket] = field(default_factory=dict)

    def retry_after(self, key: str) -> int:
        """0 when the request may go on, else whole seconds to wait (for Retry-After)."""
        if self.per_min <= 0:
            return 0
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= self.max_keys:
                self._forget_full(now)
            bucket = self.buckets[key] = Bucket(self.per_min, self.per_min / 60, self.per_min,
                                                now)
        wait = bucket.take(now)
        return 0 if wait <= 0 else max(1, math.ceil(wait))

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled: they hold no memory worth keeping."""
        for key in [k for k, b in self.buckets.items()
                    if b.tokens + (now - b.updated) * b.per_second >= b.capacity]:
            del self.buckets[key]


class RateLimits:
    """The two limits of the settings `device_rate` and `session_rate`."""

    def __init__(self, device_per_min: int, session_per_min: int,
                 clock: Callable[[], float] = time.monotonic):
        self.device = Limiter(device_per_min, clock)
        self.session = Limiter(session_per_min, clock)

    def check_session(self, code: str) -> int:
        return self.session.retry_after(code)

    def check_device(self, code: str, device: str) -> int:
        return self.device.retry_after(f"{code}:{device}")
