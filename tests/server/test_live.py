"""Phones follow the room (issue 11): the state pushed as Server-Sent Events within a second
of a change made through the store, whichever process made it."""

from __future__ import annotations

import json
import time

import httpx

from palabre import boards
from tests.server.conftest import act
from tests.server.test_votes import big_room


def events(response: httpx.Response):
    """The `room` events of a stream, as dicts, as they arrive."""
    data = None
    for line in response.iter_lines():
        if line.startswith("data: "):
            data = json.loads(line[6:])
        elif line == "" and data is not None:
            yield data
            data = None


def test_a_phase_change_is_pushed_within_a_second(live_server):
    session = live_server.new_session()
    url = f"/palabre/api/sessions/{session.code}/events"
    with httpx.Client(base_url=live_server.local_url, timeout=10,
                      headers={"Accept-Language": "fr"}) as client, \
            client.stream("GET", url) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        stream = events(response)
        first = next(stream)
        assert first["phase"]["id"] == "worsen" and first["phase"]["accepting"] is True
        assert first["phase"]["title"] == "Pire idée"
        moved = time.monotonic()
        # The change goes through the store, as the dashboard's kernel makes it.
        live_server.store.update_state(session.code, lambda s: s.state.advance(s.exercise))
        second = next(stream)
        took = time.monotonic() - moved
        assert second["phase"]["id"] == "flip"
        assert second["version"] > first["version"]
        assert took < 1.0, f"the change took {took:.2f} s to reach the phone"
        act(live_server, session.code, "close")
        assert next(stream)["phase"]["accepting"] is False


def test_watching_phones_are_told_who_speaks_and_the_themes_as_they_form(live_server):
    session, rows = big_room(live_server, answers=6)
    store = live_server.store
    act(live_server, session.code, "go", index=1)  # grouping: phones watch
    url = f"/palabre/api/sessions/{session.code}/events"
    with httpx.Client(base_url=live_server.local_url, timeout=10) as client, \
            client.stream("GET", url) as response:
        stream = events(response)
        assert next(stream)["themes"] == []
        boards.set_themes(store, session, "ideas", [("Accueil", [rows[0].id, rows[1].id])])
        assert next(stream)["themes"] == [{"title": "Accueil", "ideas": 2}]
        act(live_server, session.code, "go", index=3)  # the pitch
        assert next(stream)["speaker"]["team"] is None
        boards.set_pitch_order(store, session, "pitch", ["Table des Lilas", "Table 2"])
        boards.pitch_action(store, session, "pitch", "start")
        said = next(stream)
        while not said["speaker"]["running"]:
            said = next(stream)
        assert said["speaker"]["team"] == "Table des Lilas"
        assert said["speaker"]["next"] == "Table 2"
        assert 0 < said["speaker"]["remaining_s"] <= 120
    page = httpx.get(live_server.url(f"/j/{session.code}"), headers={"Accept-Language": "fr"})
    assert page.status_code == 200  # a phone that did not join: the join page, not a 500


def test_an_unknown_session_has_no_stream(live_server):
    response = httpx.get(live_server.url("/palabre/api/sessions/ZZZZZ/events"),
                         headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response.json()["error"] in ("unknown_session", "bad_code")


def test_a_phone_is_told_to_ask_for_its_own_part_when_tables_are_given(live_server):
    """Who sits where is each phone's own: the stream says only that it moved."""
    session = live_server.new_session()
    store = live_server.store
    someone = store.join(session, "device-seated-01")
    url = f"/palabre/api/sessions/{session.code}/events"
    with httpx.Client(base_url=live_server.local_url, timeout=10) as client, \
            client.stream("GET", url) as response:
        stream = events(response)
        before = next(stream)["assign"]
        boards.set_seating(store, session, {someone.id: 2}, tables=3)
        after = next(stream)
        assert after["assign"] != before
        assert after["phase"]["id"] == "worsen"  # the phase itself did not move
