"""The JSON API against the real server: phones (public) and the facilitator (token)."""

from __future__ import annotations

import httpx
import pytest

from palabre.i18n import Translator
from tests.fixtures.server import phone
from tests.server.conftest import act

FR, EN = Translator("fr"), Translator("en")


@pytest.fixture
def device(live_server, session):
    """A phone that joined `session` through the JSON API."""
    with phone(live_server, lang="fr") as client:
        assert client.post_json(f"/palabre/api/sessions/{session.code}/participants",
                                {}).status_code == 201
        yield client


def contribute(device, code, answer, key, **extra):
    return device.post_json(f"/palabre/api/sessions/{code}/contributions",
                            {"key": key, "answer": answer, **extra})


# --- state ------------------------------------------------------------------------------
def test_state_describes_the_current_phase_and_sets_xsrf(live_server, session):
    with phone(live_server) as client:
        response = client.get(f"/palabre/api/sessions/{session.code}")
        assert "_xsrf" in client.cookies
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    state = response.json()
    assert state["code"] == session.code and state["title"] == "Atelier test"
    assert state["question"] == "Comment être plus proche de ses usagers ?"
    assert state["version"] == session.version
    phase = state["phase"]
    assert phase["id"] == "worsen" and phase["kind"] == "ideas"
    assert phase["index"] == 0 and phase["count"] == 4
    assert phase["accepting"] is True and phase["results_visible"] is False
    assert phase["timebox_min"] == 10 and phase["remaining_s"] == 600
    assert phase["max_chars"] == 280


def test_state_in_english_and_after_actions(live_server, session):
    act(live_server, session.code, "go", index=session.exercise.index("vote"))
    act(live_server, session.code, "timer_start")
    with phone(live_server) as client:
        state = client.get(f"/palabre/api/sessions/{session.code}?lang=en").json()
    assert state["lang"] == "en"
    assert state["phase"]["title"] == "Vote" and state["phase"]["kind"] == "vote"
    assert state["phase"]["dots"] == 3 and state["phase"]["items"] == []
    assert state["phase"]["timer_running"] is True
    assert state["version"] == 2


def test_unknown_session_is_a_json_404_in_the_phone_language(live_server):
    with phone(live_server, lang="en") as client:
        response = client.get("/palabre/api/sessions/QQQQQ")
    assert response.status_code == 404
    assert response.json() == {
        "error": "unknown_session", "field": "code",
        "message": "No workshop has the code QQQQQ. Check the code shown on the screen, or "
                   "ask the facilitator."}


# --- joining ----------------------------------------------------------------------------
def test_join_is_201_then_200_and_one_device_is_one_participant(live_server, session):
    with phone(live_server) as client:
        url = f"/palabre/api/sessions/{session.code}/participants"
        first = client.post_json(url, {"role": "usager", "table": "Table 1"})
        assert first.status_code == 201
        assert "palabre_device" in client.cookies
        again = client.post_json(url, {"role": "agent"})
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]
    (person,) = live_server.store.participants(session)
    assert person.role == "agent" and person.table == "Table 1"


def test_join_refuses_an_unknown_role(live_server, session):
    with phone(live_server) as client:
        response = client.post_json(f"/palabre/api/sessions/{session.code}/participants",
                                    {"role": "roi"})
    assert response.status_code == 422
    assert response.json()["field"] == "role"


# --- contributions ----------------------------------------------------------------------
def test_contribution_is_201_and_a_replay_is_200_with_nothing_new(live_server, session,
                                                                  device):
    first = contribute(device, session.code, {"text": "Supprimer le numéro"}, "key-000001",
                       phase="worsen")
    assert first.status_code == 201
    body = first.json()
    assert body["created"] is True and body["phase"] == "worsen"
    replay = contribute(device, session.code, {"text": "Supprimer le numéro"}, "key-000001")
    assert replay.status_code == 200
    assert replay.json() == {**body, "created": False}
    (row,) = live_server.store.contributions(session)
    assert row.id == body["id"] and row.key == "key-000001"


def test_a_replay_after_the_phase_changed_still_returns_the_original(live_server, session,
                                                                     device):
    first = contribute(device, session.code, {"text": "Idée"}, "key-000002", phase="worsen")
    act(live_server, session.code, "advance")
    replay = contribute(device, session.code, {"text": "Idée"}, "key-000002", phase="worsen")
    assert replay.status_code == 200 and replay.json()["id"] == first.json()["id"]
    assert len(live_server.store.contributions(session)) == 1


def test_an_answer_for_another_phase_is_409(live_server, session, device):
    act(live_server, session.code, "advance")
    response = contribute(device, session.code, {"text": "Trop tard"}, "key-000003",
                          phase="worsen")
    assert response.status_code == 409
    assert response.json()["error"] == "phase_changed"
    assert live_server.store.contributions(session) == []


def test_closed_phase_is_409(live_server, session, device):
    act(live_server, session.code, "close")
    response = contribute(device, session.code, {"text": "Fermé"}, "key-000004")
    assert response.status_code == 409
    assert response.json() == {"error": "phase_closed", "field": None, "message": FR(
        "Answers are closed for this phase. Look at the screen: the facilitator will open "
        "the next one.")}


def test_too_long_is_422_with_the_limit_in_the_message(live_server, session, device):
    response = contribute(device, session.code, {"text": "a" * 281}, "key-000005")
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "too_long" and body["field"] == "text"
    assert "280" in body["message"] and "281" in body["message"]


def test_empty_and_malformed_answers_are_422(live_server, session, device):
    assert contribute(device, session.code, {"text": " "}, "key-000006").json()["error"] == \
        "empty"
    assert contribute(device, session.code, "not an object", "key-000007").status_code == 400
    bad_key = contribute(device, session.code, {"text": "x"}, "no")
    assert bad_key.status_code == 400 and bad_key.json()["error"] == "bad_key"
    not_json = device.post(f"/palabre/api/sessions/{session.code}/contributions",
                           content=b"{oops", headers={"X-XSRFToken": device.xsrf()})
    assert not_json.status_code == 400 and not_json.json()["error"] == "bad_request"
    assert live_server.store.contributions(session) == []


def test_vote_over_budget_and_choice_limits_over_json(live_server):
    session = live_server.new_session("personas")
    with phone(live_server) as author:
        author.post_json(f"/palabre/api/sessions/{session.code}/participants", {})
        act(live_server, session.code, "go", index=session.exercise.index("proposals"))
        ids = [contribute(author, session.code, {"text": t}, f"seed-{i:06d}").json()["id"]
               for i, t in enumerate(("A", "B"))]
        act(live_server, session.code, "go", index=session.exercise.index("vote"))
        over = contribute(author, session.code, {"dots": {str(ids[0]): 2, str(ids[1]): 2}},
                          "vote-000001")
        assert over.status_code == 422
        assert over.json()["message"] == FR(
            "You have {dots} dots and placed {used}. Remove some and send again.",
            dots=3, used=4)
        ok = contribute(author, session.code, {"dots": {str(ids[0]): 2, str(ids[1]): 1}},
                        "vote-000002")
        assert ok.status_code == 201


def test_a_device_that_has_not_joined_is_told_to_join(live_server, session):
    with phone(live_server, lang="en") as client:
        response = contribute(client, session.code, {"text": "x"}, "key-000008")
    assert response.status_code == 403
    assert response.json()["error"] == "not_joined"
    assert response.json()["message"] == EN(
        "Join the workshop first: open the link shown on the screen.")


def test_missing_xsrf_is_a_json_403(live_server, session, device):
    response = device.post(f"/palabre/api/sessions/{session.code}/contributions",
                           json={"key": "key-000009", "answer": {"text": "x"}})
    assert response.status_code == 403
    assert response.json()["error"] == "xsrf"
    assert live_server.store.contributions(session) == []


def test_a_body_over_the_cap_is_413(live_server, session, device):
    response = contribute(device, session.code, {"text": "x" * 70_000}, "key-000010")
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    form = device.post_form(f"/j/{session.code}/answer", {"key": "key-000011",
                                                          "text": "x" * 70_000})
    assert form.status_code == 413
    assert "trop volumineux" in form.text


def test_rate_limit_is_429_with_retry_after(live_server, session, device):
    statuses = []
    for i in range(45):  # device_rate is 30 a minute: the bucket empties well before 45
        response = contribute(device, session.code, {"text": f"idée {i}"}, f"burst-{i:06d}")
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[-1] == 429, statuses
    assert statuses.count(201) >= 30
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["error"] == "slow_down"
    page = device.post_form(f"/j/{session.code}/answer", {"key": "burst-page", "text": "x"})
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "Trop de réponses à la fois" in page.text


# --- facilitator ------------------------------------------------------------------------
def test_facilitator_api_needs_the_token(live_server, session):
    anonymous = httpx.Client(base_url=live_server.local_url, timeout=10)
    with anonymous:
        assert anonymous.get("/palabre/api/sessions").status_code == 403
        listed = anonymous.get("/palabre/api/sessions").json()
        assert listed["error"] == "forbidden"
        create = anonymous.post("/palabre/api/sessions", json={"exercise": "reverse-brainstorm",
                                                               "title": "x"})
        assert create.status_code == 403
        action = anonymous.post(f"/palabre/api/sessions/{session.code}/actions",
                                json={"action": "advance"})
        assert action.status_code == 403
    with phone(live_server) as client:  # a phone with a valid _xsrf is still not a facilitator
        action = client.post_json(f"/palabre/api/sessions/{session.code}/actions",
                                  {"action": "advance"})
        assert action.status_code == 403
    assert live_server.store.session(session.code).state.phase_index == 0


def test_facilitator_creates_lists_and_drives_a_session(live_server):
    with live_server.facilitator() as laptop:
        created = laptop.post("/palabre/api/sessions", json={
            "exercise": "reverse-brainstorm", "title": "Forum de Rennes",
            "question": "Comment mieux accueillir ?", "place": "Mairie", "forum": "rennes"})
        assert created.status_code == 201, created.text
        code = created.json()["code"]
        listed = laptop.get("/palabre/api/sessions").json()["sessions"]
        assert code in [s["code"] for s in listed]
        url = f"/palabre/api/sessions/{code}/actions"
        assert laptop.post(url, json={"action": "advance"}).json()["phase"]["id"] == "flip"
        assert laptop.post(url, json={"action": "close"}).json()["phase"]["accepting"] is False
        assert laptop.post(url, json={"action": "go", "index": 0}).json()["phase"]["id"] == \
            "worsen"
        unknown = laptop.post(url, json={"action": "explode"})
        assert unknown.status_code == 422 and unknown.json()["field"] == "action"
        bad_format = laptop.post("/palabre/api/sessions", json={"exercise": "nope",
                                                                "title": "x"})
        assert bad_format.status_code == 422 and bad_format.json()["field"] == "exercise"
    session = live_server.store.session(code)
    assert session.title == "Forum de Rennes" and session.forum == "rennes"
    assert session.exercise.question.get("fr") == "Comment mieux accueillir ?"


@pytest.mark.parametrize("action", ["advance", "back", "open", "close", "reveal", "hide",
                                    "timer_start", "timer_pause", "timer_add_minute",
                                    "timer_reset"])
def test_every_action_is_accepted(live_server, session, action):
    act(live_server, session.code, action)
