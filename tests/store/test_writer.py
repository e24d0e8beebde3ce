"""Group commit: a burst of answers shares commits; each is acknowledged after its commit."""

from __future__ import annotations

import asyncio

import pytest
from palabre.exercises import builtin_formats

from palabre.answers import Refused, submit_grouped
from palabre.store.writer import GroupCommit


@pytest.fixture
def room(any_store):
    session = any_store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    phones = [any_store.join(session, f"device-{i}") for i in range(60)]
    writer = GroupCommit(any_store)
    yield any_store, session, phones, writer
    writer.close()


def test_a_burst_is_stored_once_in_far_fewer_commits(room):
    store, session, phones, writer = room

    async def burst():
        return await asyncio.gather(*(
            submit_grouped(writer, session, phone, {"text": f"Idée {i}"}, f"key-burst-{i:04}")
            for i, phone in enumerate(phones)))

    results = asyncio.run(burst())
    assert all(created for _row, created in results)
    stored = store.contributions(session)
    assert sorted(c.text for c in stored) == sorted(f"Idée {i}" for i in range(60))
    assert {row.id for row, _ in results} == {c.id for c in stored}
    assert writer.written == 60 and writer.batches < 60


def test_replays_and_conflicts_fail_alone_in_a_batch(room):
    store, session, phones, writer = room

    async def mixed():
        first = await submit_grouped(writer, session, phones[0], {"text": "a"}, "key-mixed-01")
        return first, await asyncio.gather(
            submit_grouped(writer, session, phones[0], {"text": "a"}, "key-mixed-01"),
            submit_grouped(writer, session, phones[1], {"text": "b"}, "key-mixed-01"),
            submit_grouped(writer, session, phones[2], {"text": "c"}, "key-mixed-03"),
            return_exceptions=True)

    (first, _), (replay, conflict, other) = asyncio.run(mixed())
    assert replay == (first, False)
    assert isinstance(conflict, Refused) and conflict.code == "bad_key"
    assert other[1] is True and other[0].text == "c"
    assert sorted(c.text for c in store.contributions(session)) == ["a", "c"]


def test_a_refusal_never_reaches_the_writer(room):
    store, session, phones, writer = room
    with pytest.raises(Refused):
        asyncio.run(submit_grouped(writer, session, phones[0], {"text": ""}, "key-empty-01"))
    assert writer.written == 0 and store.contributions(session) == []
