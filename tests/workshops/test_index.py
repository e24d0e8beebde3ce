"""The facilitator's way in, in a real browser through the real server: create a workshop,
adjust a prompt before the room starts, and open its dashboard from the link, which carries no
token (the browser's login cookie from this page's own address is enough)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from palabre.exercises import builtin_formats

from tests.fixtures.browser import screenshot

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000
ACTION_DEADLINE_MS = 10_000


def test_create_adjust_and_open_a_workshop_from_the_index(live_server, projector):
    projector.goto(live_server.url(f"/voila/render/index.ipynb?"
                                   f"{urlencode({'token': live_server.token})}"))
    projector.wait_for_selector(".palabre-create", timeout=KERNEL_DEADLINE_MS)
    personas = builtin_formats()["personas"]
    projector.select_option(".palabre-picker select >> nth=0", label=personas.title.fr)
    projector.wait_for_function(
        "(question) => [...document.querySelectorAll('.palabre-picker textarea')]"
        ".some(t => t.value === question)", arg=personas.question.fr,
        timeout=ACTION_DEADLINE_MS)
    title = projector.locator(".palabre-picker .widget-text input").first
    title.fill("Maison France services de Pontivy")
    title.press("Tab")
    projector.click(".palabre-create")
    projector.wait_for_selector(".palabre-picker-link a", timeout=ACTION_DEADLINE_MS)

    (summary,) = [s for s in live_server.store.sessions()
                  if s.title == "Maison France services de Pontivy"]
    code = summary.code
    link = projector.get_attribute(".palabre-picker-link a", "href")
    assert link == f"personas.ipynb?session={code}"
    assert live_server.token not in projector.content()  # nowhere in the page, not even a link

    # Before starting: the proposals get the facilitator's own prompt and 25 minutes.
    row = projector.locator(".palabre-picker-row", has_text=personas.phase("proposals").title.fr)
    row.locator("textarea").fill("Une proposition concrète pour Pontivy")
    minutes = row.locator("input")
    minutes.fill("25")
    minutes.press("Tab")
    projector.click(".palabre-save")
    projector.wait_for_function(
        "() => document.querySelector('.palabre-save-status')?.innerText"
        ".includes('Modifications enregistrées')", timeout=ACTION_DEADLINE_MS)
    stored = live_server.store.session(code).exercise.phase("proposals")
    assert (stored.prompt.fr, stored.timebox_min) == ("Une proposition concrète pour Pontivy", 25)
    screenshot(projector, "index-created", ".palabre-picker")

    with projector.context.expect_page() as opened:
        projector.click(".palabre-picker-link a")
    room = opened.value
    room.wait_for_selector(".palabre-phase-title", timeout=KERNEL_DEADLINE_MS)
    assert "token" not in room.url
    assert room.inner_text(".palabre-phase-title") == personas.phases[0].title.fr
    room.click(".palabre-next")
    room.wait_for_function(
        "() => document.querySelector('.palabre-prompt')?.innerText === "
        "'Une proposition concrète pour Pontivy'", timeout=ACTION_DEADLINE_MS)
    room.wait_for_function(  # the countdown's message may trail the prompt's
        "() => document.querySelector('.palabre-countdown')?.innerText === '25:00'",
        timeout=ACTION_DEADLINE_MS)
    room.close()
