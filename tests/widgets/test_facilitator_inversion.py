"""The facilitator turns a worse idea around from the dashboard, by the number on its card."""

from __future__ import annotations

import pytest
from palabre.exercises import builtin_formats
from palabre.widgets import RoomDashboard

from palabre import synthesis
from palabre.answers import submit


@pytest.fixture
def room(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Mairie")
    made = RoomDashboard(store, session.code, public_url="http://10.0.0.2:8866", live=False,
                         panels=())
    yield store, session, made
    made.dispose()


def test_a_worse_idea_is_turned_around_from_the_dashboard(room):
    store, session, dashboard = room
    phone = store.join(session, "phone-a")
    worse = submit(store, session, phone, {"text": "Fermer le guichet"}, "key-worse-001")[0]
    assert not dashboard.write_inversion(worse.id, "Ouvrir le samedi")  # not the right phase
    dashboard.advance()
    dashboard.close()  # answers closed for phones: the facilitator may still write one
    assert not dashboard.write_inversion(worse.id + 100, "Ouvrir le samedi")
    assert str(worse.id + 100) in dashboard.wall.moderation_status.value
    dashboard.wall.answer_number.value = str(worse.id)
    dashboard.wall.correction.value = "  Ouvrir le guichet\x00 le samedi matin "
    dashboard.wall.invert_button.click()
    assert dashboard.wall.answer_number.value == ""
    snap = synthesis.snapshot(store, session.code)
    (pair,) = synthesis.pairs(snap, session.exercise.phase("flip"))
    (better,) = pair.better
    assert pair.worse.id == worse.id
    assert better.text == "Ouvrir le guichet le samedi matin" and better.channel == "paper"
    assert "Ouvrir le guichet le samedi matin" in dashboard.wall.body.value
