"""Token buckets in memory: one per phone for answers, one per session for all its requests,
one per network address and per kiosk for the identities they create.

A request counts only when it is accepted: a phone asked to wait spends nothing, so one device
sending back-to-back exhausts its own bucket, never the session's the other phones share.
On SQLite a store has one server, so memory is the right place (a restart forgives
everybody); the servers of one PostgreSQL store share their buckets through it (SharedLimits).
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

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0: now), taking nothing."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.per_second

    def take(self, now: float) -> float:
        """Take one token; return 0 when granted, else the seconds until one is available."""
        wait = self.wait(now)
        if not wait:
            self.tokens -= 1
        return wait


@dataclass
class Limiter:
    """Buckets by key, each holding `per_min` requests and refilling over a minute."""

    per_min: int
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 50_000
    buckets: dict[str, Bucket] = field(default_factory=dict)

    def retry_after(self, key: str) -> int:
        """0 when the request may go on (its token is taken), else whole seconds to wait."""
        wait = self.wait(key)
        if not wait:
            self.take(key)
        return wait

    def wait(self, key: str) -> int:
        """Whole seconds to wait before this key may go on (0: now), taking nothing."""
        if self.per_min <= 0:
            return 0
        bucket = self.buckets.get(key)
        if bucket is None:
            return 0
        wait = bucket.wait(self.clock())
        return 0 if wait <= 0 else max(1, math.ceil(wait))

    def take(self, key: str) -> None:
        """Spend one token of this key (a request accepted)."""
        if self.per_min <= 0:
            return
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= self.max_keys:
                self._forget_full(now)
            bucket = self.buckets[key] = Bucket(self.per_min, self.per_min / 60, self.per_min,
                                                now)
        bucket.take(now)

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled: they hold no memory worth keeping."""
        for key in [k for k, b in self.buckets.items()
                    if b.tokens + (now - b.updated) * b.per_second >= b.capacity]:
            del self.buckets[key]


class RateLimits:
    """The limits of the settings `device_rate`, `session_rate` and `identity_rate`."""

    def __init__(self, device_per_min: int, session_per_min: int,
                 clock: Callable[[], float] = time.monotonic, identity_per_min: int = 0,
                 kiosk_per_min: int = 0):
        self.device = Limiter(device_per_min, clock)
        self.session = Limiter(session_per_min, clock)
        self.address = Limiter(identity_per_min, clock)
        self.kiosk = Limiter(kiosk_per_min, clock)
        self.clock = clock
        self._logged: dict[str, int] = {}

    def _all(self, pairs: list[tuple[Limiter, str]]) -> int:
        """0 and every bucket spent when all of them grant, else the longest wait (nothing
        spent): a refused request costs no one anything."""
        wait = max((limiter.wait(key) for limiter, key in pairs), default=0)
        if not wait:
            for limiter, key in pairs:
                limiter.take(key)
        return wait

    def check(self, code: str, device: str | None = None, address: str | None = None) -> int:
        """A request of a session, and of one phone when known; a sender with no device yet
        (a phone joining, a kiosk's next person) is bounded by its network address at the
        `identity_rate`, as the people it brings in are."""
        pairs = [(self.session, code)]
        if device:
            pairs.insert(0, (self.device, f"{code}:{device}"))
        elif address:
            pairs.insert(0, (self.address, f"{code}:{address}"))
        return self._all(pairs)

    def check_session(self, code: str) -> int:
        return self.check(code)

    def check_device(self, code: str, device: str) -> int:
        return self._all([(self.device, f"{code}:{device}")])

    def check_identity(self, address: str, kiosk: str | None = None) -> int:
        """A new participant, from one network address (and one kiosk tablet, when it is one):
        a phone joins once; a kiosk hands over to a person every few seconds at most."""
        pairs = [(self.address, address)]
        if kiosk:
            pairs.append((self.kiosk, kiosk))
        return self._all(pairs)

    def first_refusal(self, who: str) -> bool:
        """Whether a refusal of `who` is the first of this minute: only that one is logged, so
        a flood writes a line a minute to the facilitator's terminal, not hundreds a second."""
        minute = int(self.clock() // 60)
        if self._logged.get(who) == minute:
            return False
        if len(self._logged) >= 10_000:
            self._logged = {k: m for k, m in self._logged.items() if m == minute}
        self._logged[who] = minute
        return True


class SharedLimits(RateLimits):
    """The same limits, counted in the store (palabre.store.counters) so that every server of
    one PostgreSQL store spends the same buckets: a phone answering through two servers has
    one budget, not two. Only the log of first refusals stays per process."""

    def __init__(self, buckets, device_per_min: int, session_per_min: int,
                 identity_per_min: int = 0, kiosk_per_min: int = 0):
        super().__init__(device_per_min, session_per_min, identity_per_min=identity_per_min,
                         kiosk_per_min=kiosk_per_min)
        self.buckets = buckets
        self._names = {id(self.device): "device", id(self.session): "session",
                       id(self.address): "address", id(self.kiosk): "kiosk"}

    def _all(self, pairs: list[tuple[Limiter, str]]) -> int:
        return self.buckets.take_all([(f"{self._names[id(limiter)]}:{key}", limiter.per_min)
                                      for limiter, key in pairs])
