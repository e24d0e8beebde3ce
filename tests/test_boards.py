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
