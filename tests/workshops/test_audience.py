"""The room's screen (workshops/audience.ipynb) in real Chromium through the real server, for
each built-in format, at 1280x720 and 1920x1080, with 20 and 300 answers: no control at all, no
scrolling, the way in whole, text readable from the back; and the console drives it."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

import pytest
from palabre.exercises import builtin_formats

from palabre.answers import Refused, submit
from tests.fixtures.browser import low_contrast, screenshot, text_report, too_small

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000
LIVE_DEADLINE_MS = 10_000
SIZES = ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080})
FORMATS = ("reverse-brainstorm", "personas", "role-swap", "design-sprint")
ANY_PX = 16

# Whatever a person could press or type: the room's screen has none of it.
CONTROLS = "button, input, select, textarea, [contenteditable], [role=button]"
FITS = """() => {
  const doc = document.scrollingElement;
  const parts = ['.palabre-audience', '.palabre-audience-main', '.palabre-audience-wall',
                 '.palabre-audience-way-in'];
  const over = parts.map(s => document.querySelector(s)).filter(e => e && e.offsetParent)
    .filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.className);
  const box = document.querySelector('.palabre-audience').getBoundingClientRect();
  return {page: doc.scrollHeight - window.innerHeight, over,
          inside: box.bottom <= window.innerHeight + 1 && box.right <= window.innerWidth + 1};
}"""
TEXTS = ("Ouvrir le guichet le samedi matin", "Un numéro unique qui répond vraiment",
         "Des courriers écrits en français clair, sans jargon administratif",
         "Un rendez-vous rappelé par téléphone", "Une permanence dans chaque village")


def url(server, notebook: str, code: str) -> str:
    return server.url(f"/voila/render/{notebook}?"
                      + urlencode({"session": code, "token": server.token}))


def seeded(server, fmt: str, answers: int):
    """A session at its first free-text phase, `answers` answers from as many people, the
    round closed so the wall shows them."""
    store = server.store
    session = server.new_session(fmt, title=f"Mairie de Lorient ({answers})")
    phase = next(i for i, p in enumerate(session.exercise.phases) if p.kind == "ideas")
    session = store.update_state(session.code, lambda s: s.state.go(s.exercise, phase))
    for i in range(answers):
        person = store.join(session, f"{fmt}-{answers}-{i}", role=("usager", "agent", "elu")[i % 3],
                            table=f"Table {i % 6 + 1}")
        submit(store, session, person, {"text": f"{TEXTS[i % len(TEXTS)]} ({i + 1})"},
               f"{fmt}-{answers}-key-{i}")
    return store.update_state(session.code, lambda s: s.state.close())


def check_screen(page, name: str, way_in: bool = True) -> None:
    """No control, nothing scrolls or spills, the code whole on one line, readable text."""
    assert page.locator(CONTROLS).count() == 0, name
    fit = page.evaluate(FITS)
    assert fit == {"page": 0, "over": [], "inside": True} or (
        fit["page"] <= 0 and not fit["over"] and fit["inside"]), (name, fit)
    if way_in:
        code = page.locator(".palabre-audience-code b")
        assert code.evaluate("e => e.getClientRects().length") == 1, name  # never wrapped
        url_code = page.locator(".palabre-audience-url .palabre-url-code")
        assert url_code.evaluate("e => e.getClientRects().length") == 1, name
    report = text_report(page, ".palabre-audience")
    assert too_small(report, ANY_PX) == [], name
    assert low_contrast(report, 4.5) == [], name
    screenshot(page, name)


def resize(page, size) -> None:
    page.set_viewport_size(size)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("answers", (20, 300))
def test_the_rooms_screen_has_no_control_and_fits_without_scrolling(
        live_server, browser, fmt, answers):
    session = seeded(live_server, fmt, answers)
    context = browser.new_context(viewport=SIZES[0], locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(url(live_server, "audience.ipynb", session.code))
        page.wait_for_selector(".palabre-audience-wall .palabre-wall-items li",
                               timeout=KERNEL_DEADLINE_MS)
        prompt = session.phase.prompt.fr
        assert page.inner_text(".palabre-audience-prompt") == prompt
        pages = -(-answers // 9)
        if pages > 1:  # a large wall says which page it shows, and turns them by itself
            assert f"page 1/{pages}" in page.inner_text(".palabre-audience-foot")
        for size in SIZES:
            resize(page, size)
            check_screen(page, f"audience-{fmt}-{answers}-{size['width']}x{size['height']}")

        # The vote, revealed: the first items in full, still on one screen.
        store = live_server.store
        store.update_state(session.code, lambda s: s.state.advance(s.exercise))
        vote = store.session(session.code)
        if vote.phase.kind == "vote":
            items = store.contributions(vote, session.phase.id)
            people = store.participants(vote)
            for i, person in enumerate(people[:30]):
                # An answer the ballot does not carry is refused: the next person votes.
                with contextlib.suppress(Refused):
                    submit(store, vote, person,
                           {"dots": {str(items[i % 7].id): 2, str(items[0].id): 1}},
                           f"{fmt}-{answers}-ballot-{i}")
            store.update_state(session.code, lambda s: s.state.reveal())
            page.wait_for_selector(".palabre-audience-wall .palabre-bars",
                                   timeout=LIVE_DEADLINE_MS)
            for size in SIZES:
                resize(page, size)
                check_screen(page, f"audience-{fmt}-{answers}-vote-{size['width']}x"
                                   f"{size['height']}")
    finally:
        context.close()


def test_what_the_console_does_the_rooms_screen_shows(live_server, browser):
    session = seeded(live_server, "reverse-brainstorm", 20)
    context = browser.new_context(viewport=SIZES[0], locale="fr-FR")
    outside = []  # no request may leave the laptop (no CDN, no MathJax)
    context.on("request", lambda request: None if request.url.startswith(
        (live_server.local_url, "data:", "blob:")) else outside.append(request.url))
    try:
        console, screen = context.new_page(), context.new_page()
        console.goto(url(live_server, "room.ipynb", session.code))
        screen.goto(url(live_server, "audience.ipynb", session.code))
        console.wait_for_selector(".palabre-next", timeout=KERNEL_DEADLINE_MS)
        screen.wait_for_selector(".palabre-audience-prompt", timeout=KERNEL_DEADLINE_MS)
        # The console opens the room's screen by a link, without the token in it.
        link = console.get_attribute(".palabre-open-audience", "href")
        assert link.startswith("audience.ipynb?session=") and "token" not in link

        flip = builtin_formats()["reverse-brainstorm"].phase("flip")
        console.click(".palabre-next")
        screen.wait_for_function(
            "text => document.querySelector('.palabre-audience-prompt')?.innerText === text",
            arg=flip.prompt.fr, timeout=LIVE_DEADLINE_MS)
        console.wait_for_function(  # and the console's preview says the same
            "text => document.querySelector('.palabre-preview .palabre-audience-prompt')"
            "?.innerText === text", arg=flip.prompt.fr, timeout=LIVE_DEADLINE_MS)

        console.click(".palabre-qr-toggle")  # fold the QR code: the room's screen follows
        screen.wait_for_selector(".palabre-audience-way-in", state="hidden",
                                 timeout=LIVE_DEADLINE_MS)
        assert session.code in screen.inner_text(".palabre-audience-join")
        check_screen(screen, "audience-qr-folded-1280x720", way_in=False)
        console.click(".palabre-qr-toggle")
        screen.wait_for_selector(".palabre-audience-way-in", state="visible",
                                 timeout=LIVE_DEADLINE_MS)
        screenshot(console, "console-1280x720")
        assert outside == []
        console.set_viewport_size(SIZES[1])
        screenshot(console, "console-1920x1080")
    finally:
        context.close()


def test_a_large_wall_with_themes_shows_the_themes_on_one_screen(live_server, browser):
    """300 solutions grouped by the facilitator: one card a theme, counted, with its quote."""
    from palabre import boards

    store = live_server.store
    session = live_server.new_session("reverse-brainstorm", title="Mairie de Lorient (thèmes)")
    grouping = next(p for p in session.exercise.phases if p.kind == "cluster")
    rows = []
    for i in range(300):
        person = store.join(session, f"themes-{i}")
        rows.append(store.contribute(
            session, participant=person, phase_id=grouping.params["source"], kind="invert",
            body={"text": f"{TEXTS[i % len(TEXTS)]} ({i + 1})"},
            text=f"{TEXTS[i % len(TEXTS)]} ({i + 1})", key=f"themes-key-{i}")[0])
    titles = ("Accueil le samedi", "Un seul numéro", "Langage clair", "Rendez-vous")
    boards.set_themes(store, session, grouping.params["source"],
                      [(title, [r.id for r in rows[n::5]]) for n, title in enumerate(titles)])
    store.update_state(session.code, lambda s: s.state.go(
        s.exercise, s.exercise.index(grouping.id)))
    context = browser.new_context(viewport=SIZES[0], locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(url(live_server, "audience.ipynb", session.code))
        page.wait_for_selector(".palabre-audience-wall .palabre-wall-items li",
                               timeout=KERNEL_DEADLINE_MS)
        cards = page.locator(".palabre-audience-wall .palabre-wall-items li")
        assert cards.count() == 5  # four themes and the ideas in none
        assert "Accueil le samedi" in cards.nth(0).inner_text()
        assert "60 idées" in page.inner_text(".palabre-audience-wall")
        for size in SIZES:
            resize(page, size)
            check_screen(page, f"audience-themes-300-{size['width']}x{size['height']}")
    finally:
        context.close()


def test_the_rooms_screen_asks_the_facilitators_own_question(live_server, browser):
    """A workshop created with its own question: the room reads it in every phase, and never
    the format's built-in question."""
    own = "Comment mieux accueillir les familles à la CAF de Rennes ?"
    with live_server.facilitator() as laptop:
        created = laptop.post("/palabre/api/sessions", json={
            "exercise": "reverse-brainstorm", "title": "CAF de Rennes", "question": own})
    assert created.status_code == 201, created.text
    code = created.json()["code"]
    built_in = builtin_formats()["reverse-brainstorm"]
    context = browser.new_context(viewport=SIZES[0], locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(url(live_server, "audience.ipynb", code))
        page.wait_for_selector(".palabre-audience-prompt", timeout=KERNEL_DEADLINE_MS)
        seen = [page.inner_text(".palabre-audience")]
        screenshot(page, "audience-own-question-first-1280x720")
        store = live_server.store
        for _phase in built_in.phases[1:]:
            before = page.inner_text(".palabre-audience-prompt")
            store.update_state(code, lambda s: s.state.advance(s.exercise))
            page.wait_for_function(
                "old => document.querySelector('.palabre-audience-prompt')?.innerText !== old",
                arg=before, timeout=LIVE_DEADLINE_MS)
            seen.append(page.inner_text(".palabre-audience"))
        screen = "\n".join(seen)
        assert "familles" in seen[0]  # the inverted question is the facilitator's, turned
        assert own in screen
        for text in (built_in.question.fr, built_in.inverted_question.fr):
            assert text not in screen
    finally:
        context.close()
