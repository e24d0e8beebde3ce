"""A PostgreSQL store tells each server which session moved (migration 0009's trigger, LISTEN
in palabre.server.live): a change made by another process is seen at once, with no polling."""

from __future__ import annotations

import asyncio
import time

import pytest
from palabre.exercises import load_formats

from palabre.server import live
from palabre.store import Store

pytestmark = pytest.mark.postgres


def test_a_change_by_another_process_is_told_without_polling(postgres_url, monkeypatch):
    # No poll within the test's time: only the store's notice can bring the change.
    monkeypatch.setattr(live, "CHECK_S", 60.0)
    monkeypatch.setattr(live, "SAFETY_S", 60.0)
    here, elsewhere = Store.open(postgres_url), Store.open(postgres_url)
    session = elsewhere.create_session(load_formats()["reverse-brainstorm"], title="Atelier")

    async def follow() -> tuple[int, float]:
        watches = live.Watches(here)
        watch = watches.listen(session.code)
        seen = watch.version
        deadline = time.monotonic() + 10
        while not watches.told.up:  # the LISTEN connection is open
            assert time.monotonic() < deadline, "no LISTEN connection"
            await asyncio.sleep(0.01)
        moved = time.monotonic()
        await asyncio.to_thread(elsewhere.update_state, session.code,
                                lambda s: s.state.advance(s.exercise))
        assert await live.next_change(watch, seen, 5.0)
        took = time.monotonic() - moved
        watches.leave(watch)
        watches.told.task.cancel()
        watch.task.cancel()
        return watch.version, took

    try:
        version, took = asyncio.run(follow())
    finally:
        here.close()
        elsewhere.close()
    assert version == session.version + 1
    assert took < 1.0, f"{took:.2f} s"
