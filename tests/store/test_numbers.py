"""Answer numbers: short, per workshop, taken once, even with several writers at a time.

Store ids count across every workshop a store held; people read and type the number instead
(on the wall, on paper, in assisted entry, in the exports)."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from palabre.exercises import builtin_formats

from palabre.store import Store
from palabre.store.store import create_engine

FORMAT = builtin_formats()["reverse-brainstorm"]


def answers(store: Store, session, count: int, prefix: str = "k") -> list:
    person = store.join(session, f"device-{prefix}")
    done = store.contribute_many([
        {"session": session, "participant": person, "phase_id": "worsen", "kind": "ideas",
         "body": {"text": f"Idée {n}"}, "text": f"Idée {n}", "key": f"{prefix}-{n:06d}"}
        for n in range(count)])
    return [row for row, _created in done]


def test_numbers_start_at_one_in_every_workshop_and_stay_put(any_store):
    earlier = [any_store.create_session(FORMAT, title=f"Atelier {i}") for i in range(3)]
    for session in earlier:
        answers(any_store, session, 400)  # store ids now pass 1,200
    session = any_store.create_session(FORMAT, title="Atelier du jour")
    rows = answers(any_store, session, 5)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert min(r.id for r in rows) > 1200
    any_store.set_hidden(session, rows[1].id, True)  # hidden: its number is not given again
    (later, _created) = any_store.contribute(
        session, participant=None, phase_id="worsen", kind="ideas", body={"text": "Après"},
        text="Après", key="after-0001")
    assert later.number == 6
    assert any_store.contribution_by_number(session, 6).text == "Après"
    assert any_store.contribution_by_number(session, 2).hidden
    assert any_store.contribution_by_number(earlier[0], 6).text == "Idée 5"
    # A replay returns the first answer and its number, and takes none.
    (replayed, created) = any_store.contribute(
        session, participant=None, phase_id="worsen", kind="ideas", body={"text": "Après"},
        text="Après", key="after-0001")
    assert not created and replayed.number == 6
    assert [c.number for c in any_store.contributions(session, include_hidden=True)] == \
        [1, 2, 3, 4, 5, 6]


def test_writers_at_the_same_time_never_share_a_number(any_store):
    """Four threads, each with its own batches, into one workshop: on PostgreSQL two
    transactions may pick the same next number, and the unique index sends one round again."""
    session = any_store.create_session(FORMAT, title="Salle comble")
    start = threading.Barrier(4)
    errors = []

    def write(prefix: str) -> None:
        try:
            start.wait()
            for batch in range(5):
                answers(any_store, session, 10, prefix=f"{prefix}{batch}")
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in "abcd"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = [c.number for c in any_store.contributions(session)]
    assert sorted(numbers) == list(range(1, 201))


def test_answers_stored_before_numbers_are_numbered_in_the_order_they_came(sqlite_url):
    """A store made before numbers existed (revision 0004) is numbered per workshop, in the
    order its answers arrived, when it is opened; no workshop loses a row on the way."""
    engine = create_engine(sqlite_url)
    config = Config()
    config.set_main_option("script_location", "palabre.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    now = "2026-11-24 10:00:00"
    with engine.begin() as conn:
        for sid, code in ((1, "AAAAA"), (2, "CCCCC")):
            conn.execute(sa.text(
                "INSERT INTO sessions (id, code, exercise_id, exercise, title, place, "
                "facilitator, lang, state, version, created_at, updated_at) VALUES "
                "(:id, :code, 'reverse-brainstorm', :exercise, 'T', '', '', 'fr', '{}', 0, "
                ":now, :now)"), {"id": sid, "code": code, "exercise": "{}", "now": now})
        for n, sid in enumerate((1, 2, 1, 1, 2), 1):  # two workshops, interleaved
            conn.execute(sa.text(
                "INSERT INTO contributions (id, session_id, phase_id, kind, body, text, "
                "channel, idempotency_key, hidden, created_at) VALUES (:id, :sid, 'worsen', "
                "'ideas', '{}', :text, 'phone', :key, 0, :now)"),
                {"id": 100 + n, "sid": sid, "text": f"r{n}", "key": f"key-{n}", "now": now})
        conn.execute(sa.text(
            "INSERT INTO participants (id, session_id, device_key, channel, created_at) "
            "VALUES (7, 1, 'device-7', 'phone', :now)"), {"now": now})
        conn.execute(sa.text(
            "INSERT INTO boards (session_id, name, data, version, updated_at) VALUES "
            "(1, 'themes:worsen', '{}', 1, :now)"), {"now": now})
    engine.dispose()
    # Every migration after it runs, some of them copying a table: nothing is lost.
    store = Store.open(sqlite_url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT session_id, id, number FROM contributions ORDER BY id")).all()
        kept = [conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("sessions", "participants", "boards")]
        checked = conn.execute(sa.text("PRAGMA foreign_keys")).scalar()
    store.close()
    assert [tuple(r) for r in rows] == [(1, 101, 1), (2, 102, 1), (1, 103, 2), (1, 104, 3),
                                        (2, 105, 2)]
    assert kept == [2, 1, 1]
    assert checked == 1  # foreign keys are enforced again once the migrations are done
