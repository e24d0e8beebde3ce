"""The figures the projector and the deck share."""

from palabre.exercises import builtin_formats

from palabre import synthesis
from palabre.answers import submit


def _advance(store, code):
    return store.update_state(code, lambda s: s.state.advance(s.exercise))


def test_the_top_solution_is_the_one_with_most_dots_and_last_ballots_count(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")
    people = [store.join(session, f"d{i}", role=("usager", "agent")[i % 2]) for i in range(4)]
    session = _advance(store, session.code)
    rdv, tel, hidden = (submit(store, session, people[0], {"text": t}, f"key-sol-{i:04}")[0]
                        for i, t in enumerate(("Accueil sans rendez-vous", "Numéro unique",
                                               "Hors sujet")))
    store.set_hidden(session, hidden.id, True)
    session = _advance(store, session.code)
    submit(store, session, people[1], {"dots": {str(tel.id): 3}}, "key-ballot-01")
    submit(store, session, people[1], {"dots": {str(rdv.id): 3}}, "key-ballot-02")  # changed
    submit(store, session, people[2], {"dots": {str(rdv.id): 1, str(tel.id): 2}}, "key-ballot-03")
    store.contribute(session, participant=None, phase_id="vote", kind="vote",
                     body={"dots": {str(tel.id): 1}}, text=None, key="key-paper-001",
                     channel="paper")
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.vote_tally(snap, session.exercise.phase("vote"))
    assert [(t.label, t.count, t.voters) for t in tally] == [
        ("Accueil sans rendez-vous", 4, 2), ("Numéro unique", 3, 2)]
    counts = synthesis.counts(snap)
    assert counts.participants == 4
    assert counts.by_role == {"usager": 2, "agent": 2}
    assert counts.by_channel == {"phone": 5, "paper": 1}


def test_choice_tally_keeps_the_options_order(store):
    session = store.create_session(builtin_formats()["role-swap"], title="Rôles")
    for i, pick in enumerate((0, 1, 1, 3)):
        submit(store, session, store.join(session, f"d{i}"), {"choices": [pick]}, f"key-ch-{i:04}")
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.choice_tally(snap, session.phase, "fr")
    assert [(t.label, t.count) for t in tally] == [("Usager", 1), ("Agent", 2), ("Élu", 0),
                                                   ("Autre", 1)]
    assert synthesis.choice_tally(snap, session.phase, "en")[0].label == "Service user"


def test_merged_duplicates_bring_their_dots_to_the_item_they_joined(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")
    phone = store.join(session, "d0")
    session = _advance(store, session.code)
    keep, dup = (submit(store, session, phone, {"text": t}, f"key-dup-{i:04}")[0]
                 for i, t in enumerate(("Un numéro unique", "Numéro unique !")))
    session = _advance(store, session.code)
    submit(store, session, store.join(session, "d1"), {"dots": {str(dup.id): 2}}, "key-bal-0001")
    store.merge(session, keep.id, [dup.id])
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.vote_tally(snap, session.exercise.phase("vote"))
    assert [(t.item.id, t.count) for t in tally] == [(keep.id, 2)]
    raw = store.contributions(session, include_hidden=True)
    assert [c.body.get("merged_into") for c in raw if c.id == dup.id] == [keep.id]
