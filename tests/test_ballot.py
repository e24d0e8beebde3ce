"""What a dot vote is on (palabre.synthesis.ballot), decided once: the room's size, the
facilitator's choice, each phone's order, and a theme's dots counted for the theme."""

from __future__ import annotations

from palabre.exercises import Exercise, Localized, Phase

from palabre import boards, synthesis
from palabre.answers import submit
from palabre.store import Participant

L = Localized
EXERCISE = Exercise(
    id="b", title=L("B", "B"), question=L("Quoi ?", "What?"),
    phases=(Phase(id="ideas", kind="ideas", title=L("Idées", "Ideas"), prompt=L("I", "I"),
                  params={"max_chars": 280}),
            Phase(id="vote", kind="vote", title=L("Vote", "Vote"), prompt=L("V", "V"),
                  params={"source": "ideas", "dots": 3, "max_per_item": 3})))


def room(store, answers: int):
    session = store.create_session(EXERCISE, title="B")
    someone = store.join(session, "device-ballot-01")
    rows = [submit(store, session, someone, {"text": f"Idée {n}"}, f"key-ballot-{n:04d}")[0]
            for n in range(answers)]
    return session, rows


def test_the_default_follows_the_room_size(store):
    session, rows = room(store, 15)
    vote = EXERCISE.phase("vote")
    ballot = synthesis.vote_ballot(store, session, vote)
    assert (ballot.mode, len(ballot.entries), ballot.chosen) == ("all", 15, False)
    for n in range(15, 40):
        submit(store, session, store.participants(session)[0], {"text": f"Idée {n}"},
               f"key-ballot-{n:04d}")
    ballot = synthesis.vote_ballot(store, session, vote)  # newer answers: read again
    assert (ballot.mode, len(ballot.entries), ballot.left_out) == ("shortlist", 15, 25)
    assert ballot.entries == synthesis.vote_ballot(store, session, vote).entries  # the lot
    boards.set_themes(store, session, "ideas", [("A", [r.id for r in rows[:5]]),
                                                ("B", [r.id for r in rows[5:9]])])
    ballot = synthesis.vote_ballot(store, session, vote)  # the same session object: still
    assert [(e.key, e.number, e.text, len(e.items)) for e in ballot.entries] == [
        ("t1", 1, "A", 5), ("t2", 2, "B", 4)]


def test_each_participant_has_an_order_of_their_own(store):
    session, _rows = room(store, 12)
    ballot = synthesis.vote_ballot(store, session, EXERCISE.phase("vote"))
    people = [Participant(id=n, session_id=session.id, device_key=f"d{n}", role=None,
                          table=None, lang="fr", channel="phone") for n in range(1, 6)]
    orders = [tuple(e.key for e in ballot.for_participant(session.code, p)) for p in people]
    assert len(set(orders)) == 5
    assert orders[0] == tuple(e.key for e in ballot.for_participant(session.code, people[0]))
    assert ballot.for_participant(session.code, None) == list(ballot.entries)  # paper's


def test_dots_on_a_theme_count_for_the_theme_once(store):
    session, rows = room(store, 6)
    boards.set_themes(store, session, "ideas", [("Accueil", [rows[0].id, rows[1].id]),
                                                ("Horaires", [rows[2].id])])
    boards.set_ballot(store, session, "vote", "themes")
    store.update_state(session.code, lambda s: s.state.go(s.exercise, 1))
    session = store.session(session.code)
    for n, dots in enumerate(({"t1": 2, "t2": 1}, {"t1": 1}, {str(rows[4].id): 1})):
        voter = store.join(session, f"device-voter-{n:02d}")
        submit(store, session, voter, {"dots": dots}, f"key-vote-{n:04d}")
    snap = synthesis.snapshot(store, session.code)
    result = synthesis.phase_result(snap, EXERCISE.phase("vote"),
                                    lambda name: store.board(session, name))
    lines = [(t.label, t.count, t.voters, t.number, t.on_ballot) for t in result.voted]
    assert lines == [("Accueil", 3, 2, 1, True), ("Horaires", 1, 1, 2, True),
                     ("Idée 4", 1, 1, rows[4].id, False)]
