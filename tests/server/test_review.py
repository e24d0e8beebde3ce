"""A committee that meets again reviews, at the start of its next session, the open
follow-ups of its previous one (the review phase), through the real server: phones see each
open follow-up, say it is still relevant or propose a next step; refusals are tied to their
field; the result, the room's screen and the deck say what the room said."""

from __future__ import annotations

import re

import pytest
from palabre.exercises.loader import parse_format
from palabre.exports import export_workshop
from palabre.widgets.views import WALLS
from pptx import Presentation

from palabre import follow_ups as door
from palabre import synthesis
from palabre.i18n import Translator
from tests.exports.helpers import slide_titled
from tests.fixtures.follow_ups import finished_room
from tests.fixtures.server import phone
from tests.server.conftest import answer, main_text

FR = Translator("fr")
SERIES = "Comité de l'accueil"
NEXT = parse_format("""
id: committee
title: {fr: Comité de suivi, en: Follow-up committee}
question: {fr: "Comment mieux accueillir en mairie ?", en: "How to welcome people better?"}
phases:
  - id: review
    kind: review
    title: {fr: "Où en sont nos propositions ?", en: "Where do our proposals stand?"}
    prompt: {fr: "Toujours d'actualité ?", en: "Still relevant?"}
  - id: ideas
    kind: ideas
    title: {fr: Nouvelles idées, en: New ideas}
    prompt: {fr: "Vos idées ?", en: "Your ideas?"}
""", "committee.yaml")


@pytest.fixture
def committee(live_server):
    store = live_server.store
    series = f"{SERIES} {len(store.sessions())}"  # one committee per test
    first = finished_room(store, series=series)
    for number, status in ((1, "retained"), (2, "studying"), (3, "done")):
        door.record(store, first, {"number": str(number), "status": status,
                                   "note": f"Note {number}"}, FR.gettext)
    second = store.create_session(NEXT, title="Comité, séance 2", series=series)
    return first, second


def test_phones_review_the_open_follow_ups_of_the_previous_session(live_server, committee,
                                                                   tmp_path):
    first, second = committee
    with phone(live_server, lang="fr") as device:
        assert device.join(second.code).status_code == 303
        page = device.get(f"/j/{second.code}").text
        assert "Suites en cours de la séance précédente : Accueil en mairie" in main_text(page)
        # Only the open ones: no. 3 is carried out.
        assert re.findall(r'name="number" id="number-(\d+)"', page) == ["1", "2"]
        assert "Toujours d’actualité" in page and "Je propose une prochaine étape" in page
        for fields, field, message in (
                ({"number": "3", "stance": "current"}, "number",
                 "Choisissez une des suites de la liste."),
                ({"number": "1"}, "stance", "Dites si elle est toujours d’actualité"),
                ({"number": "2", "stance": "next", "text": " "}, "text",
                 "Écrivez quelque chose avant d’envoyer.")):
            refused = answer(device, second.code, **fields)
            assert refused.status_code == 422, refused.text
            assert message in main_text(refused.text)
            assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', refused.text) or \
                re.search(rf'id="{field}"[^>]*aria-invalid="true"', refused.text)
        assert answer(device, second.code, number="1", stance="current").status_code == 303
        assert answer(device, second.code, number="2", stance="next",
                      text="Tester un samedi par mois").status_code == 303
    with phone(live_server, lang="en") as other:
        assert other.join(second.code).status_code == 303
        english = other.get(f"/j/{second.code}").text
        assert "Open follow-ups of the previous session" in english
        assert answer(other, second.code, number="1", stance="current").status_code == 303

    snap = synthesis.snapshot(live_server.store, second.code)
    result = synthesis.phase_result(snap, second.exercise.phase("review"))
    assert [(r.session, r.number, r.status, r.still, [s.text for s in r.steps])
            for r in result.reviewed] == [
        (first.code, 1, "retained", 2, []),
        (first.code, 2, "studying", 0, ["Tester un samedi par mois"])]
    wall = WALLS["review"](snap, result, FR, visible=True, page=0)
    assert "2 personnes : toujours d’actualité" in wall.html
    assert "Tester un samedi par mois" in wall.html

    # What the committee decided, recorded at this session, shows in its restitution.
    door.record(live_server.store, first, {"number": "2", "status": "trial"}, FR.gettext,
                decided_in=second)
    export_workshop(live_server.store, second.code, tmp_path, lang="fr")
    deck = Presentation(str(tmp_path / f"{second.code}-restitution.pptx"))
    [table] = [s.table for s in slide_titled(deck, "Où en sont nos propositions ?").shapes
               if s.has_table]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Suite", "Toujours d’actualité", "Prochaines étapes proposées"]
    assert [row[1:] for row in cells[1:]] == [["2", "–"], ["0", "Tester un samedi par mois"]]
    [follow] = [s.table for s in slide_titled(deck, "Suites données").shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in follow.rows][1:]
    assert [(r[0], r[2]) for r in rows] == [(f"1 ({first.code})", "Retenue"),
                                            (f"2 ({first.code})", "En expérimentation"),
                                            (f"3 ({first.code})", "Réalisée")]


def test_the_first_session_of_a_committee_has_nothing_to_review(live_server):
    first = live_server.store.create_session(NEXT, title="Comité, séance 1",
                                             series="Un comité tout neuf")
    with phone(live_server, lang="fr") as device:
        assert device.join(first.code).status_code == 303
        page = device.get(f"/j/{first.code}").text
    assert "C’est la première séance du comité" in main_text(page)
