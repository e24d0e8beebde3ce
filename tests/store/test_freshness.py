"""The reads every request repeats are kept while nothing changed, and never outlive a change
made by anyone: this server, another connection, or another process (a dashboard's kernel)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa
from palabre.exercises import builtin_formats

from palabre.store import Store


@pytest.fixture
def two_stores(any_store):
    """The server's store and a second one on the same database, as a kernel opens it."""
    other = Store.open(any_store.engine.url.render_as_string(hide_password=False))
    yield any_store, other
    other.close()


def test_what_another_store_changes_is_read_at_once(two_stores):
    server, kernel = two_stores
    session = server.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    phone = server.join(session, "device-1", role="usager")
    assert server.session(session.code).phase.id == "worsen"
    assert server.participant(session, "device-1").table is None
    before = server.phase_mark(session, "worsen")

    kernel.update_state(session.code, lambda s: s.state.advance(s.exercise))
    kernel.join(session, "device-1", table="Table 3")
    kernel.contribute(session, participant=phone, phase_id="worsen", kind="ideas",
                      body={"text": "x"}, text="x", key="key-kernel-01")

    assert server.session(session.code).phase.id != "worsen"
    assert server.participant(session, "device-1").table == "Table 3"
    assert server.phase_mark(session, "worsen") > before
    assert server.participant(session, "device-2") is None
    kernel.join(session, "device-2")
    assert server.participant(session, "device-2") is not None

    seating = server.board(session, "seating")
    seating["mine"] = True  # a caller's copy: what the next one reads is the store's
    assert "mine" not in server.board(session, "seating")
    kernel.update_board(session, "seating", lambda b: {**b, "tables": [1, 2]})
    assert server.board(session, "seating")["tables"] == [1, 2]


def test_reads_repeated_while_nothing_changed_cost_no_query(sqlite_url):
    store = Store.open(sqlite_url)
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    store.join(session, "device-1")
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2]))

    def read_all():
        store.session(session.code)
        store.participant(session, "device-1")
        store.phase_mark(session, "worsen")
        store.board(session, "seating")

    read_all()
    assert statements  # the first reads went to the store
    first = len(statements)
    read_all()
    read_all()
    assert len(statements) == first

    # Another process commits (raw SQLite, nothing of palabre): the next read sees it.
    path = sa.engine.make_url(sqlite_url).database
    subprocess.run([sys.executable, "-c", (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute(\"UPDATE sessions SET title = 'Renommé'\"); c.commit()"), path], check=True)
    assert store.session(session.code).title == "Renommé"

    # A commit on one of the store's own connections (the group commit's) is seen too.
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE sessions SET title = 'Encore'")
    assert store.session(session.code).title == "Encore"
    store.close()
