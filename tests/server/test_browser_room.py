"""A room of 300 in a real phone browser (issue 11): the page follows the room without a
reload, the dots are counted as they are placed, watch-only phases show who speaks, and the
page fits small phones and 200 % text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import time

import pytest

from palabre import boards
from palabre.answers import submit
from tests.fixtures.browser import screenshot
from tests.server.test_votes import big_room

pytestmark = pytest.mark.browser

PIXEL_7 = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625,
           "is_mobile": True, "has_touch": True}
IPHONE_SE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2,
             "is_mobile": True, "has_touch": True}
DEVICES = {"pixel7": PIXEL_7, "iphone-se": IPHONE_SE}


@pytest.fixture(params=list(DEVICES))
def device(request, browser):
    context = browser.new_context(locale="fr-FR", **DEVICES[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield request.param, page
    context.close()


def joined(page, live_server, code: str) -> None:
    page.goto(live_server.url(f"/j/{code}"))
    page.get_by_role("button", name="Participer").click()
    page.wait_for_selector("#live[data-live=stream]")


def test_a_phase_change_reaches_an_open_page_without_a_reload(live_server, browser):
    from playwright.sync_api import expect

    session = live_server.new_session()
    context = browser.new_context(locale="fr-FR", **PIXEL_7)
    page = context.new_page()
    try:
        joined(page, live_server, session.code)
        expect(page.locator("h1")).to_have_text("Pire idée")
        moved = time.monotonic()
        live_server.store.update_state(session.code, lambda s: s.state.advance(s.exercise))
        expect(page.locator("h1")).not_to_have_text("Pire idée", timeout=3000)
        took = time.monotonic() - moved
        # Within a second to learn of it (the stream), then the new page is loaded.
        assert took < 2.0, f"{took:.2f} s"
        page.wait_for_selector("#live[data-live=stream]")
        live_server.store.update_state(session.code, lambda s: s.state.close())
        expect(page.locator("#closed")).to_be_visible(timeout=3000)
    finally:
        context.close()


def test_the_dots_are_counted_as_they_are_placed(live_server, device, request):
    from playwright.sync_api import expect

    name, page = device
    session, _rows = big_room(live_server, answers=40)
    joined(page, live_server, session.code)
    counter = page.locator("#dots-counter")
    expect(counter).to_have_text("0 gommette sur 3 placée")
    assert page.locator("select[name^=dots-]").count() == 15
    page.locator("select[name^=dots-]").nth(0).select_option("1")
    expect(counter).to_have_text("1 gommette sur 3 placée")
    page.locator("select[name^=dots-]").nth(4).select_option("1")
    expect(counter).to_have_text("2 gommettes sur 3 placées")
    page.locator("select[name^=dots-]").nth(7).select_option("2")
    expect(counter).to_have_text(
        "4 gommettes placées, vous en avez 3 : retirez-en avant d’envoyer.")
    screenshot(page, f"vote-{name}")
    assert page.evaluate(WORDS_SPLIT) == []  # at 200 % text too
    screenshot(page, f"vote-200-{name}")
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    page.locator("select[name^=dots-]").nth(7).select_option("1")
    page.get_by_role("button", name="Envoyer mon vote").click()
    expect(page.locator("#sent")).to_be_visible()
    expect(counter).to_have_text("3 gommettes sur 3 placées")
    # The form starts on the first screen, even on an iPhone SE.
    top = page.evaluate("() => document.querySelector('form.answer').getBoundingClientRect()"
                        ".top + window.scrollY")
    assert top < 667, top


def test_without_javascript_the_server_recounts_after_sending(live_server, browser):
    from playwright.sync_api import expect

    session, _rows = big_room(live_server, answers=40)
    context = browser.new_context(locale="fr-FR", java_script_enabled=False, **IPHONE_SE)
    page = context.new_page()
    try:
        page.goto(live_server.url(f"/j/{session.code}"))
        page.get_by_role("button", name="Participer").click()
        selects = page.locator("select[name^=dots-]")
        selects.nth(2).select_option("2")
        counter = page.locator("#dots-counter")
        expect(counter).to_have_text("0 gommette sur 3 placée")  # no script: no running count
        page.get_by_role("button", name="Envoyer mon vote").click()
        expect(page.locator("#sent")).to_be_visible()
        expect(counter).to_have_text("2 gommettes sur 3 placées")
        selects.nth(0).select_option("2")
        page.get_by_role("button", name="Envoyer mon vote").click()
        expect(counter).to_have_text(
            "4 gommettes placées, vous en avez 3 : retirez-en avant d’envoyer.")
        expect(page.locator("#dots-error")).to_contain_text("Vous avez 3 gommettes")
        screenshot(page, "vote-no-javascript-iphone-se")
    finally:
        context.close()


def test_watching_phones_see_who_speaks_and_the_themes(live_server, device):
    from playwright.sync_api import expect

    name, page = device
    session, rows = big_room(live_server, answers=6)
    store = live_server.store
    store.update_state(session.code, lambda s: s.state.go(s.exercise, 1))
    joined(page, live_server, session.code)
    boards.set_themes(store, session, "ideas", [("Accueil du public", [rows[0].id]),
                                                ("Horaires", [rows[1].id, rows[2].id])])
    expect(page.locator("#themes-forming li")).to_have_text(["Accueil du public (1)",
                                                             "Horaires (2)"])
    screenshot(page, f"themes-{name}")
    store.update_state(session.code, lambda s: s.state.go(s.exercise, 3))
    expect(page.locator("h1")).to_have_text("Pitch", timeout=3000)
    page.wait_for_selector("#live[data-live=stream]")
    boards.set_pitch_order(store, session, "pitch", ["Table des Lilas", "Table 2"])
    boards.pitch_action(store, session, "pitch", "start")
    expect(page.locator("#speaker-now")).to_have_text("Table des Lilas")
    expect(page.locator("#speaker-next")).to_have_text("Table 2")
    expect(page.locator("#speaker-clock")).to_contain_text("Temps restant")
    screenshot(page, f"pitch-{name}")


WORDS_SPLIT = """() => {
    document.documentElement.style.fontSize = "200%";
    const split = [];
    for (const el of document.querySelectorAll("h1, legend, .prompt")) {
        const node = el.firstChild;
        if (!node || node.nodeType !== 3) continue;
        const text = node.textContent;
        const re = /\\S+/g;
        let m;
        while ((m = re.exec(text))) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(m[0]);
        }
    }
    return split;
}"""


def test_titles_wrap_between_words_at_200_percent(live_server, device):
    name, page = device
    session, _rows = big_room(live_server, answers=6)
    live_server.store.update_state(session.code, lambda s: s.state.go(s.exercise, 1))
    joined(page, live_server, session.code)
    assert page.evaluate(WORDS_SPLIT) == []
    screenshot(page, f"grouping-200-{name}")
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")


FIELD_BOTTOM = ("() => document.querySelector('form.answer textarea')"
                ".getBoundingClientRect().bottom")


def test_the_form_starts_on_the_first_screen(live_server, device):
    """On an iPhone SE too: the first answer field is on the first screen, before and after
    an answer was sent (the banner and the list of answers come after the form)."""
    from playwright.sync_api import expect

    name, page = device
    session = live_server.new_session()
    joined(page, live_server, session.code)
    assert page.evaluate(FIELD_BOTTOM) < page.viewport_size["height"]
    screenshot(page, f"ideas-{name}")
    page.get_by_label("Votre idée").fill("Fermer le guichet le samedi matin")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#sent")).to_be_visible()
    assert page.evaluate(FIELD_BOTTOM) < page.viewport_size["height"]
    screenshot(page, f"ideas-sent-{name}")
    store = live_server.store
    other = store.join(session, "device-someone-else")
    submit(store, session, other, {"text": "Ne répondre qu’en latin aux courriers"},
           "key-someone-else-0001")
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    expect(page.locator("h1")).to_have_text("Retourner les idées", timeout=3000)
    assert page.evaluate(FIELD_BOTTOM) < page.viewport_size["height"]
    screenshot(page, f"invert-{name}")


def test_an_open_page_shows_the_table_it_was_given(live_server, browser):
    from playwright.sync_api import expect

    session = live_server.new_session()
    context = browser.new_context(locale="fr-FR", **PIXEL_7)
    page = context.new_page()
    try:
        joined(page, live_server, session.code)
        store = live_server.store
        (me,) = store.participants(session)
        boards.set_seating(store, session, {me.id: 3}, tables=4)
        expect(page.locator("#your-table")).to_have_text("Votre table : 3", timeout=3000)
    finally:
        context.close()
