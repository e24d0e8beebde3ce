"""A stopped server is never invisible: `palabre start` in a terminal, the console and the
room's screen open in Chromium, Ctrl+C; both pages say in French that the server has stopped,
and once the facilitator starts it again on the same port and store, that it is back, and they
come back to life (a new kernel reading the same store)."""

from __future__ import annotations

import contextlib
import signal
import socket

import pytest
from playwright.sync_api import Error as PlaywrightError

from palabre.store import Store
from tests.fixtures.browser import screenshot

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000
BAND_DEADLINE_MS = 15_000  # the page checks every 2 s, then every second while stopped
STOPPED = "Le serveur de l’atelier est arrêté"
BACK = "Le serveur de l’atelier est de retour"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def band(page) -> str:
    return page.inner_text(".palabre-server-state")


REMEMBER_BACK = """() => new MutationObserver(() => {
    const band = document.querySelector('.palabre-server-state.palabre-back');
    if (band) sessionStorage.setItem('palabre-test-back', band.textContent);
}).observe(document.body, {subtree: true, childList: true, attributes: true})"""


def test_console_and_rooms_screen_say_the_server_stopped_and_is_back(servers, browser,
                                                                      tmp_path):
    db_url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    port = str(free_port())
    first = servers.start("--db", db_url, "--port", port, "--title", "Atelier Vannes")
    code = first.ready["code"]
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="fr-FR")
    try:
        console, screen = context.new_page(), context.new_page()
        console.goto(first.ready["facilitator_url"])
        screen.goto(first.ready["audience_url"])
        for page, ready in ((console, ".palabre-next"), (screen, ".palabre-audience-prompt")):
            page.wait_for_function(
                "ready => !window.palabreBeforeStop && document.querySelector(ready)",
                arg=ready, timeout=KERNEL_DEADLINE_MS)
        assert console.locator(".palabre-server-state").count() == 0
        for page in (console, screen):  # gone once the page has reloaded
            page.evaluate("() => { window.palabreBeforeStop = true; }")

        first.process.send_signal(signal.SIGINT)  # the facilitator's Ctrl+C
        first.process.wait(timeout=30)
        for page, name in ((console, "console"), (screen, "audience")):
            page.wait_for_selector(".palabre-server-state:not(.palabre-back)",
                                   timeout=BAND_DEADLINE_MS)
            assert STOPPED in band(page), name
            # Below the band, not under it, and the dead controls no longer take a click.
            assert page.evaluate("""() => {
                const band = document.querySelector('.palabre-server-state');
                const top = document.querySelector('.palabre-audience, .palabre-room');
                return top.getBoundingClientRect().top >= band.getBoundingClientRect().bottom
                    && document.getElementById('rendered_cells').inert; }""") is True, name
            screenshot(page, f"server-stopped-{name}-1280x720")

        # Each page shows « de retour » for 1.5 s, then reloads, each at its own moment: what
        # each showed is written down in the tab (sessionStorage outlives the reload), so
        # looking at one page never makes the test miss the other's.
        for page in (console, screen):
            page.evaluate(REMEMBER_BACK)
        again = servers.start("--db", db_url, "--port", port, "--session", code)
        assert again.ready["code"] == code
        for page, name in ((console, "console"), (screen, "audience")):
            said = page.wait_for_function("() => sessionStorage.getItem('palabre-test-back')",
                                          timeout=BAND_DEADLINE_MS).json_value()
            assert BACK in said, name
            with contextlib.suppress(PlaywrightError):  # still showing it: keep a picture
                if page.locator(".palabre-server-state.palabre-back").count():
                    screenshot(page, f"server-back-{name}-1280x720")
        # The page comes back to life: reloaded, a new kernel on the same store, no band.
        for page, ready in ((console, ".palabre-next"), (screen, ".palabre-audience-prompt")):
            page.wait_for_function(
                "ready => !window.palabreBeforeStop && document.querySelector(ready)",
                arg=ready, timeout=KERNEL_DEADLINE_MS)
        assert console.locator(".palabre-server-state").count() == 0
        assert screen.locator(".palabre-server-state").count() == 0
        screenshot(console, "server-recovered-console-1280x720")
        screenshot(screen, "server-recovered-audience-1280x720")

        store = Store.open(db_url)
        try:
            second = store.session(code).exercise.phases[1].prompt.fr
        finally:
            store.close()
        console.click(".palabre-next")  # and it works again: the room's screen follows
        screen.wait_for_function(
            "text => document.querySelector('.palabre-audience-prompt')?.innerText === text",
            arg=second, timeout=BAND_DEADLINE_MS)
    finally:
        context.close()
