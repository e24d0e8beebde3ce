"""Two palabre servers on one PostgreSQL store answering the same room (issue 14): a phone
answering through both has one budget, and a change made through one reaches the stream and
the open phone page of the other within a second. One SQLite file still takes one server
(tests/server/test_hardened.py: the second is refused with one line)."""

from __future__ import annotations

import asyncio
import queue
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa

from palabre.store import Store
from tests.fixtures.server import Phone, phone, start_server, stop_server
from tests.server.conftest import act
from tests.server.test_browser_room import PIXEL_7
from tests.server.test_live import events

pytestmark = pytest.mark.postgres

PUBLIC = "https://ateliers.example.gouv.fr"  # the central server behind its HTTPS proxy
DEVICE_RATE = 6  # a minute's answers per phone: a token back every 10 s


@pytest.fixture(scope="module")
def pair(postgres_server_url, tmp_path_factory):
    """Servers A and B on one fresh PostgreSQL database, behind one public address."""
    name = "palabre_pair_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(postgres_server_url).set(database=name)
    db_url = url.render_as_string(hide_password=False)
    env = {"PALABRE_DEVICE_RATE": str(DEVICE_RATE)}
    servers = []
    try:
        for label in ("a", "b"):
            servers.append(start_server(tmp_path_factory.mktemp(f"server_{label}"), env,
                                        db_url=db_url, args=("--public-url", PUBLIC)))
        for server in servers:  # ready for the facilitator: the first such answer is slow
            with server.facilitator() as laptop:
                assert laptop.get("/palabre/api/sessions").status_code == 200
        yield tuple(servers)
    finally:
        for server in servers:
            stop_server(server)
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def through(server, other: Phone) -> Phone:
    """The same phone (its cookies: device, language, _xsrf) reaching another server."""
    again = phone(server, lang="fr")
    again.cookies = other.cookies
    return again


def send(device: Phone, code: str, n: int) -> httpx.Response:
    return device.post_json(f"/palabre/api/sessions/{code}/contributions",
                            {"answer": {"text": f"Réponse {n}"}, "key": f"k-{code}-{n:03d}",
                             "phase": "worsen"})


def test_a_phone_answering_through_both_servers_is_limited_once(pair):
    a, b = pair
    session, other_room = a.new_session(), a.new_session()
    with phone(a, lang="fr") as via_a:
        assert via_a.join(session.code).status_code == 303
        with through(b, via_a) as via_b:
            statuses = [send(via_a if n % 2 else via_b, session.code, n).status_code
                        for n in range(DEVICE_RATE + 2)]
            refused = send(via_b, session.code, 99)
            assert via_b.join(other_room.code).status_code == 303
            elsewhere = send(via_b, other_room.code, 1)
    # 6 through the two servers together, not 6 through each.
    assert statuses == [201] * DEVICE_RATE + [429, 429]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "Wait" in refused.json()["message"] or "Attendez" in refused.json()["message"]
    assert len(a.store.contributions(session)) == DEVICE_RATE
    assert elsewhere.status_code == 201  # another room: a budget of its own


def test_a_phase_change_through_one_server_reaches_a_stream_on_the_other(pair):
    a, b = pair
    session = a.new_session()
    url = f"/palabre/api/sessions/{session.code}/events"
    seen: queue.Queue = queue.Queue()
    with httpx.Client(base_url=b.local_url, timeout=10,
                      headers={"Accept-Language": "fr"}) as client, \
            client.stream("GET", url) as response:
        assert response.status_code == 200
        stream = events(response)
        assert next(stream)["phase"]["id"] == "worsen"  # the stream is up on B

        def read() -> None:
            try:
                for event in stream:
                    seen.put((time.monotonic(), event))
            except httpx.HTTPError:  # the stream closed at the end of the test
                pass

        threading.Thread(target=read, daemon=True).start()
        moved = time.monotonic()
        act(a, session.code, "advance")  # through A's facilitator API
        at, event = seen.get(timeout=5)
    assert event["phase"]["id"] == "flip"
    assert at - moved < 1.0, f"{at - moved:.2f} s"


@pytest.mark.browser
def test_a_phase_change_through_one_server_reaches_a_phone_page_on_the_other(pair, browser):
    from playwright.sync_api import expect

    a, b = pair
    session = a.new_session()
    context = browser.new_context(locale="fr-FR", **PIXEL_7)
    page = context.new_page()
    try:
        page.goto(b.url(f"/j/{session.code}"))
        page.get_by_role("button", name="Participer").click()
        page.wait_for_selector("#live[data-live=stream]")  # B's stream feeds the page
        expect(page.locator("h1")).to_have_text("Pire idée")
        with page.expect_request(lambda r: r.is_navigation_request(), timeout=5000) as told:
            moved = time.monotonic()
            act(a, session.code, "advance")
        took = time.monotonic() - moved
        assert told.value.url.startswith(b.local_url)  # the page reloads from B
        assert took < 1.0, f"{took:.2f} s"
        expect(page.locator("h1")).not_to_have_text("Pire idée")
    finally:
        context.close()


def test_each_room_of_a_central_server_sees_only_its_own(pair):
    a, b = pair
    rooms = [a.new_session(title=f"Forum {n}") for n in range(3)]
    with a.facilitator() as laptop:
        created = laptop.post("/palabre/api/sessions", json={
            "exercise": "reverse-brainstorm", "title": "Forum régional"}).json()
    assert created["join_url"] == f"{PUBLIC}/j/{created['code']}"  # the address phones scan
    for n, room in enumerate(rooms):
        with phone(b if n % 2 else a, lang="fr") as device:
            assert device.join(room.code).status_code == 303
            assert send(device, room.code, n).status_code == 201
            state = device.get(f"/palabre/api/sessions/{room.code}").json()
            page = device.get(f"/j/{room.code}").text
        assert state["code"] == room.code and state["title"] == f"Forum {n}"
        assert f"Réponse {n}" in page  # its own answer, and no other room's
        assert not any(f"Réponse {m}" in page for m in range(3) if m != n)
        assert [c.text for c in a.store.contributions(room)] == [f"Réponse {n}"]


def test_a_phase_change_through_one_server_reaches_the_console_of_the_other(pair):
    """The console runs in a kernel of its own server and follows the store itself."""
    from widgets.console import RoomDashboard

    a, b = pair
    session = a.new_session()
    kernel_store = Store.open(b.db_url)

    async def follow() -> float:
        room = RoomDashboard(kernel_store, session.code, public_url=PUBLIC, live=True)
        try:
            assert room.live and room.phase_id == "worsen"
            moved = time.monotonic()
            await asyncio.to_thread(act, a, session.code, "advance")
            while room.phase_id != "flip":
                assert time.monotonic() - moved < 5, "the console never moved"
                await asyncio.sleep(0.02)
            return time.monotonic() - moved
        finally:
            room.dispose()

    try:
        # In a thread of its own: this module's Chromium keeps an event loop in this one.
        with ThreadPoolExecutor(1) as kernel:
            took = kernel.submit(asyncio.run, follow()).result()
    finally:
        kernel_store.close()
    assert took < 1.0, f"{took:.2f} s"
