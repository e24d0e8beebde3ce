"""A real phone browser (Debian's Chromium through Playwright) on the real server."""

from __future__ import annotations

import pytest

from tests.fixtures.browser import screenshot
from tests.server.conftest import act

pytestmark = pytest.mark.browser

IPHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "fr-FR",
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                  "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
}
RECEIVED = "Votre réponse a bien été reçue. Merci !"


def enhanced(page) -> None:
    """Wait until palabre.js has taken over the page's forms: before that, a tap sends the
    plain HTML form (the no-JavaScript path), which is right for a person but not what a test
    of the script's queue means to drive."""
    from playwright.sync_api import expect

    expect(page.locator("#live")).to_have_attribute("data-enhanced", "true")


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def iphone(request, browser):
    context = browser.new_context(java_script_enabled=request.param, **IPHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_join_answer_and_see_the_confirmation(live_server, iphone, request):
    from playwright.sync_api import expect

    session = live_server.new_session(title="Mairie de Brest")
    iphone.goto(live_server.url(f"/j/{session.code}"))
    expect(iphone.locator("h1")).to_have_text("Mairie de Brest")
    iphone.get_by_label("Agent public").check()
    iphone.get_by_label("Table ou groupe (facultatif)").fill("Table 2")
    iphone.get_by_role("button", name="Participer").click()
    expect(iphone.locator("h1")).to_have_text("Pire idée")
    iphone.get_by_label("Votre idée").fill("Répondre aux courriers en six mois")
    iphone.get_by_role("button", name="Envoyer").click()
    expect(iphone.locator("#sent")).to_have_text(RECEIVED)
    expect(iphone.locator(".mine li")).to_have_text(["Répondre aux courriers en six mois"])
    screenshot(iphone, request.node.name)
    (row,) = live_server.store.contributions(session)
    assert row.text == "Répondre aux courriers en six mois"
    assert row.role == "agent" and row.table == "Table 2"


def test_a_refusal_is_shown_on_its_field(live_server, iphone):
    from playwright.sync_api import expect

    session = live_server.new_session()
    iphone.goto(live_server.url(f"/j/{session.code}"))
    iphone.get_by_role("button", name="Participer").click()
    iphone.get_by_label("Votre idée").fill("   ")
    iphone.get_by_role("button", name="Envoyer").click()
    field = iphone.get_by_label("Votre idée")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    error_id = next(i for i in described if "error" in i)
    expect(iphone.locator(f"#{error_id}")).to_contain_text("Écrivez quelque chose")
    assert live_server.store.contributions(session) == []


def test_offline_answer_waits_then_goes_when_the_network_is_back(live_server, browser):
    from playwright.sync_api import expect

    context = browser.new_context(**IPHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        session = live_server.new_session()
        page.goto(live_server.url(f"/j/{session.code}"))
        page.get_by_role("button", name="Participer").click()
        enhanced(page)
        context.set_offline(True)
        page.get_by_label("Votre idée").fill("Idée hors ligne")
        page.get_by_role("button", name="Envoyer").click()
        expect(page.locator("#status")).to_contain_text("En attente du réseau")
        expect(page.get_by_label("Votre idée")).to_have_value("")  # safe in the queue
        assert live_server.store.contributions(session) == []
        context.set_offline(False)
        expect(page.locator("#status")).to_have_text(RECEIVED)
        (row,) = live_server.store.contributions(session)
        assert row.text == "Idée hors ligne"
    finally:
        context.close()


def test_the_page_follows_the_facilitator_to_the_next_phase(live_server, browser):
    from playwright.sync_api import expect

    context = browser.new_context(**IPHONE)
    page = context.new_page()
    try:
        session = live_server.new_session()
        page.goto(live_server.url(f"/j/{session.code}"))
        page.get_by_role("button", name="Participer").click()
        expect(page.locator("h1")).to_have_text("Pire idée")
        enhanced(page)
        page.get_by_label("Votre idée").fill("Pas encore envoyé")
        act(live_server, session.code, "close")  # same phase, closed: the form goes away
        expect(page.locator("#closed")).to_be_visible(timeout=15_000)
        act(live_server, session.code, "open")  # reopened: what was typed is back
        expect(page.get_by_label("Votre idée")).to_have_value("Pas encore envoyé",
                                                              timeout=15_000)
        act(live_server, session.code, "advance")  # next phase: shown, not misfiled
        expect(page.locator("h1")).to_have_text("Retourner les idées", timeout=15_000)
        expect(page.locator("blockquote.unsent")).to_have_text("Pas encore envoyé")
        expect(page.locator("#nothing-to-invert")).to_be_visible()  # no worse idea was sent
    finally:
        context.close()


def test_a_refused_field_shows_a_red_border(live_server, iphone):
    """The refusal is said in words and shown on the field itself, script or not: a text
    input's own border rule must not hide the error's colour."""
    from playwright.sync_api import expect

    iphone.goto(live_server.url("/j"))
    iphone.locator("input[name=code]").fill("abcde")  # a B: no code holds one
    iphone.locator("input[name=code]").press("Enter")
    field = iphone.locator("input[name=code][aria-invalid=true]")
    expect(field).to_be_visible()
    border = field.evaluate("e => getComputedStyle(e).borderTopColor")
    error = iphone.locator(".error").first.evaluate("e => getComputedStyle(e).color")
    assert border == error  # the field carries the error's colour, not the plain line
