"""The door, as a participant meets it: what is refused, why, and that replays add nothing."""

from __future__ import annotations

import pytest
from palabre.exercises import KINDS, builtin_formats

from palabre import answers, boards
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
    worse = submit(store, session, phone, {"text": "Fermer le guichet"}, "key-worse-0001")[0]
    flip = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    made = [submit(store, flip, phone, {"source_id": worse.id, "text": text},
                   f"key-idea-{i:04}")[0] for i, text in enumerate(ideas)]
    return store.update_state(session.code,
                              lambda s: s.state.go(s.exercise, s.exercise.index("vote"))), made


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
    for payload, code in (({"choices": [0, 1, 2, 3]}, "choice_too_many"),
                          ({"choices": []}, "choice_none"),
                          ({"choices": [9]}, "choice_unknown")):
        with pytest.raises(Refused) as caught:
            submit(store, session, phone, payload, "key-choice-02")
        assert caught.value.code == code


def _rich_phase(kind, **params):
    from palabre.exercises import Localized, Phase
    from palabre.exercises.kinds import KINDS as kinds

    filled = {name: spec.default for name, spec in kinds[kind].params.items()}
    filled.update(params)
    return Phase(id="p", kind=kind, title=Localized("t"), prompt=Localized("p"), params=filled)


def test_an_inversion_names_the_worse_idea_it_turns_around(room):
    store, session = room
    worse = submit(store, session, _phone(store, session), {"text": "Fermer"}, "key-worse-01")[0]
    phase = _rich_phase("invert", source="worsen")
    context = answers.Context(items=[worse])
    answer = answers.validate(phase, {"source_id": str(worse.id), "text": "Ouvrir"}, context)
    assert answer.body == {"source_id": worse.id, "text": "Ouvrir"}
    with pytest.raises(Refused) as caught:
        answers.validate(phase, {"source_id": 999, "text": "Ouvrir"}, context)
    assert (caught.value.code, caught.value.field) == ("invert_unknown_item", "source_id")


def _arguing(store):
    """A role swap at its arguments phase."""
    session = store.create_session(builtin_formats()["role-swap"], title="Brest")
    return store.update_state(session.code,
                              lambda s: s.state.go(s.exercise, s.exercise.index("arguments")))


def test_arguments_are_filed_under_the_swapped_viewpoint(store):
    session = _arguing(store)
    agent = _phone(store, session, 1, role="agent")
    row, _ = submit(store, session, agent, {"side": "against", "text": "Trop d'attente"},
                    "key-arg-0001")
    assert row.body == {"side": "against", "viewpoint": "usager", "text": "Trop d'attente"}
    undeclared = [store.join(session, f"device-x{n}") for n in range(2)]
    views = [answers.context(store, session, p, session.phase).viewpoint for p in undeclared]
    assert sorted(views) == ["agent", "usager"]  # people of no side keep both voiced
    with pytest.raises(Refused) as caught:
        submit(store, session, agent, {"side": "maybe", "text": "x"}, "key-arg-0002")
    assert caught.value.field == "side"


def test_arguments_from_ones_own_role_when_the_phase_does_not_swap():
    own = answers.validate(_rich_phase("argument", swap_roles=False),
                           {"side": "for", "text": "x"}, answers.Context(viewpoint="agent"))
    assert own.body["viewpoint"] == "agent"


def test_a_viewpoint_given_to_a_table_wins_over_the_swap(store):
    session = _arguing(store)
    usager = store.join(session, "device-1", role="usager", table="Table B")
    boards.give_viewpoint(store, session, "given:Table B", "usager")
    row, _ = submit(store, session, usager, {"side": "for", "text": "Un seul guichet"},
                    "key-arg-0003")
    assert row.body["viewpoint"] == "usager"  # as the facilitator said, not swapped
    boards.give_viewpoint(store, session, "given:Table B", None)
    assert answers.context(store, session, usager, session.phase).viewpoint == "agent"


@pytest.mark.parametrize(("value", "ok"), [(1, True), ("5", True), (0, False), (6, False),
                                           ("trois", False), (None, False)])
def test_a_scale_takes_one_to_steps(value, ok):
    phase = _rich_phase("scale", low="bas", high="haut")
    if ok:
        assert answers.validate(phase, {"value": value}).body == {"value": int(value)}
    else:
        with pytest.raises(Refused) as caught:
            answers.validate(phase, {"value": value})
        assert "5" in caught.value.translated(Translator("fr").gettext)


def test_an_empathy_map_answer_needs_a_persona_and_a_known_part():
    phase = _rich_phase("persona")
    with pytest.raises(Refused) as caught:
        answers.validate(phase, {"field": "says", "text": "x"})
    assert caught.value.code == "persona_unassigned"
    ctx = answers.Context(persona="odette")
    assert answers.validate(phase, {"field": "pains", "text": "Pas d'internet"}, ctx).body == {
        "persona": "odette", "field": "pains", "text": "Pas d'internet"}
    with pytest.raises(Refused) as caught:
        answers.validate(phase, {"field": "dreams", "text": "x"}, ctx)
    assert caught.value.field == "field"


def test_a_photo_answer_points_to_a_stored_photo_and_an_optional_caption():
    phase = _rich_phase("photo")
    ctx = answers.Context(photo_exists=lambda photo_id: photo_id == 7)
    assert answers.validate(phase, {"photo": "7"}, ctx).body == {"photo": 7, "caption": ""}
    with_caption = answers.validate(phase, {"photo": 7, "caption": " Maquette\x00 "}, ctx)
    assert (with_caption.body["caption"], with_caption.text) == ("Maquette", "Maquette")
    with pytest.raises(Refused) as caught:
        answers.validate(phase, {"photo": 8}, ctx)
    assert caught.value.code == "photo_missing"


def test_feedback_grid_answers_choose_a_column():
    from palabre.exercises import Localized

    grid = _rich_phase("ideas", categories=(Localized("Ça marche"), Localized("À améliorer")))
    assert answers.validate(grid, {"text": "x", "category": "1"}).body == {"text": "x",
                                                                           "category": 1}
    with pytest.raises(Refused) as caught:
        answers.validate(grid, {"text": "x"})
    assert caught.value.field == "category"


@pytest.mark.parametrize("kind", ["cluster", "pitch"])
def test_phones_have_nothing_to_answer_while_the_facilitator_works(kind):
    with pytest.raises(Refused) as caught:
        answers.validate(_rich_phase(kind, source="x"), {"text": "x"})
    assert (caught.value.status, caught.value.code) == (409, "nothing_to_answer")
