"""The follow-up pages in real Chromium with axe-core (WCAG 2.1 A and AA), French and
English: the room's page after the workshop on a phone, and the facilitator's page with a
refusal, kept usable with the keyboard alone and without JavaScript."""

from __future__ import annotations

import pytest

from tests.fixtures.follow_ups import finished_room
from tests.server.test_accessibility import (
    LANGS,
    SMALL_PHONE,
    axe_source,
    check_page,
    submit_natively,
)

pytestmark = pytest.mark.browser

__all__ = ["axe_source"]  # the module's fixture, used by name below


@pytest.fixture
def followed(live_server):
    """A finished workshop with three follow-ups, one changed twice."""
    session = finished_room(live_server.store)
    with live_server.facilitator() as client:
        for fields in ({"number": "1", "status": "retained", "owner": "Service accueil",
                        "due": "2027-03-31", "note": "Formulaires réécrits avec des usagers"},
                       {"number": "1", "status": "done", "note": "En place depuis février"},
                       {"number": "2", "status": "studying", "due": "2027-06-30",
                        "note": "Chiffrage demandé au service des ressources humaines"},
                       {"number": "3", "status": "declined",
                        "reason": "Le logiciel de rendez-vous ne le permet pas"}):
            assert client.post(f"/palabre/follow-ups/{session.code}",
                               data=fields).status_code == 303
    return session


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_participants_page_passes_axe_on_a_phone(browser, live_server, followed,
                                                     axe_source, lang):
    for javascript in (True, False):
        context = browser.new_context(locale=LANGS[lang], java_script_enabled=javascript,
                                      **SMALL_PHONE)
        page = context.new_page()
        page.goto(live_server.url(f"/j/{followed.code}"))
        heading = {"fr": "Ce que sont devenues les propositions",
                   "en": "What became of the proposals"}[lang]
        assert page.locator("h1").inner_text() == heading
        assert page.locator("li.outcome").count() == 3
        if javascript:
            page.add_script_tag(content=axe_source)
            check_page(page, axe_source, lang, "the follow-ups of a finished workshop")
            # The earlier steps open from the keyboard.
            page.locator("details summary").first.focus()
            page.keyboard.press("Enter")
            assert page.locator("details").first.get_attribute("open") is not None
        context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_facilitators_page_passes_axe_and_works_from_the_keyboard(browser, live_server,
                                                                      followed, axe_source,
                                                                      lang):
    context = browser.new_context(locale=LANGS[lang], viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(live_server.url(f"/palabre/follow-ups/{followed.code}?token={live_server.token}"))
    page.add_script_tag(content=axe_source)
    check_page(page, axe_source, lang, "the facilitator's follow-ups")
    # Keyboard only: the number field has the focus; type, Tab to the status, send a bad date.
    assert page.evaluate("() => document.activeElement.id") == "number"
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("30/06/2027")
    page.keyboard.press("Enter")
    page.wait_for_selector("#due-error")
    assert "30/06/2027" in page.locator("#due-error").inner_text()
    assert page.evaluate("() => document.activeElement.id") == "due"
    page.add_script_tag(content=axe_source)
    check_page(page, axe_source, lang, "the facilitator's follow-ups, a date refused")
    context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_review_form_passes_axe_with_and_without_a_refusal(browser, live_server,
                                                               axe_source, lang):
    from tests.server.test_review import NEXT

    store = live_server.store
    series = f"Comité a11y {lang}"
    first = finished_room(store, series=series)
    with live_server.facilitator() as client:
        for fields in ({"number": "1", "status": "retained", "note": "Essai prévu"},
                       {"number": "2", "status": "studying"}):
            assert client.post(f"/palabre/follow-ups/{first.code}",
                               data=fields).status_code == 303
    second = store.create_session(NEXT, title="Comité, séance 2", series=series)
    context = browser.new_context(locale=LANGS[lang], **SMALL_PHONE)
    context.add_init_script(script=axe_source)
    page = context.new_page()
    page.goto(live_server.url(f"/j/{second.code}"))
    page.locator("form button[type=submit]").first.click()  # join
    page.wait_for_selector("#number-1")
    check_page(page, axe_source, lang, "the review form")
    page.check("#number-2")
    page.check("#stance-next")
    submit_natively(page)  # a next step without its words, as a phone without the script
    page.wait_for_selector("#text-error")
    check_page(page, axe_source, lang, "the review form, a next step refused")
    page.fill("#text", "Tester un samedi par mois")
    page.check("#number-2")
    page.check("#stance-next")
    submit_natively(page)
    page.wait_for_selector("#sent")
    context.close()
