"""The facilitator's tools on the dashboard (pitch order and clock, themes, personas), driven
from code on a real store: what the room then sees on the wall."""

from __future__ import annotations

import re

import pytest
from palabre.exercises.loader import parse_format
from palabre.widgets import RoomDashboard

from palabre import boards
from palabre.answers import submit

WORKSHOP = """
id: tools-test
title: {fr: Outils, en: Tools}
question: {fr: "Comment mieux accueillir ?", en: "How to welcome better?"}
phases:
  - id: ideas
    kind: ideas
    title: {fr: Idées, en: Ideas}
    prompt: {fr: Vos idées, en: Your ideas}
  - id: themes
    kind: cluster
    source: ideas
    title: {fr: Thèmes, en: Themes}
    prompt: {fr: Regroupons, en: Let us group}
  - id: map
    kind: persona
    title: {fr: "Carte d'empathie", en: Empathy map}
    prompt: {fr: Mettez-vous à sa place, en: Walk in their shoes}
  - id: pitch
    kind: pitch
    seconds: 120
    title: {fr: Présentations, en: Pitches}
    prompt: {fr: Chaque équipe présente, en: Each team presents}
"""


class Clock:
    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def session(store):
    return store.create_session(parse_format(WORKSHOP, "tools-test.yaml"), title="Mairie")


@pytest.fixture
def room(store, session):
    clock = Clock()
    made = RoomDashboard(store, session.code, public_url="http://10.0.0.2:8866", live=False,
                         clock=clock)
    made.test_clock = clock
    yield made
    made.dispose()


def go_to(room, phase_id):
    while room.phase_id != phase_id:
        room.advance()


def test_only_the_current_phases_tool_is_shown(room):
    shown = {kind: tool.layout.display for kind, tool in room._tool_for.items()}
    assert shown == {"pitch": "none", "cluster": "none", "persona": "none"}
    assert room.countdown == "" and room.stepper.timer_row.layout.display == "none"
    go_to(room, "pitch")
    assert room.pitch_tools.layout.display is None
    assert room.theme_tools.layout.display == "none"


def test_pitch_order_and_clock_on_the_wall(room, store, session):
    go_to(room, "pitch")
    assert "Pas encore d’équipe" in room.wall.body.value
    room.pitch_tools.teams.value = "Les Castors, <Table 2>,  , Les Hiboux"
    room.pitch_tools.set_order_button.click()
    body = room.wall.body.value
    assert re.findall(r"<li[^>]*>([^<]*)</li>", body) == [
        "Les Castors", "&lt;Table 2&gt;", "Les Hiboux"]
    assert "Au tour de : Les Castors" in body and ">2:00<" in body
    room.pitch_tools.start_button.click()
    room.test_clock.now += 75
    room.refresh()
    assert ">0:45<" in room.wall.body.value
    room.test_clock.now += 60
    room.refresh()
    assert "palabre-over" in room.wall.body.value
    room.pitch_tools.next_button.click()
    body = room.wall.body.value
    assert "Au tour de : &lt;Table 2&gt;" in body and ">2:00<" in body
    assert boards.pitch(store, session, "pitch").current == 1


def test_themes_proposed_from_the_words_then_edited_by_hand(room, store, session):
    texts = ["Un accueil sans rendez-vous", "Accueil sans rendez-vous le samedi",
             "Horaires du soir", "Des horaires le soir", "Un café"]
    ids = []
    for i, text in enumerate(texts):
        person = store.join(store.session(session.code), f"phone-{i}")
        ids.append(submit(store, store.session(session.code), person, {"text": text},
                          f"key-idea-{i:04}")[0].id)
    go_to(room, "themes")
    assert room.answers == 5  # all in "Other ideas" until grouped
    saved = room.propose_themes()
    assert sorted(sorted(t["items"]) for t in saved) == [ids[0:2], ids[2:4]]
    # each named by one of its answers, never by stems
    assert sorted(t["title"] for t in saved) == ["Horaires du soir",
                                                 "Un accueil sans rendez-vous"]
    # moved by clicking cards, not typed in a syntax (tests/widgets/test_themes.py)
    room.rename_theme(0, "Accueil")
    room.rename_theme(1, "Horaires")
    accueil = next(i for i, t in enumerate(saved) if ids[0] in t["items"])
    room.assign_answers([ids[4]], accueil)
    assert "2 thèmes enregistrés." in room.theme_tools.status.value
    titles = re.findall(r"<h3>(.*?) <small>(.*?)</small>", room.wall.body.value)
    assert sorted(titles) == [("Accueil", "3 idées"), ("Horaires", "2 idées")]


def test_a_persona_for_the_room_and_another_for_one_table(room, store, session):
    go_to(room, "map")
    options = dict(room.persona_tools.persona.options)
    josiane = next(pid for name, pid in options.items() if name.startswith("Josiane"))
    karim = next(pid for name, pid in options.items() if name.startswith("Karim"))
    room.persona_tools.persona.value = josiane
    room.persona_tools.assign_button.click()
    room.persona_tools.persona.value = karim
    room.persona_tools.table.value = "Table 2"
    room.persona_tools.assign_button.click()
    status = room.persona_tools.status.value
    assert status.startswith("Toute la salle : Josiane") and "Table 2 : Karim" in status
    assert boards.persona_for(store, session, "map", "Table 2") == karim
    assert boards.persona_for(store, session, "map", "Table 5") == josiane


def test_next_steps_typed_on_the_dashboard_reach_the_restitution_board(room, store, session):
    assert room.commitment_tools.layout.display == "none"
    room.stepper.steps_button.click()
    assert room.steps_shown and room.commitment_tools.layout.display is None
    assert "Aucune suite à donner" in room.commitment_tools.listing.value
    tools = room.commitment_tools
    tools.what.value, tools.who.value, tools.when.value = "Ouvrir le <samedi>", "DGS", "juin"
    tools.add_button.click()
    assert tools.what.value == ""
    room.add_commitment("Former les agents")
    assert re.findall(r"<li>(.*?)</li>", tools.listing.value) == [
        "Ouvrir le &lt;samedi&gt; <small>(DGS · juin)</small>", "Former les agents"]
    tools.what.value = "x" * 400
    tools.add_button.click()
    assert "300 caractères au plus" in tools.status.value and tools.what.value == "x" * 400
    tools.remove_number.value = "1"
    tools.remove_button.click()
    assert [c["text"] for c in boards.commitments(store, session)] == ["Former les agents"]
