"""The store on a real SQLite file and a real PostgreSQL server: what is acknowledged stays."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest
from palabre.exercises import builtin_formats

from palabre.store import KeyConflict, Store


@pytest.fixture
def session(any_store):
    return any_store.create_session(builtin_formats()["reverse-brainstorm"], title="Atelier Rennes",
                                    place="Rennes", held_on="2026-11-24", forum="Bretagne")


def test_a_new_session_starts_on_the_first_phase_with_answers_open(any_store, session):
    reopened = any_store.session(session.code)
    assert reopened.phase.id == "worsen"
    assert reopened.state.accepting and not reopened.state.revealed
    assert reopened.exercise.question.fr == "Comment être plus proche de ses usagers ?"
    assert reopened.title == "Atelier Rennes"


def test_codes_are_unique_and_readable(any_store):
    exercise = builtin_formats()["personas"]
    made = {any_store.create_session(exercise, title=str(i)).code for i in range(30)}
    assert len(made) == 30
    assert all(len(code) == 5 and not set(code) & set("0O1IL2Z5S8B") for code in made)


def test_a_replayed_key_returns_the_first_answer_and_stores_nothing(any_store, session):
    phone = any_store.join(session, "device-1", role="usager")
    first, created = any_store.contribute(session, participant=phone, phase_id="worsen",
                                          kind="ideas", body={"text": "Fermer le guichet"},
                                          text="Fermer le guichet", key="key-00000001")
    again, created_again = any_store.contribute(session, participant=phone, phase_id="worsen",
                                                kind="ideas", body={"text": "autre"},
                                                text="autre", key="key-00000001")
    assert created and not created_again
    assert again.id == first.id and again.text == "Fermer le guichet"
    assert len(any_store.contributions(session)) == 1


def test_a_key_of_another_participant_is_refused(any_store, session):
    one = any_store.join(session, "device-1")
    two = any_store.join(session, "device-2")
    any_store.contribute(session, participant=one, phase_id="worsen", kind="ideas",
                         body={"text": "a"}, text="a", key="shared-key-1")
    with pytest.raises(KeyConflict):
        any_store.contribute(session, participant=two, phase_id="worsen", kind="ideas",
                             body={"text": "b"}, text="b", key="shared-key-1")


def test_one_device_is_one_participant_and_joining_again_updates_the_profile(any_store,
                                                                            session):
    first = any_store.join(session, "device-1")
    again = any_store.join(session, "device-1", role="agent", table="Table 3")
    assert first.id == again.id
    assert (again.role, again.table) == ("agent", "Table 3")
    assert len(any_store.participants(session)) == 1


def test_state_changes_persist_and_bump_the_watermark(any_store, session):
    before = any_store.watermark(session)
    moved = any_store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    assert moved.phase.id == "flip"
    after = any_store.watermark(session)
    assert after.version == before.version + 1
    assert any_store.session(session.code).phase.id == "flip"


def test_concurrent_state_changes_are_none_lost(any_store, session):
    def add_minutes():
        for _ in range(5):
            any_store.update_state(session.code, lambda s: s.state.add_minute())

    threads = [threading.Thread(target=add_minutes) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert any_store.session(session.code).state.timer_extra_s == 20 * 60


def test_hidden_answers_stay_in_the_raw_data_flagged(any_store, session):
    phone = any_store.join(session, "device-1")
    kept, _ = any_store.contribute(session, participant=phone, phase_id="worsen", kind="ideas",
                                   body={"text": "a"}, text="a", key="key-kept-01")
    gone, _ = any_store.contribute(session, participant=phone, phase_id="worsen", kind="ideas",
                                   body={"text": "b"}, text="b", key="key-gone-01")
    any_store.set_hidden(session, gone.id, True)
    assert [c.id for c in any_store.contributions(session)] == [kept.id]
    raw = any_store.contributions(session, include_hidden=True)
    assert [(c.id, c.hidden) for c in raw] == [(kept.id, False), (gone.id, True)]
    assert any_store.sessions()[0].answers == 1


def test_the_watermark_sees_new_answers_and_people(any_store, session):
    mark = any_store.watermark(session)
    phone = any_store.join(session, "device-1")
    any_store.contribute(session, participant=phone, phase_id="worsen", kind="ideas",
                         body={"text": "a"}, text="a", key="key-mark-01")
    newer = any_store.watermark(session)
    assert newer.last_id > mark.last_id and newer.participants == mark.participants + 1


def test_sessions_are_listed_with_counts_and_filtered_by_forum(any_store, session):
    other = any_store.create_session(builtin_formats()["role-swap"], title="Ailleurs")
    any_store.join(session, "device-1")
    listed = {s.code: s for s in any_store.sessions()}
    assert listed[session.code].participants == 1 and listed[other.code].participants == 0
    assert [s.code for s in any_store.sessions(forum="Bretagne")] == [session.code]


def test_opening_twice_migrates_once(any_store):
    again = Store.open(any_store.engine.url.render_as_string(hide_password=False))
    assert again.sessions() == any_store.sessions()
    again.close()


def test_sqlite_runs_in_wal_with_full_sync(sqlite_url):
    store = Store.open(sqlite_url)
    with store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    store.close()
    assert (mode, sync) == ("wal", 2)


def test_an_acknowledged_answer_survives_a_killed_process(tmp_path):
    """The writer is killed right after its commit returns: the row is on disk."""
    url = f"sqlite:///{tmp_path / 'room.sqlite'}"
    store = Store.open(url)
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="T")
    store.close()
    script = (
        "import os, sys\n"
        "from palabre.store import Store\n"
        f"store = Store.open({url!r})\n"
        f"session = store.session({session.code!r})\n"
        "phone = store.join(session, 'device-kill')\n"
        "row, _ = store.contribute(session, participant=phone, phase_id='worsen',"
        " kind='ideas', body={'text': 'acquitté'}, text='acquitté', key='key-kill-001')\n"
        "print(row.id, flush=True)\n"
        "os._exit(9)\n"  # no close, no checkpoint, no atexit
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    acknowledged = int(done.stdout.split()[0])
    with sqlite3.connect(tmp_path / "room.sqlite") as raw:
        stored = raw.execute("SELECT text FROM contributions WHERE id = ?",
                             (acknowledged,)).fetchone()
    assert stored == ("acquitté",)


def test_a_corrected_typo_keeps_the_original_words(any_store, session):
    phone = any_store.join(session, "device-1")
    row, _ = any_store.contribute(session, participant=phone, phase_id="worsen", kind="ideas",
                                  body={"text": "Fermer le guichte"}, text="Fermer le guichte",
                                  key="key-typo-001")
    fixed = any_store.edit_text(session, row.id, "Fermer le guichet")
    assert fixed.text == "Fermer le guichet" and fixed.body["text"] == "Fermer le guichet"
    assert fixed.body["original_text"] == "Fermer le guichte"
    assert any_store.edit_text(session, row.id, "Fermer").body["original_text"] == \
        "Fermer le guichte"


def test_photos_are_stored_once_per_content(any_store, session):
    first = any_store.add_photo(session, b"\xff\xd8jpeg", width=2, height=1)
    again = any_store.add_photo(session, b"\xff\xd8jpeg", width=2, height=1)
    assert first == again
    assert any_store.photo(session, first) == (b"\xff\xd8jpeg", "image/jpeg")
    assert any_store.photo(session, first + 1) is None


def test_boards_keep_what_the_facilitator_arranged(any_store, session):
    assert any_store.board(session, "themes:solutions") == {}
    before = any_store.watermark(session).version
    any_store.update_board(session, "themes:solutions",
                           lambda b: {**b, "themes": [{"title": "Accueil", "items": [1, 2]}]})
    assert any_store.board(session, "themes:solutions")["themes"][0]["items"] == [1, 2]
    assert any_store.watermark(session).version == before + 1


def test_concurrent_board_changes_are_none_lost(any_store, session):
    def add(n):
        for i in range(5):
            any_store.update_board(session, "commitments",
                                   lambda b, i=i: {"items": [*b.get("items", []), f"{n}-{i}"]})

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(any_store.board(session, "commitments")["items"]) == 20


def test_kiosk_people_are_numbered_1_2_3_in_their_session_and_found_by_number(any_store,
                                                                             session):
    other = any_store.create_session(builtin_formats()["role-swap"], title="Ailleurs")
    first = any_store.join(session, "kiosk-a", channel="kiosk")
    phone = any_store.join(session, "phone-a")
    paper = any_store.join(session, "paper:Table 1:2", channel="paper")
    second = any_store.join(session, "kiosk-b", channel="kiosk", role="agent")
    elsewhere = any_store.join(other, "kiosk-c", channel="kiosk")
    assert (first.kiosk_number, second.kiosk_number, elsewhere.kiosk_number) == (1, 2, 1)
    assert phone.kiosk_number is None and paper.kiosk_number is None
    assert any_store.join(session, "kiosk-a", channel="kiosk", role="elu").kiosk_number == 1
    assert any_store.kiosk_participant(session, 2) == second
    assert any_store.kiosk_participant(session, 1).role == "elu"
    assert any_store.kiosk_participant(session, 3) is None
    assert any_store.kiosk_participant(other, 2) is None


def test_kiosks_starting_at_once_never_share_a_number(any_store, session):
    numbers, errors = [], []

    def start(n):
        try:
            for i in range(5):
                numbers.append(any_store.join(session, f"kiosk-{n}-{i}",
                                              channel="kiosk").kiosk_number)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 21))


def test_kiosk_people_stored_before_numbers_existed_are_numbered_by_arrival(sqlite_url):
    from alembic import command
    from alembic.config import Config

    from palabre.store.store import create_engine

    engine = create_engine(sqlite_url)
    config = Config()
    config.set_main_option("script_location", "palabre.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as connection:
        for session_id, code in ((1, "AAAAA"), (2, "CCCCC")):
            connection.exec_driver_sql(
                "INSERT INTO sessions (id, code, exercise_id, exercise, title, place, "
                "facilitator, lang, state, version, created_at, updated_at) VALUES "
                f"({session_id}, '{code}', 'x', '{{}}', 't', '', '', 'fr', '{{}}', 0, "
                "'2026-11-30', '2026-11-30')")
        for pid, session_id, channel in ((1, 1, "kiosk"), (2, 1, "phone"), (3, 2, "kiosk"),
                                         (4, 1, "kiosk"), (5, 1, "paper")):
            connection.exec_driver_sql(
                "INSERT INTO participants (id, session_id, device_key, channel, created_at) "
                f"VALUES ({pid}, {session_id}, 'd{pid}', '{channel}', '2026-11-30')")
    engine.dispose()
    store = Store.open(sqlite_url)
    with store.engine.connect() as conn:
        numbers = conn.exec_driver_sql(
            "SELECT id, kiosk_number FROM participants ORDER BY id").all()
    store.close()
    assert [tuple(row) for row in numbers] == [(1, 1), (2, None), (3, 1), (4, 2), (5, None)]


def test_a_batch_of_two_workshops_is_stored_as_it_is_read_back(any_store, session):
    """A batch with nothing to refuse is written in one go: each answer comes back as the
    store reads it, numbered after the workshop's earlier answers, in the batch's order."""
    other = any_store.create_session(builtin_formats()["personas"], title="Atelier Brest")
    here, there = (any_store.join(session, "device-1", role="usager", table="A"),
                   any_store.join(other, "device-1", role="agent"))
    any_store.contribute(session, participant=here, phase_id="worsen", kind="ideas",
                         body={"text": "avant"}, text="avant", key="key-before-01")

    def answer(where, who, n):
        return {"session": where, "participant": who, "phase_id": where.phase.id,
                "kind": "ideas", "body": {"text": f"idée {n}"}, "text": f"idée {n}",
                "key": f"key-together-{n:02}"}

    batch = [answer(session, here, 1), answer(other, there, 2), answer(session, here, 3),
             answer(session, None, 4), answer(other, there, 5)]
    results = any_store.contribute_many(batch)
    assert all(created for _row, created in results)
    rows = [row for row, _created in results]
    assert [(r.session_id, r.number) for r in rows] == [
        (session.id, 2), (other.id, 1), (session.id, 3), (session.id, 4), (other.id, 2)]
    for row, sent in zip(rows, batch, strict=True):
        assert row == any_store.contribution_by_key(sent["session"], sent["key"])
    assert (rows[0].role, rows[0].table, rows[3].participant_id) == ("usager", "A", None)


def test_one_answer_and_a_batch_share_the_guarantees_of_one_insert_path(any_store, session):
    from dataclasses import replace

    from sqlalchemy.exc import IntegrityError

    one, two = any_store.join(session, "device-1"), any_store.join(session, "device-2")
    ghost = replace(one, id=one.id + 1000)  # nobody has this id: the database refuses it

    def answer(who, key, **extra):
        return {"session": session, "participant": who, "phase_id": "worsen", "kind": "ideas",
                "body": {"text": key}, "text": key, "key": key, **extra}

    with pytest.raises(ValueError, match="unknown channel"):
        any_store.contribute(**answer(one, "key-fax-0001", channel="fax"))
    with pytest.raises(IntegrityError):
        any_store.contribute(**answer(ghost, "key-ghost-01"))
    first, replay, conflict, fax, missing, kiosk = any_store.contribute_many([
        answer(one, "key-batch-01"), answer(one, "key-batch-01"), answer(two, "key-batch-01"),
        answer(one, "key-fax-0002", channel="fax"), answer(ghost, "key-ghost-02"),
        answer(two, "key-kiosk-01", channel="kiosk")])
    row, created = first
    assert created and row == any_store.contribution_by_key(session, "key-batch-01")
    assert replay == (row, False)
    assert isinstance(conflict, KeyConflict) and isinstance(fax, ValueError)
    assert isinstance(missing, IntegrityError) and not isinstance(missing, KeyConflict)
    assert kiosk[1] and kiosk[0].channel == "kiosk"
    assert [c.key for c in any_store.contributions(session)] == ["key-batch-01",
                                                                  "key-kiosk-01"]
