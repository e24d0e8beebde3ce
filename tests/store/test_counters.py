"""Rate limits shared through a PostgreSQL store (palabre.store.counters): what two servers
spend together, and what a refusal costs."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from palabre.server.limits import SharedLimits
from palabre.store import Store
from palabre.store.counters import SharedBuckets

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_servers(postgres_url):
    """Two stores on one database, as two palabre processes would open it."""
    first, second = Store.open(postgres_url), Store.open(postgres_url)
    yield first, second
    first.close()
    second.close()


def test_two_servers_spend_one_budget(two_servers):
    a, b = (SharedLimits(SharedBuckets(s.engine), device_per_min=6, session_per_min=1000)
            for s in two_servers)
    waits = [(a if n % 2 else b).check("ROOMA", "phone-1") for n in range(8)]
    assert waits[:6] == [0] * 6
    assert all(w >= 1 for w in waits[6:])  # the 7th and 8th, through either server
    assert a.check("ROOMA", "phone-2") == 0  # another phone has its own budget
    assert b.check("ROOMB", "phone-1") == 0  # and the same phone in another room


def test_a_refused_request_costs_the_other_buckets_nothing(two_servers):
    store = two_servers[0]
    limits = SharedLimits(SharedBuckets(store.engine), device_per_min=100, session_per_min=3)
    assert [limits.check("ROOMA", f"phone-{n}") for n in range(3)] == [0, 0, 0]
    assert limits.check("ROOMA", "phone-9") >= 1  # the room's budget is spent
    with store.engine.connect() as conn:
        left = conn.execute(sa.text("SELECT tokens FROM rate_buckets WHERE key = :k"),
                            {"k": "device:ROOMA:phone-9"}).scalar()
    assert left == pytest.approx(100, abs=0.01)  # its own token was handed back


def test_the_wait_says_when_a_token_comes_back(two_servers):
    limits = SharedLimits(SharedBuckets(two_servers[0].engine), device_per_min=2,
                          session_per_min=0)
    assert limits.check("ROOMA", "phone-1") == limits.check("ROOMA", "phone-1") == 0
    assert 25 <= limits.check("ROOMA", "phone-1") <= 30  # one token every 30 s


def test_concurrent_requests_through_two_servers_never_overspend(two_servers):
    buckets = [SharedBuckets(s.engine) for s in two_servers]
    granted = []

    def send(bucket: SharedBuckets) -> None:
        for _ in range(40):
            granted.append(bucket.take_all([("device:ROOMA:p", 30), ("session:ROOMA", 600)]))

    threads = [threading.Thread(target=send, args=(b,)) for b in buckets * 2]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refilled = (time.monotonic() - started) * 30 / 60
    assert len(granted) == 160
    assert 30 <= granted.count(0) <= 30 + refilled + 1  # 30, and what refilled meanwhile
