"""The console's themes panel in real Chromium through the real server: themes proposed and
named by an answer, an answer moved by clicking its card, and a second console window showing
the same boxes; screenshots at 1280x720 and 1920x1080."""

from __future__ import annotations

import pytest
from palabre.exercises.loader import parse_format

from palabre.answers import submit
from tests.fixtures.browser import screenshot
from tests.widgets.test_tools import WORKSHOP
from tests.workshops.test_audience import KERNEL_DEADLINE_MS, LIVE_DEADLINE_MS, SIZES, url

pytestmark = pytest.mark.browser

TEXTS = ["Un accueil sans rendez-vous", "Accueil sans rendez-vous le samedi",
         "Horaires du soir", "Des horaires le soir", "Un café offert en attendant",
         "Des courriers en français clair", "Des couriers en francais clair",
         "Un numéro unique qui répond vraiment"]


def test_themes_panel_moves_a_card_and_both_consoles_agree(live_server, browser):
    store = live_server.store
    session = store.create_session(parse_format(WORKSHOP, "tools-test.yaml"),
                                   title="Mairie de Quimper")
    phases = session.exercise.phases
    cluster = next(i for i, p in enumerate(phases) if p.kind == "cluster")
    source = phases[cluster].params["source"]
    at = next(i for i, p in enumerate(phases) if p.id == source)
    session = store.update_state(session.code, lambda s: s.state.go(s.exercise, at))
    for i, text in enumerate(TEXTS):
        person = store.join(session, f"themes-{i}")
        submit(store, session, person, {"text": text}, f"themes-key-{i}")
    store.update_state(session.code, lambda s: s.state.go(s.exercise, cluster))
    context = browser.new_context(viewport=SIZES[0], locale="fr-FR")
    try:
        console, second = context.new_page(), context.new_page()
        console.goto(url(live_server, "room.ipynb", session.code))
        second.goto(url(live_server, "room.ipynb", session.code))
        for page in (console, second):
            page.wait_for_selector(".palabre-theme-card", timeout=KERNEL_DEADLINE_MS)
        # Likely duplicates come first, each to merge or dismiss.
        assert console.locator(".palabre-duplicate").count() >= 2
        console.click(".palabre-themes-propose")
        console.wait_for_selector(".palabre-theme-title input", timeout=LIVE_DEADLINE_MS)
        titles = console.eval_on_selector_all(".palabre-theme-title input",
                                              "els => els.map(e => e.value)")
        assert titles and all(t in TEXTS for t in titles)  # named by an answer
        card = console.locator(".palabre-theme-card", has_text="Un café offert")
        card.click()
        number = card.inner_text().split(" · ")[0].strip()
        console.wait_for_function(
            "n => document.querySelector('.palabre-themes-numbers input').value === n",
            arg=number, timeout=LIVE_DEADLINE_MS)
        console.select_option(".palabre-themes-target select", label=titles[0])
        console.click(".palabre-themes-move")
        moved = ("([title, text]) => [...document.querySelectorAll('.palabre-theme-box')]"
                 ".some(b => b.querySelector('.palabre-theme-title input')?.value === title"
                 " && b.innerText.includes(text))")
        for page in (console, second):  # the second window follows the store
            page.wait_for_function(moved, arg=[titles[0], "Un café offert"],
                                   timeout=LIVE_DEADLINE_MS)
        for size in SIZES:
            console.set_viewport_size(size)
            screenshot(console, f"themes-panel-{size['width']}x{size['height']}",
                       ".palabre-theme-tools")
            screenshot(console, f"themes-console-{size['width']}x{size['height']}")
    finally:
        context.close()
