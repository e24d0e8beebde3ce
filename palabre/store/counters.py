"""Token buckets in the store, for the servers that share one PostgreSQL database.

Each server used to count in its own memory, so a phone answering through two servers had
twice its budget. Here a request's buckets (its phone's and its room's, say) are spent in one
statement: a multi-row upsert that refills each bucket from the database's clock and takes a
token only where one is left. When one of them refuses, the tokens the others gave are handed
back, so a refused request costs no one anything, as in memory. Buckets refilled a minute
after their last use hold nothing worth keeping and are deleted once a minute.
"""

from __future__ import annotations

import math
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .schema import rate_buckets

PRUNE_S = 60.0  # every bucket refills in a minute: one untouched for that long is full

# The bucket of each key as VALUES (key, capacity - 1, now): a new one starts full and takes
# one; a known one refills at capacity per minute (EXCLUDED carries the capacity) and takes
# one only when it has one. RETURNING names the buckets that granted.
_TAKE = """
INSERT INTO rate_buckets AS b (key, tokens, updated)
SELECT key, capacity - 1, extract(epoch FROM clock_timestamp())
FROM unnest(CAST(:keys AS text[]), CAST(:capacities AS float8[])) AS asked(key, capacity)
ORDER BY key
ON CONFLICT (key) DO UPDATE
SET tokens = LEAST(EXCLUDED.tokens + 1,
                   b.tokens + (EXCLUDED.updated - b.updated) * (EXCLUDED.tokens + 1) / 60.0) - 1,
    updated = EXCLUDED.updated
WHERE LEAST(EXCLUDED.tokens + 1,
            b.tokens + (EXCLUDED.updated - b.updated) * (EXCLUDED.tokens + 1) / 60.0) >= 1
RETURNING key
"""

_GIVE_BACK = "UPDATE rate_buckets SET tokens = tokens + 1 WHERE key = ANY(CAST(:keys AS text[]))"

_LEVELS = """
SELECT key, tokens, extract(epoch FROM clock_timestamp()) - updated AS elapsed
FROM rate_buckets WHERE key = ANY(CAST(:keys AS text[]))
"""


class SharedBuckets:
    """Buckets of `per_min` requests refilling over a minute, kept in `rate_buckets`."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._pruned = time.monotonic()

    def take_all(self, asked: list[tuple[str, int]]) -> int:
        """0 when every (key, per_min) bucket had a token (each is spent), else the whole
        seconds until all of them will have one (nothing spent)."""
        asked = [(key, per_min) for key, per_min in asked if per_min > 0]
        if not asked:
            return 0
        capacity = dict(asked)
        keys = sorted(capacity)  # every request locks its rows in one order: no deadlock
        with self.engine.begin() as conn:
            granted = set(conn.execute(sa.text(_TAKE), {
                "keys": keys, "capacities": [float(capacity[k]) for k in keys]}).scalars())
            refused = [k for k in keys if k not in granted]
            if refused:
                if granted:
                    conn.execute(sa.text(_GIVE_BACK), {"keys": sorted(granted)})
                levels = conn.execute(sa.text(_LEVELS), {"keys": refused}).all()
        self._prune_now_and_then()
        if not refused:
            return 0
        wait = 0.0
        for key, tokens, elapsed in levels:
            per_second = capacity[key] / 60
            now = min(capacity[key], tokens + elapsed * per_second)
            wait = max(wait, (1 - now) / per_second)
        return max(1, math.ceil(wait))

    def _prune_now_and_then(self) -> None:
        now = time.monotonic()
        if now - self._pruned < PRUNE_S:
            return
        self._pruned = now
        with self.engine.begin() as conn:
            conn.execute(rate_buckets.delete().where(
                rate_buckets.c.updated < sa.func.extract("epoch", sa.func.clock_timestamp())
                - PRUNE_S))
