"""The facilitator finds the follow-up page from the console: a link beside the room's
screen ones, opening /palabre/follow-ups/CODE with the console's own key (no token in it)."""

from __future__ import annotations

import pytest

from tests.fixtures.follow_ups import finished_room
from tests.workshops.test_audience import KERNEL_DEADLINE_MS, url

pytestmark = pytest.mark.browser


def test_the_console_links_to_the_follow_ups(live_server, browser):
    session = finished_room(live_server.store)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="fr-FR")
    try:
        console = context.new_page()
        console.goto(url(live_server, "room.ipynb", session.code))
        console.wait_for_selector(".palabre-follow-ups", timeout=KERNEL_DEADLINE_MS)
        link = console.locator(".palabre-follow-ups")
        assert link.inner_text() == "Suites données aux propositions"
        assert "token" not in link.get_attribute("href")
        with context.expect_page() as opened:
            link.click()
        page = opened.value
        page.wait_for_load_state()
        assert page.url.split("?")[0].endswith(f"/palabre/follow-ups/{session.code}")
        assert page.locator("h1").inner_text() == "Suites données aux propositions"
        assert page.locator("#proposals tbody tr").count() == 3
    finally:
        context.close()
