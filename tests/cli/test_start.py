"""`palabre start`: the ready line, phones reaching the room, reopening where the room was."""

from __future__ import annotations

import re
import socket

import httpx
import pytest
from palabre.exercises import builtin_formats

from palabre.store import Store


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'atelier.sqlite'}"


def _api(ready: dict) -> str:
    base = ready["join_url"].rsplit("/j/", 1)[0]
    return f"{base}/palabre/api/sessions/{ready['code']}"


def test_start_prints_one_ready_line_and_phones_can_join(servers, db_url):
    started = servers.start("--db", db_url, "--exercise", "reverse-brainstorm",
                            "--title", "Atelier Rennes", "--place", "Rennes",
                            "--question", "Comment être plus proche de ses usagers ?")
    ready = started.ready
    assert set(ready) == {"facilitator_url", "audience_url", "join_url", "code", "pid"}
    assert ready["join_url"].endswith(f"/j/{ready['code']}")
    assert "token=" in ready["facilitator_url"] and ready["code"] in ready["facilitator_url"]
    # The console, and the room's screen for the projector, both for this session.
    assert "/voila/render/room.ipynb?" in ready["facilitator_url"]
    assert "/voila/render/audience.ipynb?" in ready["audience_url"]
    assert "token=" in ready["audience_url"] and ready["code"] in ready["audience_url"]
    assert ready["pid"] == started.process.pid

    page = httpx.get(ready["join_url"], timeout=10)
    assert page.status_code == 200
    assert "Atelier Rennes" in page.text
    state = httpx.get(_api(ready), timeout=10).json()
    assert state["title"] == "Atelier Rennes"
    assert state["question"] == "Comment être plus proche de ses usagers ?"
    assert state["phase"]["id"] == builtin_formats()["reverse-brainstorm"].phases[0].id

    store = Store.open(db_url)
    try:
        session = store.session(ready["code"])
        assert session.place == "Rennes" and session.exercise.id == "reverse-brainstorm"
    finally:
        store.close()


def test_start_session_reopens_the_room_where_it_was(servers, db_url):
    first = servers.start("--db", db_url, "--title", "Atelier Vitré")
    code = first.ready["code"]
    store = Store.open(db_url)
    try:
        store.update_state(code, lambda s: s.state.advance(s.exercise).close())
    finally:
        store.close()
    servers.stop(first)
    assert first.process.returncode is not None

    again = servers.start("--db", db_url, "--session", code.lower())
    assert again.ready["code"] == code
    # The facilitator's address (its key) is the same after the restart: a bookmark works.
    assert again.ready["facilitator_url"].split("token=")[1] == \
        first.ready["facilitator_url"].split("token=")[1]
    state = httpx.get(_api(again.ready), timeout=10).json()
    assert state["title"] == "Atelier Vitré"
    assert state["phase"]["id"] == builtin_formats()["reverse-brainstorm"].phases[1].id
    assert state["phase"]["accepting"] is False
    store = Store.open(db_url)
    try:
        assert [s.code for s in store.sessions()] == [code]  # reopened, not created again
    finally:
        store.close()


def test_start_demo_reopens_the_same_demonstration_with_answers(servers, db_url):
    first = servers.start("--db", db_url, "--demo")
    servers.stop(first)
    again = servers.start("--db", db_url, "--demo")
    assert again.ready["code"] == first.ready["code"]
    state = httpx.get(_api(again.ready), timeout=10).json()
    assert state["title"] == "Atelier de démonstration"
    store = Store.open(db_url)
    try:
        session = store.session(first.ready["code"])
        assert len(store.contributions(session, session.exercise.phases[0].id)) == 6
        assert len(store.participants(session)) == 6
    finally:
        store.close()


def test_start_with_an_unknown_format_is_one_clear_line(palabre, db_url):
    done = palabre("start", "--no-browser", "--db", db_url, "--exercise", "world-cafe")
    assert done.returncode == 2
    assert done.stderr.strip() == ("palabre : Format inconnu « world-cafe ». Formats connus : "
                                   "design-sprint, personas, reverse-brainstorm, role-swap.")
    english = palabre("--lang", "en", "start", "--no-browser", "--db", db_url,
                      "--exercise", "world-cafe")
    assert english.returncode == 2
    assert "Unknown format 'world-cafe'" in english.stderr


def test_start_with_an_unknown_session_is_one_clear_line(palabre, db_url):
    done = palabre("start", "--no-browser", "--db", db_url, "--session", "XXXXX")
    assert done.returncode == 2
    assert "Aucun atelier n'a le code XXXXX" in done.stderr
    assert "Traceback" not in done.stderr
    english = palabre("start", "--no-browser", "--db", db_url, "--session", "??",
                      env={"PALABRE_LANG": "en"})
    assert english.returncode == 2
    assert "No workshop has the code ??" in english.stderr


def test_start_on_a_port_in_use_is_one_clear_line(palabre, db_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = palabre("start", "--no-browser", "--db", db_url, "--host", "127.0.0.1",
                       "--port", str(port))
    assert done.returncode == 2
    assert f"Le port {port} est déjà utilisé" in done.stderr
    assert "Traceback" not in done.stderr


def test_start_with_a_bad_database_url_is_one_clear_line(palabre):
    done = palabre("--lang", "en", "start", "--no-browser", "--db", "mysql+nothing://x/y")
    assert done.returncode == 2
    assert "is not a database URL palabre can use" in done.stderr


def test_start_with_a_bad_date_is_one_clear_line(palabre, db_url):
    done = palabre("start", "--no-browser", "--db", db_url, "--date", "12/03/2026")
    assert done.returncode == 2
    assert "« 12/03/2026 » n'est pas une date" in done.stderr


def test_the_terminal_says_how_phones_and_helpers_connect(servers, db_url):
    started = servers.start("--db", db_url, "--title", "Atelier Fougères", json_line=False)
    banner = started.ready["banner"]
    assert "« Atelier Fougères » (Brainstorming inversé) est prêt." in banner
    join = re.search(r"Téléphones : ouvrez (\S+) \(code de l'atelier : ([A-Z0-9]{5})\)", banner)
    assert join is not None, banner
    assert join.group(1).endswith(f"/j/{join.group(2)}")
    assert "même Wi-Fi" in banner and "partage de connexion" in banner
    assert f"palabre start --session {join.group(2)}" in banner
    urls = re.findall(r"^  (http\S+)$", banner, flags=re.M)
    facilitator, assist = urls
    assert "token=" in facilitator and "token=" in assist
    assert httpx.get(join.group(1), timeout=10).status_code == 200
    helper = httpx.get(assist, timeout=10)  # the token in the address lets the helper in
    assert helper.status_code == 200
    without_token = httpx.get(assist.split("?")[0], timeout=10)
    assert without_token.status_code in (302, 401, 403)


def test_a_new_key_retires_the_addresses_printed_before(servers, db_url):
    first = servers.start("--db", db_url, "--title", "Atelier Dol")
    servers.stop(first)
    renewed = servers.start("--db", db_url, "--session", first.ready["code"], "--new-key")
    old_token = first.ready["facilitator_url"].split("token=")[1]
    assert renewed.ready["facilitator_url"].split("token=")[1] != old_token
    refused = httpx.get(renewed.ready["facilitator_url"].split("?")[0],
                        params={"session": first.ready["code"], "token": old_token},
                        timeout=30, follow_redirects=False)
    assert refused.status_code in (302, 403)  # the old key opens nothing any more
