"""A hostile participant's requests, one by one (issue 12): each gets a clear answer in the
person's language, never a 500, an empty body or a traceback, and never costs the room."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.server import phone, start_server, stop_server
from tests.server.conftest import answer, session_at

NESTED = b"[" * 50_000


def raw_request(server, head: str, body: bytes = b"", *, read_s: float = 10) -> bytes:
    """Send bytes as they are (no client would send them) and read the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_s) as conn:
        conn.sendall(head.encode("latin-1") + body)
        chunks = []
        while True:
            try:
                chunk = conn.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"</html>" in chunk or b"}" in chunk[-2:]:
                break
    return b"".join(chunks)


def no_traceback(server) -> None:
    assert "Traceback" not in server.stderr()


# --- 2. deeply nested JSON --------------------------------------------------------------
def test_deeply_nested_json_is_a_400_everywhere(live_server, session, joined):
    headers = {"X-XSRFToken": joined.xsrf(), "Content-Type": "application/json"}
    for path in (f"/palabre/api/sessions/{session.code}/participants",
                 f"/palabre/api/sessions/{session.code}/contributions"):
        response = joined.post(path, content=NESTED, headers=headers)
        assert response.status_code == 400, (path, response.text)
        assert response.json()["error"] == "bad_request"
    with live_server.facilitator() as laptop:
        response = laptop.post("/palabre/api/sessions", content=NESTED)
    assert response.status_code == 400
    no_traceback(live_server)


# --- 3. the token is never logged -------------------------------------------------------
def test_the_token_is_never_written_to_the_log(live_server, session):
    token = live_server.token
    with httpx.Client(base_url=live_server.local_url, timeout=10) as laptop:
        laptop.post(f"/palabre/api/sessions?token={token}", content=NESTED)
        laptop.post(f"/palabre/api/sessions/{session.code}/actions?token={token}",
                    json={"action": []})
        laptop.get(f"/palabre/api/sessions/{session.code}/photos/999?token={token}")
        laptop.request("TRACE", f"/palabre/assist/{session.code}?token={token}")
        laptop.post(f"/palabre/assist/{session.code}?token={token}", data={"x": "1"})
        laptop.get(f"/voila/render/nothing.ipynb?token={token}")
    assert token not in live_server.stderr()


# --- 4. error pages that cannot fail ----------------------------------------------------
def test_a_method_tornado_refuses_gets_a_page_and_allow(live_server, session):
    with phone(live_server, lang="fr") as device:
        response = device.request("TRACE", f"/j/{session.code}/join")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert '<html lang="fr">' in response.text and "Rechargez la page" in response.text
    no_traceback(live_server)


def test_a_broken_multipart_body_gets_a_page(live_server, session, joined):
    body = b"--XYZ\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nnot closed"
    response = joined.post(f"/j/{session.code}/photo", content=body, headers={
        "Content-Type": "multipart/form-data; boundary=XYZ", "X-XSRFToken": joined.xsrf()})
    assert response.status_code in (400, 403, 409, 422)
    assert '<html lang="fr">' in response.text
    no_traceback(live_server)


@pytest.mark.parametrize("path", ["/j/%FF/join", "/j/%FF", "/j/%ED%A0%80", "/j?code=%FF",
                                  "/j?code=%ED%A0%80&lang=%FF"])
def test_an_unreadable_address_gets_the_code_form_in_the_persons_language(live_server, path):
    with httpx.Client(base_url=live_server.local_url, timeout=10,
                      headers={"Accept-Language": "en"}) as device:  # no cookie: a first visit
        device.get("/j")
        xsrf = device.cookies.get("_xsrf")
        method = "POST" if path.endswith("/join") else "GET"
        response = device.request(method, path, data={"_xsrf": xsrf} if method == "POST"
                                  else None)
    assert response.status_code in (404, 422), response.text
    assert '<html lang="en">' in response.text
    assert 'name="code"' in response.text  # the phone can type the code again
    assert "A code has 5 letters or digits" in response.text
    no_traceback(live_server)


def test_a_blank_code_says_what_a_code_is(live_server):
    with phone(live_server, lang="fr") as device:
        response = device.get("/j/%20")
    assert response.status_code == 404
    assert "Un code compte 5 lettres ou chiffres" in response.text
    assert "le code  ." not in response.text


def test_the_plain_error_page_is_served_when_a_header_cannot_be_read(live_server, session):
    answer_ = raw_request(live_server, f"TRACE /j/{session.code}/join HTTP/1.1\r\nHost: x\r\n"
                          "Cookie: palabre_lang=\xff\r\nAccept-Language: \xff\r\n\r\n")
    assert answer_.startswith(b"HTTP/1.1 405")
    assert b"<html" in answer_
    no_traceback(live_server)


# --- 5. bodies refused while they stream, slow clients let go ---------------------------
def test_a_huge_announced_body_is_refused_before_it_is_sent(live_server, session):
    head = (f"POST /palabre/api/sessions/{session.code}/contributions HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {100 * 1024 * 1024}\r\n\r\n")
    started = time.monotonic()
    answer_ = raw_request(live_server, head)  # not a byte of the body is sent
    assert answer_.startswith(b"HTTP/1.1 413"), answer_[:200]
    assert b'"too_large"' in answer_
    assert time.monotonic() - started < 5


def test_a_body_over_the_cap_that_is_sent_anyway_is_read_away_then_refused(live_server,
                                                                           session, joined):
    response = joined.post_json(f"/palabre/api/sessions/{session.code}/contributions",
                                {"answer": {"text": "x" * 2_000_000}, "key": "big-000001"})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """A server with the bounds a test can reach in a few seconds."""
    server = start_server(tmp_path_factory.mktemp("strict_server"), {
        "PALABRE_BODY_TIMEOUT": "1", "PALABRE_IDENTITY_RATE": "5", "PALABRE_KIOSK_RATE": "2",
        "PALABRE_DEVICE_RATE": "5"})
    yield server
    stop_server(server)


def test_slow_bodies_do_not_hold_connections(strict_server):
    session = strict_server.new_session()
    head = (f"POST /palabre/api/sessions/{session.code}/participants HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    conns = []
    for _ in range(50):
        conn = socket.create_connection(("127.0.0.1", strict_server.port), timeout=10)
        conn.sendall(head.encode() + b"{")
        conns.append(conn)
    deadline = time.monotonic() + 10
    closed = 0
    for conn in conns:  # one byte, then nothing: each is let go after the body timeout
        conn.settimeout(max(deadline - time.monotonic(), 0.1))
        try:
            closed += conn.recv(1024) == b""
        except (ConnectionResetError, TimeoutError):
            closed += 1
        conn.close()
    assert closed == 50
    with phone(strict_server) as device:  # and the server still answers
        assert device.get(f"/j/{session.code}").status_code == 200


def test_a_phone_that_insists_is_logged_once_and_answered_slowly(strict_server):
    session = strict_server.new_session()
    with phone(strict_server) as device:  # joined: its device is who is refused
        assert device.post_json(f"/palabre/api/sessions/{session.code}/participants",
                                {}).status_code == 201
        timed = []
        for i in range(8):  # device_rate is 5 a minute here
            began = time.monotonic()
            status = device.post_json(f"/palabre/api/sessions/{session.code}/contributions",
                                      {"answer": {"text": f"idée {i}"}, "key": f"flood-{i:04d}"}
                                      ).status_code
            timed.append((status, time.monotonic() - began))
    refused = [seconds for status, seconds in timed if status == 429]
    assert len(refused) >= 3
    assert refused[0] < 0.5 and all(s >= 0.9 for s in refused[1:])  # the first at once
    lines = [line for line in strict_server.stderr().splitlines()
             if " 429 " in line and session.code in line]
    assert len(lines) == 1, lines


# --- 6. the facilitator's API checks every JSON type ------------------------------------
@pytest.mark.parametrize("body", [
    {"exercise": [], "title": "x"}, {"exercise": {}, "title": "x"},
    {"exercise": "reverse-brainstorm", "title": ["x"]},
    {"exercise": "reverse-brainstorm", "title": "x", "lang": ["fr"]},
    {"exercise": "reverse-brainstorm", "title": "x", "lang": 0}])
def test_creating_a_session_with_wrong_types_is_a_422(live_server, body):
    with live_server.facilitator() as laptop:
        response = laptop.post("/palabre/api/sessions", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["field"] in ("exercise", "title", "lang")


@pytest.mark.parametrize("action", [[], {}, 1, None, ["advance"]])
def test_an_action_of_the_wrong_type_is_a_422(live_server, session, action):
    with live_server.facilitator() as laptop:
        response = laptop.post(f"/palabre/api/sessions/{session.code}/actions",
                               json={"action": action})
    assert response.status_code == 422
    assert response.json()["error"] == "bad_action"


# --- 7. Voilà's template files without the token ----------------------------------------
@pytest.mark.parametrize("path", ["/voila/templates/palabre/conf.json",
                                  "/voila/templates/palabre/..%2F..%2Fconf.json",
                                  "/voila/templates/palabre/static/nothing.css"])
def test_voila_template_files_without_the_token_are_refused_cleanly(live_server, path):
    response = httpx.get(live_server.url(path), timeout=10, follow_redirects=False)
    assert response.status_code in (302, 403, 404), response.status_code
    no_traceback(live_server)


# --- 8. identities are bounded, 429s logged once a minute -------------------------------
def test_new_identities_are_bounded_per_address_and_kiosk(strict_server):
    session = strict_server.new_session()
    statuses = []
    for _ in range(8):
        with phone(strict_server) as device:
            statuses.append(device.post_json(
                f"/palabre/api/sessions/{session.code}/participants", {}).status_code)
    assert statuses[0] == 201 and statuses.count(201) <= 5  # 5 a minute from one address
    assert statuses[-3:] == [429] * 3
    other = strict_server.new_session()
    with phone(strict_server) as device:  # the address's budget is spent for every session
        assert device.join(other.code).status_code == 429


def test_a_kiosk_starts_a_few_people_a_minute(tmp_path):
    server = start_server(tmp_path, {"PALABRE_KIOSK_RATE": "2"})
    try:
        session = server.new_session()
        with phone(server, lang="fr") as tablet:
            tablet.get(f"/j/{session.code}?kiosk=1")
            statuses = []
            for _ in range(4):
                statuses.append(tablet.post_form(f"/j/{session.code}/kiosk/start",
                                                 {"role": ""}).status_code)
                tablet.post_form(f"/j/{session.code}/kiosk/next", {})
        assert statuses[:2] == [303, 303] and statuses[2:] == [429, 429]
        assert len(server.store.participants(session)) == 2
    finally:
        stop_server(server)


# --- 11. a blank option is no option ----------------------------------------------------
@pytest.mark.parametrize("choices", [[" "], [""], " ", ["", " "]])
def test_a_blank_choice_is_refused_not_read_as_the_first_option(live_server, every_kind,
                                                                 choices):
    session = session_at(live_server, every_kind, "survey")
    with phone(live_server, lang="fr") as device:
        device.join(session.code)
        response = device.post_json(f"/palabre/api/sessions/{session.code}/contributions",
                                    {"answer": {"choices": choices}, "key": "blank-0001"})
        assert response.status_code == 422
        assert response.json()["error"] == "choice_none"
        form = answer(device, session.code, choices="")
        assert form.status_code == 422
    assert live_server.store.contributions(session, "survey") == []


# --- 10. combining marks ----------------------------------------------------------------
def test_a_stack_of_combining_marks_is_capped_at_the_door(live_server, session):
    with phone(live_server, lang="fr") as device:
        assert device.join(session.code, table="T" + "\u0301" * 59).status_code == 303
        answer(device, session.code, text="a" + "\u0300\u0301\u0302" * 66 + " fin")
    participant = live_server.store.participants(session)[-1]
    assert participant.table == "T" + "\u0301" * 4
    stored = live_server.store.contributions(session)[-1].text
    assert stored == "\u00e0" + "\u0301\u0302\u0300\u0301" + " fin"  # à, then four marks


# --- two servers on one store -----------------------------------------------------------
def test_a_second_server_on_the_same_store_is_refused_with_one_line(live_server):
    second = subprocess.run(
        [sys.executable, "-m", "palabre.launcher", "--db", live_server.db_url, "--host",
         "127.0.0.1", "--port", "0", "--json", "--lang", "en"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PALABRE_LANG": "en",
             "PALABRE_DATA_DIR": str(live_server.data_dir)})
    assert second.returncode == 2
    assert "Another palabre server is already running on this store" in second.stderr
    assert "Traceback" not in second.stderr
    assert second.stdout.strip() == ""


# --- every JSON field, every wrong type ----------------------------------------------------
WRONG = [[], {}, [[]], {"a": []}, -1, 1.5, True, None, "", "x" * 300]


@pytest.fixture(scope="module")
def open_server(tmp_path_factory):
    """No rate limits: one phone sends every wrong type there is."""
    server = start_server(tmp_path_factory.mktemp("open_server"), {
        "PALABRE_DEVICE_RATE": "0", "PALABRE_SESSION_RATE": "0"})
    yield server
    stop_server(server)


def test_every_field_of_every_kind_of_the_wrong_type_is_refused_not_a_500(open_server,
                                                                         every_kind):
    live_server = open_server
    fields = ("text", "category", "source_id", "says", "needs", "pains", "side", "value",
              "photo", "caption", "dots", "choices")
    for phase in every_kind.phases:
        session = session_at(live_server, every_kind, phase.id)
        with phone(live_server, lang="en") as device:
            device.join(session.code)
            path = f"/palabre/api/sessions/{session.code}/contributions"
            for number, wrong in enumerate(WRONG):
                for field in fields:
                    response = device.post_json(path, {"answer": {field: wrong},
                                                       "key": f"w-{number:03d}-{field}"})
                    assert response.status_code < 500, (phase.id, field, wrong)
                for body in ({"answer": wrong, "key": f"a-{number:04d}"},
                             {"answer": {"text": "ok"}, "key": wrong},
                             {"answer": {"text": "ok"}, "key": f"p-{number:04d}",
                              "phase": wrong}):
                    assert device.post_json(path, body).status_code < 500, (phase.id, body)
                join = device.post_json(f"/palabre/api/sessions/{session.code}/participants",
                                        {"role": wrong, "table": wrong, "lang": wrong})
                assert join.status_code < 500, wrong
    no_traceback(live_server)


@pytest.mark.parametrize("body", [
    {"action": "go", "index": []}, {"action": "go", "index": "1"},
    {"action": "ballot", "mode": []}, {"action": "ballot", "mode": "shortlist", "items": [[1]]},
    {"action": "ballot", "mode": "shortlist", "items": [{}]},
    {"action": "ballot", "mode": "shortlist", "items": {"a": 1}},
    {"action": "ballot", "phase": [], "mode": "all"}, {"action": "ballot", "phase": {}}])
def test_actions_with_wrong_types_are_refused_not_a_500(live_server, every_kind, body):
    session = session_at(live_server, every_kind, "vote")
    with live_server.facilitator() as laptop:
        response = laptop.post(f"/palabre/api/sessions/{session.code}/actions", json=body)
    assert response.status_code == 422, response.text


def test_a_second_palabre_start_stops_before_it_writes_anything(live_server):
    before = len(live_server.store.sessions())
    second = subprocess.run(
        [str(Path(sys.executable).with_name("palabre")), "start", "--json", "--no-browser",
         "--host", "127.0.0.1", "--port", "0", "--db", live_server.db_url, "--lang", "fr",
         "--title", "Deuxième serveur"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PALABRE_DATA_DIR": str(live_server.data_dir)})
    assert second.returncode == 2, second.stderr
    assert "Un autre serveur palabre fonctionne déjà sur ce stockage" in second.stderr
    assert "Traceback" not in second.stderr
    assert len(live_server.store.sessions()) == before  # no workshop created on the way


def test_the_hostile_corpus_through_phone_and_kiosk_pages_comes_back_escaped(live_server):
    from palabre.text import MAX_MARKS
    from tests.exports.test_hostile import CORPUS, marks_run

    session = live_server.new_session()
    with phone(live_server, lang="fr") as device, phone(live_server, lang="fr") as tablet:
        assert device.join(session.code, table=CORPUS[7][:60]).status_code == 303
        tablet.get(f"/j/{session.code}?kiosk=1")
        assert tablet.post_form(f"/j/{session.code}/kiosk/start", {}).status_code == 303
        for i, text in enumerate(CORPUS):
            sent = answer(device if i % 2 else tablet, session.code, text=text)
            assert sent.status_code in (303, 422), (text, sent.status_code)
        pages = ""
        for who in (device, tablet):
            page = who.get(f"/j/{session.code}")
            assert page.status_code == 200
            assert "<script>alert(1)" not in page.text
            pages += page.text
            state = who.get(f"/palabre/api/sessions/{session.code}").json()
            assert state["code"] == session.code
    assert "&lt;script&gt;alert(1)" in pages  # shown, as text
    stored = [row.text for row in live_server.store.contributions(session)]
    assert "Coût : $x^2$ par usager" in stored
    tables = [p.table or "" for p in live_server.store.participants(session)]
    assert all(marks_run(text) <= MAX_MARKS for text in stored + tables)
    no_traceback(live_server)
