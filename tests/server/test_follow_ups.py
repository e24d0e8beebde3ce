"""Follow-ups against the real server: the facilitator's page (/palabre/follow-ups/CODE,
the server's token) records them and refuses bad input in the person's language; the room's
address shows them to everyone once the workshop is over, and the room while it runs."""

from __future__ import annotations

import re

import httpx
import pytest

from palabre import codes
from tests.fixtures.follow_ups import finished_room
from tests.fixtures.server import phone
from tests.server.conftest import main_text


@pytest.fixture
def room(live_server):
    return finished_room(live_server.store)


def laptop(live_server, lang: str = "fr"):
    return live_server.facilitator(headers={"Accept-Language": lang})


def record(client, code: str, **fields):
    values = {"number": "", "status": "", "owner": "", "due": "", "note": "", "reason": ""}
    return client.post(f"/palabre/follow-ups/{code}", data={**values, **fields})


def test_the_page_needs_the_token(live_server, room):
    with httpx.Client(base_url=live_server.local_url, timeout=30) as anonymous:
        page = anonymous.get(f"/palabre/follow-ups/{room.code}")
        assert page.status_code == 302 and "/palabre/key" in page.headers["location"]
    with phone(live_server) as device:  # a phone with its _xsrf is not the facilitator
        refused = device.post_form(f"/palabre/follow-ups/{room.code}",
                                   {"number": "1", "status": "retained"})
        assert refused.status_code == 403
    assert live_server.store.follow_ups(room) == []


def test_a_follow_up_is_recorded_and_shown_with_its_history(live_server, room):
    with laptop(live_server) as client:
        page = client.get(f"/palabre/follow-ups/{room.code}")
        assert page.status_code == 200
        text = main_text(page.text)
        assert "Suites données aux propositions" in text
        assert "Aucune suite n’est encore notée pour cet atelier." in text
        # Only the proposals are listed: the merged, the hidden and the ballot are not.
        assert re.findall(r'<tr id="row-(\d+)"', page.text) == ["1", "2", "3"]
        for label in ("Numéro de la proposition", "Statut", "Portée par (facultatif)",
                      "Attendue pour le (facultatif)", "Note publique (facultatif)"):
            assert f">{label}</label>" in page.text
        saved = record(client, room.code, number="2", status="retained",
                       owner="Service accueil", due="2027-03-31", note="Essai en mars")
        assert saved.status_code == 303
        assert saved.headers["location"].endswith("?saved=2#saved")
        shown = client.get(saved.headers["location"].split("#")[0])
        assert "Suite de la proposition n° 2 notée : Retenue." in main_text(shown.text)
        # Picking it from the list fills the form with its follow-up so far.
        picked = client.get(f"/palabre/follow-ups/{room.code}", params={"number": "2"})
        assert 'value="Service accueil"' in picked.text
        assert '<option value="retained" selected>' in picked.text
        assert record(client, room.code, number="2", status="trial", owner="Service accueil",
                      due="2027-03-31", note="Essai lancé").status_code == 303
        page = client.get(f"/palabre/follow-ups/{room.code}")
    text = main_text(page.text)
    assert "En expérimentation : 1" in text and "Retenue : 0" in text
    assert "1 étape précédente" in text
    changes = live_server.store.follow_ups(room)
    assert [(c.number, c.status, c.note) for c in changes] == [
        (2, "retained", "Essai en mars"), (2, "trial", "Essai lancé")]


@pytest.mark.parametrize(("fields", "status", "field", "fr", "en"), [
    ({"number": "99", "status": "retained"}, 404, "number",
     "Cet atelier n’a pas de réponse n° 99.", "This workshop has no answer no. 99."),
    ({"number": "1", "status": "bidule"}, 422, "status",
     "« bidule » n’est pas un statut de suite.", "“bidule” is not a follow-up status."),
    ({"number": "1", "status": "retained", "due": "31/03/2027"}, 422, "due",
     "« 31/03/2027 » n’est pas une date : écrivez-la AAAA-MM-JJ",
     "“31/03/2027” is not a date: write it as YYYY-MM-DD"),
    ({"number": "1", "status": "declined"}, 422, "reason",
     "Dites pourquoi la proposition n’est pas retenue",
     "Say why the proposal is not retained"),
    ({"number": "5", "status": "retained"}, 409, "number",
     "La réponse n° 5 a été masquée par la modération", "Answer no. 5 was hidden by moderation"),
    ({"number": "6", "status": "retained"}, 409, "number",
     "La réponse n° 6 est un vote, un choix ou une note", "Answer no. 6 is a vote, a choice"),
])
def test_refusals_are_tied_to_their_field_in_the_persons_language(live_server, room, fields,
                                                                   status, field, fr, en):
    for lang, expected in (("fr", fr), ("en", en)):
        with laptop(live_server, lang) as client:
            refused = record(client, room.code, note="Gardée", **fields)
        assert refused.status_code == status
        assert f'<html lang="{lang}">' in refused.text
        assert expected in main_text(refused.text)
        assert re.search(rf'id="{field}" name="{field}"[^>]*aria-invalid="true"', refused.text)
        assert ">Gardée</textarea>" in refused.text  # what was typed is kept
    assert live_server.store.follow_ups(room) == []


def test_an_unknown_code_is_a_friendly_404(live_server):
    unknown = next(code for code in iter(codes.new_code, None)
                   if live_server.store.session(code) is None)
    with laptop(live_server, "en") as client:
        page = client.get(f"/palabre/follow-ups/{unknown}")
    assert page.status_code == 404
    assert f"No workshop has the code {unknown}." in main_text(page.text)


def test_the_room_shows_the_room_until_the_workshop_is_over(live_server):
    running = finished_room(live_server.store, ended=False)
    with laptop(live_server) as client:
        assert record(client, running.code, number="1", status="retained").status_code == 303
    with phone(live_server, lang="fr") as device:
        page = device.get(f"/j/{running.code}")
        assert page.status_code == 200
        assert "Ce que sont devenues les propositions" not in page.text
        assert 'action="/j/' in page.text and "/join" in page.text  # the join form


def test_an_ended_workshop_without_follow_up_still_shows_the_room(live_server, room):
    with phone(live_server, lang="fr") as device:
        assert device.join(room.code).status_code == 303
        page = device.get(f"/j/{room.code}")
    assert "Ce que sont devenues les propositions" not in page.text
    assert 'id="closed"' in page.text


def test_after_the_workshop_the_room_shows_what_became_of_the_proposals(live_server, room):
    with laptop(live_server) as client:
        for fields in ({"number": "1", "status": "retained", "owner": "Mme Martin, accueil",
                        "due": "2027-03-31", "note": "Formulaires réécrits avec des usagers"},
                       {"number": "1", "status": "done", "owner": "Mme Martin, accueil",
                        "note": "En place depuis février"},
                       {"number": "3", "status": "declined",
                        "reason": "Le logiciel de rendez-vous ne le permet pas"}):
            assert record(client, room.code, **fields).status_code == 303
    for lang, title, done, declined in (
            ("fr", "Ce que sont devenues les propositions", "Réalisée", "Non retenue"),
            ("en", "What became of the proposals", "Carried out", "Not retained")):
        with phone(live_server, lang=lang) as device:  # never joined: the same address
            page = device.get(f"/j/{room.code}")
        assert page.status_code == 200
        text = main_text(page.text)
        assert f"<h1>{title}</h1>" in page.text
        assert "Des formulaires en langage clair" in text and "En place depuis février" in text
        assert "Un rappel par SMS avant le rendez-vous" in text
        assert "Le logiciel de rendez-vous ne le permet pas" in text
        assert done in text and declined in text
        # Only the proposals that have a follow-up, and nobody's identity, not even the
        # owner's name (it goes to the restitution).
        assert "Un guichet ouvert le samedi matin" not in text
        assert "Martin" not in page.text and "P001" not in page.text
        assert "<script" not in page.text  # nothing to follow: a plain page
    assert "1 étape précédente" in main_text(phone(live_server, lang="fr").get(
        f"/j/{room.code}").text)
