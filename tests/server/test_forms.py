"""The phone forms of the richer phase kinds, as a phone without JavaScript uses them, and the
JSON session document a JavaScript client reads, against the real server."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from palabre.exercises.assign import spread

from palabre import boards, synthesis
from palabre.i18n import Translator
from tests.fixtures.server import phone
from tests.server.conftest import answer, main_text, seed, session_at

FR, EN = Translator("fr"), Translator("en")


@contextmanager
def joined_phone(live_server, code, lang="fr", **profile):
    with phone(live_server, lang=lang) as device:
        assert device.join(code, **profile).status_code == 303
        yield device


def state(device, code, lang="fr"):
    response = device.get(f"/palabre/api/sessions/{code}", params={"lang": lang})
    assert response.status_code == 200
    return response.json()["phase"]


# --- invert -----------------------------------------------------------------------------
@pytest.fixture
def invert_session(live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    seed(live_server, session, "worse", ["Fermer à midi", "Perdre les dossiers",
                                         "Répondre en latin", "Ne jamais rappeler"])
    from tests.server.conftest import act

    act(live_server, session.code, "go", index=every_kind.index("turn"))
    return live_server.store.session(session.code)


def test_invert_gives_each_phone_its_worse_ideas_one_form_each(live_server, invert_session):
    code = invert_session.code
    worse = live_server.store.contributions(invert_session, "worse")
    ids = [w.id for w in worse]
    with joined_phone(live_server, code) as first, joined_phone(live_server, code) as second:
        pages = [first.get(f"/j/{code}").text, second.get(f"/j/{code}").text]
        ranks = [p.id for p in live_server.store.participants(invert_session)]
        for page, rank in zip(pages, (1, 2), strict=True):  # rank 0 is the seeding phone
            mine = spread(ids, rank, 2)
            assert re.findall(r'name="source_id" value="(\d+)"', page) == [str(i) for i in mine]
            for item in worse:
                shown = f"{item.text}</p>" in page
                assert shown == (item.id in mine)
            assert page.count('<form method="post"') == 2
            assert len(set(re.findall(r'name="key" value="([^"]+)"', page))) == 2
            assert "Retournée en bonne idée" in page
        assert len(ranks) == 3
        # every worse idea is covered by the two phones
        covered = {int(i) for p in pages for i in re.findall(r'name="source_id" value="(\d+)"', p)}
        assert covered == set(ids)

        target = spread(ids, 1, 2)[0]
        response = answer(first, code, source_id=str(target), text="Ouvrir entre midi et deux")
        assert response.status_code == 303
        confirmation = main_text(first.get(response.headers["location"]).text)
        assert "Votre réponse a bien été reçue" in confirmation
        assert "Ouvrir entre midi et deux" in confirmation
        (row,) = live_server.store.contributions(invert_session, "turn")
        assert row.body == {"source_id": target, "text": "Ouvrir entre midi et deux"}
        pair = next(p for p in synthesis.pairs(synthesis.snapshot(live_server.store, code),
                                               invert_session.exercise.phase("turn"))
                    if p.worse.id == target)
        assert [b.text for b in pair.better] == ["Ouvrir entre midi et deux"]

        json_items = state(first, code)["items"]
        assert [i["id"] for i in json_items] == spread(ids, 1, 2)
        assert json_items[0]["text"] == next(w.text for w in worse if w.id == json_items[0]["id"])


def test_invert_refusals_are_tied_to_the_right_form(live_server, invert_session):
    code = invert_session.code
    with joined_phone(live_server, code) as device:
        page = device.get(f"/j/{code}").text
        first, second = re.findall(r'name="source_id" value="(\d+)"', page)
        empty = answer(device, code, source_id=second, text="  ")
        assert empty.status_code == 422
        assert (f'aria-describedby="worse-{second} text-{second}-error"' in empty.text)
        assert f'id="text-{second}-error">{FR("Please write something before sending.")}' \
            in empty.text.replace("&#39;", "'").replace("’", "’")
        assert f'aria-describedby="worse-{first}"' in empty.text  # the other form is untouched
        unknown = answer(device, code, source_id="999999", text="Ouvrir")
        assert unknown.status_code == 422
        assert 'id="source-error"' in unknown.text
        assert FR("Choose one of the ideas to turn around.") in main_text(unknown.text)
    assert live_server.store.contributions(invert_session, "turn") == []


# --- persona ----------------------------------------------------------------------------
def test_persona_waits_for_the_table_persona_then_shows_the_card(live_server, every_kind):
    session = session_at(live_server, every_kind, "map")
    code = session.code
    with joined_phone(live_server, code, table="Table 2") as device:
        waiting = device.get(f"/j/{code}").text
        assert 'id="no-persona"' in waiting and 'id="answer-form"' not in waiting
        assert state(device, code)["persona"] is None
        live_server.store.update_board(session, "personas:map", lambda b: {
            "room": "karim-infirmier", "tables": {"Table 2": "odette-retraitee-rurale"}})
        page = device.get(f"/j/{code}").text
        text = main_text(page)
        assert "Odette Marchand, 78 ans" in text
        assert "« " in text and "Ancienne agricultrice" in text
        for part, label in (("says", "Ce que dit Odette Marchand"),
                            ("needs", "Ce dont Odette Marchand a besoin"),
                            ("pains", "Ce qui gêne Odette Marchand")):
            assert f'<label for="field-{part}">{label}</label>' in page
        assert 'id="field-feels"' not in page  # only the phase's fields
        refused = answer(device, code, text="Je n'ai pas internet")
        assert refused.status_code == 422
        assert 'aria-describedby="field-error"' in refused.text
        assert "Je n&#39;ai pas internet</textarea>" in refused.text
        assert answer(device, code, field="pains", text="Je n'ai pas internet"
                      ).status_code == 303
        mine = main_text(device.get(f"/j/{code}").text)
        assert "Ce qui gêne Odette Marchand : Je n'ai pas internet" in mine
        english = state(device, code, "en")
        assert english["persona"]["name"] == "Odette Marchand"
        assert english["persona"]["age"] == 78
        assert english["persona"]["situation"].startswith("A retired farmer")
        assert [f["id"] for f in english["fields"]] == ["says", "needs", "pains"]
        assert english["fields"][2]["label"] == "What gets in Odette Marchand's way"
    with joined_phone(live_server, code, table="Table 9") as other:  # no table persona: room's
        assert "Karim" in main_text(other.get(f"/j/{code}").text)
    (row,) = live_server.store.contributions(session, "map")
    assert row.body == {"persona": "odette-retraitee-rurale", "field": "pains",
                        "text": "Je n'ai pas internet"}


# --- argument ---------------------------------------------------------------------------
def test_argument_shows_the_proposition_and_the_swapped_viewpoint(live_server, every_kind):
    session = session_at(live_server, every_kind, "debate")
    code = session.code
    with joined_phone(live_server, code, role="agent") as device:
        page = device.get(f"/j/{code}").text
        text = main_text(page)
        assert "Fermer le guichet le samedi" in text
        assert "Argumentez comme le ferait un usager ou une usagère du service." in text
        assert '<label for="side-for">Pour</label>' in page
        assert '<label for="side-against">Contre</label>' in page
        no_side = answer(device, code, text="Je travaille en semaine")
        assert no_side.status_code == 422
        assert 'aria-describedby="viewpoint side-error"' in no_side.text
        assert answer(device, code, side="against", text="Je travaille en semaine"
                      ).status_code == 303
        assert "Contre : Je travaille en semaine" in main_text(device.get(f"/j/{code}").text)
        doc = state(device, code, "en")
        assert doc["proposition"] == "Close the desk on Saturdays"
        assert doc["viewpoint"] == "usager"
        assert doc["viewpoint_label"] == "Argue as a service user would."
    (row,) = live_server.store.contributions(session, "debate")
    assert row.body == {"side": "against", "viewpoint": "usager",
                        "text": "Je travaille en semaine"}
    assert row.role == "agent"


def test_the_facilitator_seats_a_phone_and_gives_its_table_a_viewpoint(live_server,
                                                                        every_kind):
    store = live_server.store
    session = session_at(live_server, every_kind, "debate")
    code = session.code
    with joined_phone(live_server, code, role="agent") as device:
        before = state(device, code)
        assert (before["table"], before["viewpoint"]) == (None, "usager")
        assert 'id="your-table"' not in device.get(f"/j/{code}").text
        (me,) = store.participants(session)
        boards.set_seating(store, session, {me.id: 2}, 2)  # "Propose mixed tables"
        boards.give_viewpoint(store, session, "seat:2", "elu")  # table 2 argues as élus
        after = state(device, code)
        assert (after["table"], after["viewpoint"]) == (2, "elu")
        assert after["assigned"] != before["assigned"]  # what makes an open page reload
        text = main_text(device.get(f"/j/{code}").text)
        assert "Votre table : 2" in text
        assert "Argumentez comme le ferait un ou une élue." in text
        assert answer(device, code, side="for", text="Un budget participatif"
                      ).status_code == 303
    (row,) = store.contributions(session, "debate")
    assert row.body["viewpoint"] == "elu" and row.role == "agent"


# --- scale ------------------------------------------------------------------------------
def test_scale_offers_labelled_ends_and_the_last_rating_counts(live_server, every_kind):
    session = session_at(live_server, every_kind, "mood")
    code = session.code
    with joined_phone(live_server, code) as device:
        page = device.get(f"/j/{code}").text
        assert page.count('type="radio" name="value"') == 5
        assert '<label for="value-1">1 : Pas du tout</label>' in page
        assert '<label for="value-5">5 : Tout à fait</label>' in page
        assert '<label for="value-3">3</label>' in page
        assert "De 1 (Pas du tout) à 5 (Tout à fait)." in main_text(page)
        nothing = answer(device, code)
        assert nothing.status_code == 422
        assert 'id="value-error">Choisissez une valeur de 1 à 5.' in nothing.text
        assert answer(device, code, value="6").status_code == 422
        assert answer(device, code, value="2").status_code == 303
        assert answer(device, code, value="4").status_code == 303
        again = device.get(f"/j/{code}").text
        assert re.search(r'id="value-4" value="4"\s+checked', again)
        assert "Votre réponse retenue" in main_text(again) and "4 sur 5" in main_text(again)
        doc = state(device, code)
        assert (doc["steps"], doc["low"], doc["high"]) == (5, "Pas du tout", "Tout à fait")
    summary = synthesis.scale_summary(synthesis.snapshot(live_server.store, code),
                                      session.exercise.phase("mood"))
    assert summary.distribution == (0, 0, 0, 1, 0)


# --- ideas in columns -------------------------------------------------------------------
def test_a_feedback_grid_asks_for_the_column(live_server, every_kind):
    session = session_at(live_server, every_kind, "grid")
    code = session.code
    with joined_phone(live_server, code, lang="en") as device:
        page = device.get(f"/j/{code}").text
        assert "<legend>Which column?</legend>" in page
        assert '<label for="category-1">To improve</label>' in page
        refused = answer(device, code, text="Signage")
        assert refused.status_code == 422
        assert 'id="category-error">Choose a column for your answer.' in refused.text
        assert ">Signage</textarea>" in refused.text
        assert answer(device, code, text="Signage", category="1").status_code == 303
        assert "To improve: Signage" in main_text(device.get(f"/j/{code}").text)
        assert state(device, code, "en")["categories"] == ["What works", "To improve"]
    (row,) = live_server.store.contributions(session, "grid")
    assert row.body == {"text": "Signage", "category": 1}


# --- the facilitator's phases -----------------------------------------------------------
@pytest.mark.parametrize("phase_id", ["themes", "pitches"])
def test_phones_watch_while_the_facilitator_works(live_server, every_kind, phase_id):
    session = session_at(live_server, every_kind, phase_id)
    code = session.code
    with joined_phone(live_server, code) as device:
        page = device.get(f"/j/{code}").text
        text = main_text(page)
        phase = every_kind.phase(phase_id)
        assert f"<h1>{phase.title.fr}</h1>" in page and phase.prompt.fr in text.replace("’", "'")
        assert "L'animation travaille à l'écran" in text.replace("’", "'")
        assert "<form" not in page[page.index("<main"):page.index("</main>")]
        assert 'id="closed"' not in page
        doc = state(device, code)
        assert doc["collects"] is False and doc["accepting"] is False
        refused = device.post_json(f"/palabre/api/sessions/{code}/contributions",
                                   {"key": "watch-00001", "answer": {"text": "x"},
                                    "phase": phase_id})
        assert refused.status_code == 409
        assert refused.json()["error"] == "nothing_to_answer"


# --- the JSON API for the richer kinds --------------------------------------------------
def test_the_json_api_takes_every_kind_of_answer(live_server, every_kind):
    from tests.server.conftest import act

    session = session_at(live_server, every_kind, "worse")
    code = session.code
    url = f"/palabre/api/sessions/{code}/contributions"
    with phone(live_server, lang="fr") as device:
        device.post_json(f"/palabre/api/sessions/{code}/participants", {"role": "usager",
                                                                         "table": "T1"})
        worse = device.post_json(url, {"key": "json-worse-1", "answer": {"text": "Pire"}})
        assert worse.status_code == 201
        live_server.store.update_board(session, "personas:map",
                                       lambda b: {"room": "karim-infirmier"})
        sent = {}
        for phase_id, body in (
                ("turn", {"source_id": worse.json()["id"], "text": "Mieux"}),
                ("map", {"field": "says", "text": "Je suis pressé"}),
                ("debate", {"side": "for", "text": "Moins de files"}),
                ("mood", {"value": 3}),
                ("grid", {"text": "Bon café", "category": 0})):
            act(live_server, code, "go", index=every_kind.index(phase_id))
            response = device.post_json(url, {"key": f"json-{phase_id}-1", "phase": phase_id,
                                              "answer": body})
            assert response.status_code == 201, (phase_id, response.text)
            sent[phase_id] = response.json()["id"]
        act(live_server, code, "go", index=every_kind.index("debate"))
        wrong = device.post_json(url, {"key": "json-debate-2", "answer": {"side": "maybe",
                                                                          "text": "x"}})
        assert wrong.status_code == 422 and wrong.json()["field"] == "side"
    rows = {c.phase_id: c.body for c in live_server.store.contributions(session)}
    assert rows["map"] == {"persona": "karim-infirmier", "field": "says",
                           "text": "Je suis pressé"}
    assert rows["debate"]["viewpoint"] == "agent"  # a usager argues as an agent
    assert rows["mood"] == {"value": 3} and rows["grid"]["category"] == 0
