"""Accessibility of every participant page, checked by a real engine (axe-core, WCAG 2.1 A and
AA rules) in real Chromium, in French and English, for every phase kind and every state a
person can meet: the form, a refusal, the confirmation, answers closed, nothing to answer.
Also what axe cannot see: 200 % text on a 360 px phone, 16 px inputs, the keyboard alone,
a visible focus, and errors tied to their fields."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from palabre import boards
from tests.fixtures.databases import need
from tests.server.conftest import act, seed, session_at

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True,
               "has_touch": True, "device_scale_factor": 2}
LANGS = {"fr": "fr-FR", "en": "en-GB"}
JOIN = {"fr": "Participer", "en": "Participate"}
# Per phase of the every-kind format: how a person fills its form correctly.
FILL = {
    "worse": [("fill", "#text", "Fermer le samedi")],
    "turn": [("fill", "form.answer textarea", "Ouvrir le samedi matin")],
    "map": [("check", "#field-says"), ("fill", "#text", "Je n'ai pas internet")],
    "debate": [("check", "#side-for"), ("fill", "#text", "Moins de files")],
    "mood": [("check", "#value-3")],
    "wall": [("file", "#photo"), ("fill", "#caption", "Notre maquette")],
    "grid": [("check", "#category-0"), ("fill", "#text", "Accueil souriant")],
    "vote": [("select", "form.answer select", "1")],
    "survey": [("check", "#choice-0")],
}
WATCH = ["themes", "pitches"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        if shutil.which("npm") is None:
            need("npm is not installed: the axe-core accessibility engine cannot be set up "
                 "(install Node.js and npm, then run `make test`)")
        need(f"axe-core is missing at {AXE}: run `make test` (or `npm ci`) first")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def photo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("a11y") / "paperboard.jpg"
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 110, 60)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture(params=list(LANGS))
def lang(request) -> str:
    return request.param


@pytest.fixture
def small_phone(browser, lang, axe_source):
    """A 360 px phone in the test's language, with axe-core in every page it opens (loaded
    once per context rather than injected after each navigation: four times faster)."""
    context = browser.new_context(locale=LANGS[lang], **SMALL_PHONE)
    context.add_init_script(script=axe_source)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# --- checks -----------------------------------------------------------------------------
def axe_violations(page, axe_source: str) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html,
                                       why: n.failureSummary}))}));
    }""", TAGS)


def readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            lines.append("      " + (node["why"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def check_page(page, axe_source: str, lang: str, what: str) -> None:
    """Every check a participant page must pass, whatever it shows."""
    assert page.evaluate("() => document.documentElement.lang") == lang, what
    violations = axe_violations(page, axe_source)
    assert not violations, f"axe on {what} ({lang}, {page.url}):\n{readable(violations)}"
    small = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button')]
        .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
        .map(e => e.outerHTML.slice(0, 120))""")
    assert not small, f"controls under 16 px on {what}: {small}"
    overflow = page.evaluate("""() => {
        const root = document.documentElement;
        const before = root.style.fontSize;
        root.style.fontSize = "200%";
        const wide = root.scrollWidth - root.clientWidth;
        const culprits = wide > 0 ? [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .map(e => e.outerHTML.slice(0, 100)).slice(0, 5) : [];
        root.style.fontSize = before;
        return {wide, culprits};
    }""")
    assert overflow["wide"] <= 0, f"horizontal scroll at 200 % text on {what}: {overflow}"
    untied = page.evaluate("""() => [...document.querySelectorAll("p.error")].filter(e => {
        if (e.getAttribute("role") === "alert") return false;
        const tied = [...document.querySelectorAll("[aria-describedby]")].some(f =>
            f.getAttribute("aria-describedby").split(/\\s+/).includes(e.id));
        return !e.id || !tied;
    }).map(e => e.outerHTML)""")
    assert not untied, f"error messages tied to no field on {what}: {untied}"
    invalid = page.evaluate("""() => [...document.querySelectorAll("[aria-invalid=true]")]
        .filter(f => !(f.getAttribute("aria-describedby") || "").split(/\\s+/).some(id => {
            const target = document.getElementById(id);
            return target && target.classList.contains("error");
        }) && !f.closest("fieldset[aria-describedby]")).map(f => f.outerHTML.slice(0, 120))""")
    assert not invalid, f"invalid fields without their message on {what}: {invalid}"


def submit_natively(page, selector: str = "form.answer") -> None:
    """Send a form the way a browser without JavaScript would (no submit handler runs)."""
    with page.expect_navigation():
        page.evaluate("(s) => HTMLFormElement.prototype.submit.call(document.querySelector(s))",
                      selector)


def fill(page, steps, photo_file: Path) -> None:
    for step in steps:
        action, selector = step[0], step[1]
        target = page.locator(selector).first
        if action == "fill":
            target.fill(step[2])
        elif action == "check":
            target.check()
        elif action == "select":
            target.select_option(step[2])
        elif action == "file":
            target.set_input_files(str(photo_file))


def join(page, live_server, code: str, lang: str) -> None:
    page.goto(live_server.url(f"/j/{code}"))
    page.get_by_role("button", name=JOIN[lang]).click()
    page.wait_for_selector("#live")


@pytest.fixture
def prepared(live_server, every_kind):
    """A session of every kind, with worse ideas to turn around and vote on, and a persona
    for the room."""
    def make(phase_id: str):
        session = session_at(live_server, every_kind, "worse")
        worse = seed(live_server, session, "worse", ["Fermer à midi", "Perdre les dossiers"])
        from palabre import answers
        author = live_server.store.participants(session)[0]
        for i, item in enumerate(worse):
            answers.submit(live_server.store, session, author,
                           {"source_id": item.id, "text": f"Bonne idée {i}"}, f"turn-{i:06d}",
                           phase_id="turn")
        live_server.store.update_board(session, "personas:map",
                                       lambda b: {"room": "odette-retraitee-rurale"})
        act(live_server, session.code, "go", index=every_kind.index(phase_id))
        return live_server.store.session(session.code)
    return make


# --- every phase kind: form, refusal, confirmation, closed ------------------------------
@pytest.mark.parametrize("phase_id", list(FILL))
def test_every_state_of_every_form_passes_axe(live_server, prepared, small_phone, lang,
                                              axe_source, photo_file, phase_id):
    page = small_phone
    session = prepared(phase_id)
    join(page, live_server, session.code, lang)
    check_page(page, axe_source, lang, f"{phase_id} form")

    submit_natively(page)  # nothing filled in: the server refuses
    assert page.locator(".error").count() >= 1, f"{phase_id}: no refusal shown"
    check_page(page, axe_source, lang, f"{phase_id} refusal")

    fill(page, FILL[phase_id], photo_file)
    submit_natively(page)
    assert page.locator("#sent").is_visible(), f"{phase_id}: no confirmation"
    check_page(page, axe_source, lang, f"{phase_id} confirmation")

    act(live_server, session.code, "close")
    # With its script the page follows the room by itself, and a reload of ours could cross
    # its own (net::ERR_ABORTED); without it, a reload shows the closed round.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.wait_for_selector("#closed", timeout=5_000)
    except PlaywrightTimeout:
        page.reload()
    assert page.locator("#closed").is_visible()
    check_page(page, axe_source, lang, f"{phase_id} closed")


@pytest.mark.parametrize("phase_id", WATCH)
def test_nothing_to_answer_pages_pass_axe(live_server, prepared, small_phone, lang,
                                          axe_source, phase_id):
    session = prepared(phase_id)
    join(small_phone, live_server, session.code, lang)
    assert small_phone.locator("#watch").is_visible()
    check_page(small_phone, axe_source, lang, f"{phase_id} watch")


def test_a_persona_phase_before_the_persona_passes_axe(live_server, every_kind, small_phone,
                                                      lang, axe_source):
    session = session_at(live_server, every_kind, "map")
    join(small_phone, live_server, session.code, lang)
    assert small_phone.locator("#no-persona").is_visible()
    check_page(small_phone, axe_source, lang, "persona not given yet")


def test_a_refusal_shown_by_javascript_passes_axe(live_server, every_kind, small_phone, lang,
                                                 axe_source):
    session = session_at(live_server, every_kind, "debate")
    join(small_phone, live_server, session.code, lang)
    small_phone.locator("#text").fill("Sans côté choisi")
    small_phone.locator("form.answer button[type=submit]").click()
    small_phone.wait_for_selector("#js-error")
    check_page(small_phone, axe_source, lang, "refusal shown by JavaScript")


# --- the pages around the forms ---------------------------------------------------------
def test_code_entry_join_and_unknown_code_pass_axe(live_server, every_kind, small_phone, lang,
                                                  axe_source):
    page = small_phone
    session = session_at(live_server, every_kind, "worse")
    page.goto(live_server.url("/j"))
    check_page(page, axe_source, lang, "code entry")
    page.locator("#code").fill("B0B")
    with page.expect_navigation():
        page.locator("#code").press("Enter")
    assert page.locator("#code-error").is_visible()
    check_page(page, axe_source, lang, "code entry refusal")
    page.goto(live_server.url("/j/QQQQQ"))
    check_page(page, axe_source, lang, "unknown code")
    page.goto(live_server.url(f"/j/{session.code}"))
    check_page(page, axe_source, lang, "join")
    page.locator("#table").evaluate("(e) => { e.removeAttribute('maxlength'); "
                                    "e.value = 'x'.repeat(80); }")
    submit_natively(page, "form.card")
    assert page.locator("#join-error").is_visible()
    check_page(page, axe_source, lang, "join refusal")


def test_kiosk_pages_pass_axe(live_server, every_kind, small_phone, lang, axe_source):
    page = small_phone
    session = session_at(live_server, every_kind, "worse")
    page.goto(live_server.url(f"/j/{session.code}?kiosk=1"))
    assert page.locator("#kiosk-start").is_visible()
    assert page.locator("#number").get_attribute("inputmode") == "numeric"
    check_page(page, axe_source, lang, "kiosk start")
    page.locator("#number").fill("99")  # nobody has it: refused on the field
    page.locator("#kiosk-start button").click()
    page.wait_for_selector("#number-error")
    check_page(page, axe_source, lang, "kiosk start, unknown number")
    page.locator("#number").fill("")
    page.locator("#kiosk-start button").click()
    page.wait_for_selector("#kiosk-number")
    check_page(page, axe_source, lang, "kiosk form with the person's number")
    page.locator("#text").fill("Une idée")
    submit_natively(page)
    assert page.locator("#kiosk-next").is_visible()
    check_page(page, axe_source, lang, "kiosk confirmation")


def test_the_assisted_entry_page_passes_axe(live_server, every_kind, small_phone, lang,
                                           axe_source):
    page = small_phone
    session = session_at(live_server, every_kind, "worse")
    page.goto(live_server.url(f"/palabre/assist/{session.code}?token={live_server.token}"
                              f"&lang={lang}"))
    check_page(page, axe_source, lang, "assisted entry")
    page.locator("#answer").fill("Idée sur papier")
    page.locator("#box").fill("2")
    page.locator("#answer").press("Enter")  # no table: refused on its field
    page.wait_for_selector("#table-error")
    check_page(page, axe_source, lang, "assisted entry refusal")
    page.locator("#table").fill("Table 1")
    page.locator("#table").press("Enter")
    page.wait_for_selector("#saved")
    assert page.evaluate("() => document.activeElement.id") == "answer"  # ready for the next
    check_page(page, axe_source, lang, "assisted entry saved")


@pytest.mark.parametrize("phase_id", ["turn", "map", "debate"])
def test_typing_in_paper_arguments_inversions_and_empathy_notes_passes_axe(
        live_server, every_kind, small_phone, lang, axe_source, phase_id):
    """The fields these kinds add (a side to pick, a part of the map, a worse idea's number),
    blank and then refused."""
    page = small_phone
    session = session_at(live_server, every_kind, "worse")
    seed(live_server, session, "worse", ["Fermer à midi"])
    boards.assign_persona(live_server.store, session, "map", "odette-retraitee-rurale")
    page.goto(live_server.url(f"/palabre/assist/{session.code}?token={live_server.token}"
                              f"&lang={lang}&phase={phase_id}"))
    check_page(page, axe_source, lang, f"assisted entry {phase_id}")
    page.locator("#answer").fill("Sur papier")
    page.locator("#box").fill("2")
    page.locator("#table").fill("Table 1")
    page.locator("#table").press("Enter")  # the side, the part or the number is missing
    page.wait_for_selector({"turn": "#source-error", "map": "#part-error",
                            "debate": "#side-error"}[phase_id])
    check_page(page, axe_source, lang, f"assisted entry {phase_id} refusal")


# --- what axe cannot see ----------------------------------------------------------------
def tab_to(page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_outline(page) -> dict:
    return page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return {visible: document.activeElement.matches(":focus-visible"),
                style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")


def test_the_keyboard_alone_fills_and_sends_forms_with_a_visible_focus(live_server, prepared,
                                                                      browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        session = prepared("worse")
        page.goto(live_server.url(f"/j/{session.code}"))
        tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("#answer-form")
        tab_to(page, "#text")
        outline = focus_outline(page)
        assert outline["visible"] and outline["style"] != "none" and outline["width"] >= 2
        page.keyboard.type("Au clavier seulement")
        tab_to(page, "#answer-form button[type=submit]")
        assert focus_outline(page)["width"] >= 2
        page.keyboard.press("Enter")
        page.wait_for_selector("#sent")
        act(live_server, session.code, "go", index=session.exercise.index("mood"))
        page.goto(live_server.url(f"/j/{session.code}"))
        tab_to(page, "input[name=value]")
        assert focus_outline(page)["width"] >= 2
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        tab_to(page, "#answer-form button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("#sent")
        page.goto(live_server.url("/j"))
        tab_to(page, "a.lang")
        assert focus_outline(page)["width"] >= 2
    finally:
        context.close()
    rows = live_server.store.contributions(session)
    assert "Au clavier seulement" in [r.text for r in rows]
    assert [r.body for r in rows if r.phase_id == "mood"] == [{"value": 3}]


def test_the_axe_engine_does_find_a_violation(live_server, small_phone, axe_source):
    """The checks can fail: an unlabelled field put in a page is reported."""
    small_phone.goto(live_server.url("/j"))
    small_phone.evaluate("() => document.querySelector('#code').removeAttribute('id')")
    found = axe_violations(small_phone, axe_source)
    assert "label" in {v["id"] for v in found}, json.dumps(found)[:500]


# --- a facilitator's page opened without the key ------------------------------------------
PIXEL_7 = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625,
           "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}
KEYLESS_TITLE = {"fr": "L’écran d’animation demande sa clé",
                 "en": "The facilitator's screen needs its key"}


@pytest.mark.parametrize("device", ["pixel7", "laptop"])
def test_the_page_without_the_key_passes_axe(live_server, browser, lang, axe_source, device,
                                             request):
    """The dashboard's address without its key, on a phone and on the laptop: palabre's page
    in the browser's language, with nothing a Jupyter page says."""
    from tests.fixtures.browser import screenshot

    session = live_server.new_session()
    context = browser.new_context(locale=LANGS[lang],
                                  **(PIXEL_7 if device == "pixel7" else LAPTOP))
    try:
        page = context.new_page()
        page.goto(live_server.url(f"/voila/render/room.ipynb?session={session.code}"))
        assert page.locator("h1").inner_text() == KEYLESS_TITLE[lang]
        assert "Token" not in page.content()
        check_page(page, axe_source, lang, f"page without the key ({device})")
        screenshot(page, request.node.name)
    finally:
        context.close()
