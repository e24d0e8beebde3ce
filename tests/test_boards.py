"""The facilitator's arrangements, as the dashboard writes them and the phones and deck read."""

import pytest
from palabre.exercises import builtin_formats

from palabre import boards


@pytest.fixture
def session(store):
    return store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")


def test_themes_hold_each_item_once_with_clean_titles(store, session):
    made = boards.set_themes(store, session, "flip", [("Accueil\x00 ", [1, 2]),
                                                     ("Téléphone", [2, 3])])
    assert made == [{"id": "t1", "title": "Accueil", "items": [1, 2]},
                    {"id": "t2", "title": "Téléphone", "items": [3]}]
    assert boards.themes(store, session, "flip") == made


def test_a_table_persona_wins_over_the_rooms(store, session):
    boards.assign_persona(store, session, "empathy", "odette")
    boards.assign_persona(store, session, "empathy", "julien", table="Table 2")
    assert boards.persona_for(store, session, "empathy", "Table 2") == "julien"
    assert boards.persona_for(store, session, "empathy", "Table 9") == "odette"
    assert boards.persona_for(store, session, "empathy", None) == "odette"
    boards.assign_persona(store, session, "empathy", None, table="Table 2")
    assert boards.persona_for(store, session, "empathy", "Table 2") == "odette"


def test_the_pitch_timer_per_team(store, session):
    boards.set_pitch_order(store, session, "pitch", ["Table 1", "Table 2", " "])
    started = boards.pitch_action(store, session, "pitch", "start", now=100.0)
    assert started.team == "Table 1" and started.remaining(180, 130.0) == 150
    paused = boards.pitch_action(store, session, "pitch", "pause", now=160.0)
    assert paused.remaining(180, 999.0) == 120
    after = boards.pitch_action(store, session, "pitch", "next", now=170.0)
    assert (after.team, after.remaining(180, 999.0)) == ("Table 2", 180)
    assert boards.pitch_action(store, session, "pitch", "next").team == "Table 2"
    with pytest.raises(ValueError):
        boards.pitch_action(store, session, "pitch", "dance")


def test_commitments_for_the_next_steps_slide(store, session):
    boards.add_commitment(store, session, "Ouvrir le samedi", who="Mairie", when="janvier")
    items = boards.add_commitment(store, session, "Numéro unique")
    assert [c["text"] for c in items] == ["Ouvrir le samedi", "Numéro unique"]
    assert boards.remove_commitment(store, session, 0) == [
        {"text": "Numéro unique", "who": "", "when": ""}]


def _role_swap(store):
    return store.create_session(builtin_formats()["role-swap"], title="Brest")


def test_the_tables_are_the_mixed_ones_once_proposed_else_those_people_gave(store):
    session = _role_swap(store)
    a = store.join(session, "a", role="usager", table="Table B")
    b = store.join(session, "b", role="agent", table="Table A")
    c = store.join(session, "c", role="agent", table="Table B")
    given = boards.tables(store, session)
    assert [(t.key, t.people) for t in given] == [("given:Table A", (b.id,)),
                                                  ("given:Table B", (a.id, c.id))]
    boards.set_seating(store, session, {a.id: 1, b.id: 1, c.id: 3}, 3)
    mixed = boards.tables(store, session)  # table 2 has nobody: not a table to speak to
    assert [(t.key, t.number, t.people) for t in mixed] == [("seat:1", 1, (a.id, b.id)),
                                                            ("seat:3", 3, (c.id,))]
    assert boards.seat_of(store, session, c) == 3


def test_a_table_argues_the_viewpoint_it_was_given_else_the_swapped_one(store):
    session = _role_swap(store)
    agent = store.join(session, "a", role="agent", table="2")
    boards.give_viewpoint(store, session, "given:2", "agent")
    assert boards.argued_viewpoint(store, session, agent, 0, swap=True) == "agent"
    # Mixed tables replace the given ones: a table someone called "2" is not mixed table 2.
    boards.set_seating(store, session, {agent.id: 2}, 2)
    assert boards.argued_viewpoint(store, session, agent, 0, swap=True) == "usager"
    boards.give_viewpoints(store, session, {"seat:1": "usager", "seat:2": "elu"})
    assert boards.viewpoints(store, session) == {"seat:1": "usager", "seat:2": "elu"}
    assert boards.argued_viewpoint(store, session, agent, 0, swap=True) == "elu"
    assert boards.argued_viewpoint(store, session, None, 1, swap=True) == "agent"


@pytest.mark.parametrize(("table", "viewpoint"), [("seat:1", "martien"), ("1", "usager"),
                                                  ("seat:1", "autre")])
def test_only_known_viewpoints_go_to_known_kinds_of_table(store, table, viewpoint):
    session = _role_swap(store)
    with pytest.raises(ValueError):
        boards.give_viewpoint(store, session, table, viewpoint)
    with pytest.raises(ValueError):
        boards.give_viewpoints(store, session, {table: viewpoint})
    assert boards.viewpoints(store, session) == {}


def test_a_paper_box_argues_the_viewpoint_of_the_mixed_table_its_card_names(store):
    session = _role_swap(store)
    phone = store.join(session, "phone", role="usager")
    boards.set_seating(store, session, {phone.id: 1}, 3)
    boards.give_viewpoints(store, session, {"seat:1": "usager", "seat:3": "elu"})
    for written, expected in (("3", "elu"), ("Table 3", "elu"), ("table n° 1", "usager"),
                              ("Table 4", "usager"), ("Fenêtre", "usager")):
        paper = store.join(session, f"paper:{written}:1", role="agent", table=written,
                           channel="paper")
        # Table 4 does not exist and Fenêtre is no number: the swap applies (an agent argues
        # as a service user).
        assert boards.argued_viewpoint(store, session, paper, 0, swap=True) == expected, written
