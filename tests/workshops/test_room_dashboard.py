"""The projector's dashboard in a real browser, served by the real server through Voilà, while
a phone answers over HTTP: what the facilitator and the room see."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlencode

import pytest
from palabre.exercises import builtin_formats

from tests.fixtures.browser import screenshot
from tests.fixtures.server import phone

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000  # a Voilà kernel takes about 2 s; a loaded CI box far more
LIVE_DEADLINE_MS = 5_000  # the dashboard polls every 0.5 s


def dashboard_url(server, code: str) -> str:
    query = urlencode({"session": code, "token": server.token})
    return server.url(f"/voila/render/room.ipynb?{query}")


def wall_shows(page, text: str, selector: str = ".palabre-wall") -> None:
    page.wait_for_function(
        "([selector, text]) => (document.querySelector(selector)?.innerText || '')"
        ".includes(text)", arg=[selector, text], timeout=LIVE_DEADLINE_MS)


def send(device, code: str, text: str, **fields) -> None:
    response = device.post_json(f"/palabre/api/sessions/{code}/contributions",
                                {"key": uuid.uuid4().hex, "answer": {"text": text, **fields}})
    assert response.status_code == 201, response.text


def phone_phase(device, code: str, expected: str, timeout: float = 5.0) -> str:
    """The phase a phone is told about, polled until it is `expected` or the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        response = device.get(f"/palabre/api/sessions/{code}")
        assert response.status_code == 200, response.text
        seen = response.json()["phase"]["id"]
        if seen == expected or time.monotonic() > deadline:
            return seen


def test_the_projector_follows_a_phone_and_the_phone_follows_the_projector(
        live_server, projector):
    session = live_server.new_session(title="Mairie de Quimper")
    code = session.code
    projector.goto(dashboard_url(live_server, code))
    projector.wait_for_selector(".palabre-qr svg", timeout=KERNEL_DEADLINE_MS)
    projector.wait_for_selector(".palabre-phase-title", timeout=KERNEL_DEADLINE_MS)
    first = builtin_formats()["reverse-brainstorm"].phases[0]
    assert projector.inner_text(".palabre-phase-title") == first.title.fr
    assert f"/j/{code}" in projector.inner_text(".palabre-join-url")
    assert live_server.token not in projector.inner_text("body")  # nothing projected shows it
    assert projector.eval_on_selector(".palabre-qr svg", "e => e.getBoundingClientRect().width") \
        >= 300

    with phone(live_server, lang="fr") as device:
        assert phone_phase(device, code, "worsen") == "worsen"  # also sets the _xsrf cookie
        joined = device.post_json(f"/palabre/api/sessions/{code}/participants", {})
        assert joined.status_code in (200, 201), joined.text

        # The worst ideas stay hidden until the round closes: the room sees a count only.
        send(device, code, "<b>Fermer</b> le guichet le samedi")
        wall_shows(projector, "1 réponse", ".palabre-counts")
        assert "Fermer" not in projector.inner_text(".palabre-wall")

        projector.click(".palabre-answers")  # close answers: the round ends, the wall shows
        wall_shows(projector, "<b>Fermer</b> le guichet le samedi")
        assert projector.locator(".palabre-wall b").count() == 0  # shown as text, escaped

        projector.click(".palabre-next")
        assert phone_phase(device, code, "flip") == "flip"
        flip = builtin_formats()["reverse-brainstorm"].phase("flip")
        wall_shows(projector, flip.title.fr, ".palabre-phase-title")

        # A phone is never handed its own worse idea: another phone turns it around.
        assert device.get(f"/palabre/api/sessions/{code}").json()["phase"]["items"] == []
        with phone(live_server, lang="fr") as other:
            assert phone_phase(other, code, "flip") == "flip"
            joined = other.post_json(f"/palabre/api/sessions/{code}/participants", {})
            assert joined.status_code in (200, 201), joined.text
            given = other.get(f"/palabre/api/sessions/{code}").json()["phase"]["items"]
            send(other, code, "Un guichet itinérant dans les villages",
                 source_id=given[0]["id"])
        wall_shows(projector, "Un guichet itinérant dans les villages")
    screenshot(projector, "room-dashboard")
    assert live_server.store.session(code).state.phase_index == 1


def test_an_unknown_session_gets_a_notice_on_the_projector_not_a_traceback(
        live_server, projector):
    projector.goto(dashboard_url(live_server, "ZZZZZ"))
    projector.wait_for_selector(".palabre-notice", timeout=KERNEL_DEADLINE_MS)
    assert "Aucun atelier n’a le code ZZZZZ." in projector.inner_text(".palabre-notice")
    assert "Traceback" not in projector.inner_text("body")
