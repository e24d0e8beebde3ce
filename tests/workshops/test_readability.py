"""Nobody left out: the projected dashboard read from the back of a town hall.

Real Chromium on the page Voilà renders, through the real server: computed font sizes of the
prompt, the wall's items, the join address and code, the chart labels, and of every other
visible text, and the contrast ratio of every text against what is behind it (WCAG 2, from
the computed colours). The thresholds are the issue's; the test fails below any of them.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from palabre.exercises import builtin_formats

from palabre.answers import submit
from tests.fixtures.browser import low_contrast, screenshot, text_report, too_small

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000
LIVE_DEADLINE_MS = 10_000

PROMPT_PX = 32
WALL_PX = 22
JOIN_PX = 28  # the address and the code people type
CHART_PX = 22
ANY_PX = 16  # nothing visible smaller, controls included
CONTRAST = 4.5  # WCAG AA for text


def smallest(page, root: str, skip: str | None = None) -> float:
    report = text_report(page, root, skip)
    assert report, f"no visible text under {root}"
    return min(t["px"] for t in report)


def check_everything(page) -> None:
    report = text_report(page, ".palabre-room")
    assert len(report) > 20
    assert too_small(report, ANY_PX) == []
    assert low_contrast(report, CONTRAST) == []


def test_the_projected_dashboard_reads_from_the_back_of_the_room(live_server, projector):
    store = live_server.store
    session = store.create_session(builtin_formats()["role-swap"], title="Mairie de Vannes")
    session = store.update_state(
        session.code, lambda s: s.state.go(s.exercise, s.exercise.index("proposals")))
    people = [store.join(session, f"phone-{i}", role=role)
              for i, role in enumerate(("usager", "usager", "agent", "elu"))]
    for i, text in enumerate(("Un accueil sans rendez-vous le samedi matin",
                              "Un numéro unique qui répond vraiment",
                              "Des formulaires écrits en français clair")):
        submit(store, session, people[i], {"text": text}, f"key-proposal-{i:04}")

    query = urlencode({"session": session.code, "token": live_server.token})
    projector.goto(live_server.url(f"/voila/render/role-swap.ipynb?{query}"))
    projector.wait_for_selector(".palabre-wall-items li", timeout=KERNEL_DEADLINE_MS)

    assert smallest(projector, ".palabre-prompt") >= PROMPT_PX
    assert smallest(projector, ".palabre-wall-items li", skip=".palabre-ref, small") >= WALL_PX
    assert smallest(projector, ".palabre-join-url") >= JOIN_PX
    assert smallest(projector, ".palabre-code") >= JOIN_PX
    check_everything(projector)

    # The vote, revealed: bars with their labels and counts, and the dots by real role.
    projector.click(".palabre-next")
    projector.wait_for_function(
        "() => document.querySelector('.palabre-phase-title')?.innerText === 'Vote'",
        timeout=LIVE_DEADLINE_MS)
    vote = store.session(session.code)
    items = store.contributions(vote, "proposals")
    for i, person in enumerate(people):
        submit(store, vote, person, {"dots": {str(items[i % 3].id): 2, str(items[0].id): 1}},
               f"key-ballot-{i:04}")
    projector.click(".palabre-reveal")
    projector.wait_for_selector(".palabre-role-split td", timeout=LIVE_DEADLINE_MS)
    projector.wait_for_function(
        "() => document.querySelectorAll('.palabre-console .palabre-bars .palabre-label')"
        ".length === 3",
        timeout=LIVE_DEADLINE_MS)
    assert smallest(projector, ".palabre-bars", skip=".palabre-origin") >= CHART_PX
    assert smallest(projector, ".palabre-role-split") >= CHART_PX
    check_everything(projector)
    screenshot(projector, "readability-vote", ".palabre-room")


def test_the_check_fails_on_small_or_faint_text(live_server, projector):
    """The measure itself: grey 14 px text on white is caught, on the same page."""
    session = live_server.new_session()
    query = urlencode({"session": session.code, "token": live_server.token})
    projector.goto(live_server.url(f"/voila/render/room.ipynb?{query}"))
    projector.wait_for_selector(".palabre-prompt", timeout=KERNEL_DEADLINE_MS)
    projector.evaluate("""() => { const p = document.createElement('p');
        p.textContent = 'Petit et pâle'; p.style.cssText = 'font-size: 14px; color: #aaaaaa';
        document.querySelector('.palabre-room').appendChild(p); }""")
    report = text_report(projector, ".palabre-room")
    assert too_small(report, ANY_PX) == [("Petit et pâle", 14.0)]
    assert [text for text, _ratio in low_contrast(report, CONTRAST)] == ["Petit et pâle"]
