"""The richer phase kinds in a real phone browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.fixtures.browser import screenshot
from tests.server.conftest import act, seed, session_at
from tests.server.test_browser import IPHONE, RECEIVED

pytestmark = pytest.mark.browser


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def iphone(request, browser):
    context = browser.new_context(java_script_enabled=request.param, **IPHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def join(page, live_server, code):
    from playwright.sync_api import expect

    page.goto(live_server.url(f"/j/{code}"))
    page.get_by_role("button", name="Participer").click()
    expect(page.locator("#main h1")).to_be_visible()


def test_send_a_photo_from_the_phone(live_server, every_kind, iphone, tmp_path, request):
    from playwright.sync_api import expect

    session = session_at(live_server, every_kind, "wall")
    image = Image.new("RGB", (1200, 900), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    path = tmp_path / "paperboard.jpg"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())

    join(iphone, live_server, session.code)
    expect(iphone.locator("h1")).to_have_text("Photo du paperboard")
    iphone.get_by_label("Votre photo").set_input_files(str(path))
    iphone.get_by_label("Légende (facultative)").fill("Le parcours idéal")
    iphone.get_by_role("button", name="Envoyer la photo").click()
    expect(iphone.locator("#sent")).to_have_text(RECEIVED)
    expect(iphone.locator(".mine li")).to_have_text(["Photo : Le parcours idéal"])
    screenshot(iphone, request.node.name)
    (row,) = live_server.store.contributions(session, "wall")
    data, _mime = live_server.store.photo(session, row.body["photo"])
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (1200, 900)


def test_turn_the_worse_ideas_given_to_the_phone_around(live_server, every_kind, iphone,
                                                        request):
    from playwright.sync_api import expect

    session = session_at(live_server, every_kind, "worse")
    seed(live_server, session, "worse", ["Fermer à midi", "Perdre les dossiers",
                                         "Répondre en latin"])
    act(live_server, session.code, "go", index=every_kind.index("turn"))
    join(iphone, live_server, session.code)
    expect(iphone.locator("h1")).to_have_text("Retourner les idées")
    forms = iphone.locator("form.answer")
    expect(forms).to_have_count(2)
    worse = forms.nth(1).locator(".worse").inner_text()
    worse_text = re.sub(r"^\s*Pire idée\s*n° \d+\s*", "", worse).strip()
    forms.nth(1).get_by_label("Retournée en bonne idée").fill("Ouvrir entre midi et deux")
    forms.nth(1).get_by_role("button", name="Envoyer").click()
    expect(iphone.locator("#sent")).to_have_text(RECEIVED)
    expect(iphone.locator(".mine li")).to_have_text(["Ouvrir entre midi et deux"])
    screenshot(iphone, request.node.name)
    (row,) = live_server.store.contributions(session, "turn")
    source = live_server.store.contribution(session, row.body["source_id"])
    assert source.text == worse_text
    assert row.text == "Ouvrir entre midi et deux"


def test_a_seat_given_before_the_page_listens_is_noticed(live_server, every_kind, browser):
    """The seat is given while the page is on its way (its stream not yet connected): the
    stream's first event is already newer than the page, and the page asks what changed."""
    from playwright.sync_api import expect

    from palabre import boards

    context = browser.new_context(**IPHONE)
    page = context.new_page()
    held = []
    page.route("**/events", lambda route: held.append(route))  # waits for the seat
    try:
        session = session_at(live_server, every_kind, "debate")
        page.goto(live_server.url(f"/j/{session.code}"))
        page.get_by_label("Agent public").check()
        with page.expect_request("**/events"):
            page.get_by_role("button", name="Participer").click()
        (me,) = live_server.store.participants(session)
        boards.set_seating(live_server.store, session, {me.id: 2}, 3)
        for route in held:
            route.continue_()
        page.unroute("**/events")
        expect(page.locator("#your-table")).to_have_text("Votre table : 2")
    finally:
        context.close()


def test_an_open_page_follows_the_table_and_viewpoint_the_facilitator_gives(
        live_server, every_kind, browser, request):
    """With JavaScript, nobody reloads by hand: the page notices its table and viewpoint."""
    from playwright.sync_api import expect

    from palabre import boards

    context = browser.new_context(**IPHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        session = session_at(live_server, every_kind, "debate")
        page.goto(live_server.url(f"/j/{session.code}"))
        page.get_by_label("Agent public").check()
        page.get_by_role("button", name="Participer").click()
        expect(page.locator("#viewpoint")).to_contain_text("usager")
        expect(page.locator("#your-table")).to_have_count(0)
        store = live_server.store
        (me,) = store.participants(session)
        boards.set_seating(store, session, {me.id: 3}, 3)
        boards.give_viewpoint(store, session, "seat:3", "agent")
        expect(page.locator("#your-table")).to_have_text("Votre table : 3")
        expect(page.locator("#viewpoint")).to_contain_text("un agent ou une agente")
        screenshot(page, request.node.name)
    finally:
        context.close()
