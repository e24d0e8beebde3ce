"""Two servers writing one workshop on a shared PostgreSQL store: every answer stored, each
with its own number (they take turns per workshop, palabre.store.Store._take_turns)."""

from __future__ import annotations

import threading

import pytest
from palabre.exercises import load_formats

from palabre.store import Store

pytestmark = pytest.mark.postgres


def test_two_servers_batching_answers_of_one_room_number_them_all(postgres_url):
    stores = [Store.open(postgres_url), Store.open(postgres_url)]
    session = stores[0].create_session(load_formats()["reverse-brainstorm"], title="Atelier")
    people = [stores[0].join(session, f"phone-{n}") for n in range(40)]
    failures: list = []

    def server(store: Store, side: int) -> None:
        for batch in range(4):  # four group commits of 150 answers each, as in a burst
            answers = [{"session": session, "participant": people[(n + side) % 40],
                        "phase_id": "worsen", "kind": "ideas", "body": {"text": "x"},
                        "text": f"{side}-{batch}-{n}", "key": f"{side}-{batch}-{n}"}
                       for n in range(150)]
            failures.extend(r for r in store.contribute_many(answers)
                            if isinstance(r, Exception))

    threads = [threading.Thread(target=server, args=(s, i)) for i, s in enumerate(stores * 2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rows = stores[0].contributions(session)
    finally:
        for store in stores:
            store.close()
    assert failures == []
    assert len(rows) == 2400
    assert sorted(r.number for r in rows) == list(range(1, 2401))
