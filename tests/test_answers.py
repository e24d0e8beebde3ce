"""The door, as a participant meets it: what is refused, why, and that replays add nothing."""

from __future__ import annotations

import pytest
from palabre.exercises import KINDS, builtin_formats

from palabre import answers
from palabre.answers import Refused, submit
from palabre.i18n import Translator


@pytest.fixture
def room(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")
    return store, session


def _phone(store, session, n=1, role="usager"):
    return store.join(session, f"device-{n}", role=role)


def test_every_kind_has_a_validator():
    assert set(answers.VALIDATORS) == set(KINDS)


def test_an_idea_is_cleaned_once_and_stored(room):
    store, session = room
    row, created = submit(store, session, _phone(store, session),
                          {"text": "  Fermer\x00 le guichet\u202e le lundi "}, "key-0000001")
    assert created and row.text == "Fermer le guichet le lundi"
    assert row.body == {"text": row.text} and row.kind == "ideas" and row.phase_id == "worsen"


def test_a_replay_returns_the_original_even_after_the_round_closed(room):
    store, session = room
    phone = _phone(store, session)
    first, _ = submit(store, session, phone, {"text": "Une idée"}, "key-0000002")
    closed = store.update_state(session.code, lambda s: s.state.close())
    again, created = submit(store, closed, phone, {"text": "Une idée"}, "key-0000002")
    assert (again.id, created) == (first.id, False)
    assert len(store.contributions(session)) == 1


@pytest.mark.parametrize(("payload", "code", "field"), [
    ({"text": ""}, "empty", "text"),
    ({"text": " \x00\u202e "}, "empty", "text"),
    ({"text": "x" * 281}, "too_long", "text"),
    ({}, "empty", "text"),
    ({"text": 42}, "empty", "text"),
])
def test_ideas_refusals(room, payload, code, field):
    store, session = room
    with pytest.raises(Refused) as caught:
        submit(store, session, _phone(store, session), payload, "key-0000003")
    assert (caught.value.code, caught.value.field, caught.value.status) == (code, field, 422)
    assert store.contributions(session) == []


def test_too_long_tells_the_limit_in_the_participants_language(room):
    store, session = room
    with pytest.raises(Refused) as caught:
        submit(store, session, _phone(store, session), {"text": "x" * 300}, "key-0000004")
    assert "280" in caught.value.translated(Translator("fr").gettext)
    assert "trop longue" in caught.value.translated(Translator("fr").gettext)
    assert "too long" in caught.value.translated(Translator("en").gettext)


def test_a_closed_round_refuses_new_answers(room):
    store, session = room
    closed = store.update_state(session.code, lambda s: s.state.close())
    with pytest.raises(Refused) as caught:
        submit(store, closed, _phone(store, closed), {"text": "Trop tard"}, "key-0000005")
    assert (caught.value.status, caught.value.code) == (409, "phase_closed")


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "clé-avec-accent", None, 12345678])
def test_a_malformed_key_is_refused(room, key):
    store, session = room
    with pytest.raises(Refused) as caught:
        submit(store, session, _phone(store, session), {"text": "ok"}, key)
    assert caught.value.status == 400


def _to_vote(store, session, ideas=("Accueil sans rendez-vous", "Un numéro unique")):
    phone = _phone(store, session, 99)
    moved = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    made = [submit(store, moved, phone, {"text": text}, f"key-idea-{i:04}")[0]
            for i, text in enumerate(ideas)]
    return store.update_state(session.code, lambda s: s.state.advance(s.exercise)), made


def test_dot_voting_within_the_budget(room):
    store, session = room
    vote, items = _to_vote(store, session)
    row, _ = submit(store, vote, _phone(store, vote), {"dots": {str(items[0].id): 2,
                                                              str(items[1].id): "1"}},
                    "key-vote-0001")
    assert row.body == {"dots": {str(items[0].id): 2, str(items[1].id): 1}}


@pytest.mark.parametrize(("dots", "code"), [
    ({"A": 1}, "vote_unknown_item"),
    ({"0": 4}, "vote_per_item"),
    ({"0": -1}, "vote_per_item"),
    ({"0": "beaucoup"}, "vote_per_item"),
    ({"0": 0}, "vote_empty"),
    ({"0": 2, "1": 2}, "vote_too_many"),
])
def test_dot_voting_refusals(room, dots, code):
    store, session = room
    vote, items = _to_vote(store, session)
    real = {str(items[int(k)].id) if k.isdigit() else k: v for k, v in dots.items()}
    with pytest.raises(Refused) as caught:
        submit(store, vote, _phone(store, vote), {"dots": real}, "key-vote-0002")
    assert caught.value.code == code


def test_choice_with_a_maximum_of_answers(store):
    exercise = builtin_formats()["role-swap"]
    session = store.create_session(exercise, title="Rôles")
    phone = store.join(session, "device-1")
    row, _ = submit(store, session, phone, {"choices": ["1"]}, "key-choice-01")
    assert row.body == {"choices": [1]}
    for payload, code in (({"choices": [0, 1]}, "choice_too_many"),
                          ({"choices": []}, "choice_none"),
                          ({"choices": [9]}, "choice_unknown")):
        with pytest.raises(Refused) as caught:
            submit(store, session, phone, payload, "key-choice-02")
        assert caught.value.code == code
