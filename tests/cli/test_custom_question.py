"""The facilitator's question reaches every phase: created from the command line (`palabre
start --question`) and through the API, no word the format wrote for its own question is left
on the phones, in the session JSON, on the dashboard or in the deck and workbook."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import httpx
import openpyxl
import pytest
from palabre.exercises import builtin_formats
from palabre.exercises.wording import invert_question
from palabre.exports import export_workshop
from pptx import Presentation

from palabre.store import Store
from tests.fixtures.server import Phone

QUESTION = "Comment mieux accueillir les familles à la CAF de Rennes ?"
PROPOSITION = "Les familles doivent pouvoir venir sans rendez-vous."
CAFE = textwrap.dedent("""\
    id: cafe-familles
    title: {fr: Café des familles, en: Families' café}
    question: {fr: "Que changer à l'accueil ?", en: "What should change at the desk?"}
    phases:
      - id: ideas
        kind: ideas
        title: {fr: Idées, en: Ideas}
        prompt: {fr: "{question} Une idée par réponse.", en: "{question} One idea each."}
""")


def own_words(exercise_id: str) -> set[str]:
    """What the built-in format wrote for its own question, read from the format itself."""
    return {text for value in builtin_formats()[exercise_id].words().values()
            for text in (value.fr, value.en)}


def start(servers, db_url: str, folder, *args: str) -> SimpleNamespace:
    started = servers.start("--db", db_url, "--exercises", str(folder), *args)
    url = started.ready["facilitator_url"]
    token = parse_qs(urlsplit(url).query)["token"][0]
    base = started.ready["join_url"].rsplit("/j/", 1)[0]
    return SimpleNamespace(local_url=base, token=token, code=started.ready["code"])


def laptop(server) -> httpx.Client:
    return httpx.Client(base_url=server.local_url, timeout=30,
                        headers={"Authorization": f"token {server.token}"})


def every_phase_as_a_phone_sees_it(server, code: str, count: int) -> list[str]:
    """The phone page and the session JSON of each phase, walked by the facilitator's API."""
    seen = []
    with Phone(server, lang="fr") as phone, laptop(server) as facilitator:
        assert phone.join(code, role="usager").status_code == 303
        for index in range(count):
            moved = facilitator.post(f"/palabre/api/sessions/{code}/actions",
                                     json={"action": "go", "index": index})
            assert moved.status_code == 200, moved.text
            seen += [phone.get(f"/j/{code}").text, moved.text,
                     phone.get(f"/palabre/api/sessions/{code}?lang=en").text]
    return seen


def dashboard_texts(store: Store, code: str, count: int) -> list[str]:
    """What the dashboard shows of each phase, drawn from code as the notebook draws it."""
    from palabre.widgets import RoomDashboard

    from tests.widgets.test_dashboard import shown_text

    room = RoomDashboard(store, code, public_url="http://192.168.1.20:8866", live=False)
    try:
        texts = []
        for index in range(count):
            store.update_state(code, lambda s, i=index: s.state.go(s.exercise, i))
            room.refresh()
            texts.append(shown_text(room))
        return texts
    finally:
        room.dispose()


def export_texts(store: Store, code: str, out) -> list[str]:
    """Every text of the deck (slides and notes) and of the workbook."""
    files = export_workshop(store, code, out, lang="fr")
    texts = []
    deck = Presentation(str(next(p for p in files if p.suffix == ".pptx")))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    book = openpyxl.load_workbook(next(p for p in files if p.suffix == ".xlsx"))
    for sheet in book.worksheets:
        texts += [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    return texts


def assert_only_the_workshop_s_words(texts: list[str], custom: list[str], builtin: set[str],
                                     where: str) -> None:
    joined = "\n".join(texts)
    for words in custom:
        assert words in joined, f"{where}: « {words} » is missing"
    for words in builtin:
        assert words not in joined, f"{where}: the format's own « {words} » is still there"


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "formats"
    path.mkdir()
    (path / "cafe.yaml").write_text(CAFE, encoding="utf-8")
    return path


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'atelier.sqlite'}"


def test_a_custom_question_reaches_every_phase_phone_dashboard_and_export(servers, folder,
                                                                          db_url, tmp_path):
    server = start(servers, db_url, folder, "--exercise", "reverse-brainstorm",
                   "--title", "Atelier CAF", "--question", QUESTION)
    inverted = invert_question(QUESTION, "fr")
    with laptop(server) as facilitator:
        created = facilitator.post("/palabre/api/sessions", json={
            "exercise": "role-swap", "title": "Rôles CAF", "question": QUESTION,
            "proposition": PROPOSITION})
        assert created.status_code == 201, created.text
        assert created.json()["state"]["proposition"] == PROPOSITION
        custom = facilitator.post("/palabre/api/sessions", json={
            "exercise": "cafe-familles", "title": "Café", "question": QUESTION})
        assert custom.status_code == 201, custom.text  # --exercises reached the API
    assert QUESTION in custom.json()["state"]["phase"]["prompt"]
    workshops = {"reverse-brainstorm": (server.code, [QUESTION, inverted]),
                 "role-swap": (created.json()["code"], [QUESTION, PROPOSITION])}
    store = Store.open(db_url)
    try:
        for exercise_id, (code, words) in workshops.items():
            count = len(store.session(code).exercise.phases)
            builtin = own_words(exercise_id)
            assert_only_the_workshop_s_words(every_phase_as_a_phone_sees_it(server, code, count),
                                             words, builtin, f"{exercise_id} phones and JSON")
            assert_only_the_workshop_s_words(dashboard_texts(store, code, count), words, builtin,
                                             f"{exercise_id} dashboard")
            assert_only_the_workshop_s_words(export_texts(store, code, tmp_path / code), words,
                                             builtin, f"{exercise_id} deck and workbook")
    finally:
        store.close()


def test_the_api_asks_a_role_swap_for_its_proposition(servers, folder, db_url):
    server = start(servers, db_url, folder, "--exercise", "personas")
    with laptop(server) as facilitator:
        missing = facilitator.post("/palabre/api/sessions", json={
            "exercise": "role-swap", "title": "Rôles", "question": QUESTION},
            headers={"Accept-Language": "fr"})
        asked = facilitator.post("/palabre/api/sessions", json={
            "exercise": "role-swap", "title": "Rôles", "question": QUESTION,
            "proposition": "Faut-il des rendez-vous ?"}, headers={"Accept-Language": "en"})
    assert missing.status_code == 422 and missing.json()["field"] == "proposition"
    assert "proposition" in missing.json()["message"] and "écrivez" in missing.json()["message"]
    assert asked.status_code == 422 and "not a question" in asked.json()["message"]


def test_start_shows_the_inverted_question_it_proposes(servers, folder, db_url, palabre):
    started = servers.start("--db", db_url, "--lang", "fr", "--exercise", "reverse-brainstorm",
                            "--question", QUESTION, json_line=False)
    banner = started.ready["banner"]
    assert f"Question inversée : {invert_question(QUESTION, 'fr')}" in banner
    assert "--inverted-question" in banner
    # Another store: a second server on the running one would be refused for that first.
    other = db_url.replace(".sqlite", "-role-swap.sqlite")
    refused = palabre("start", "--db", other, "--lang", "fr", "--exercise", "role-swap",
                      "--question", QUESTION, "--no-browser", "--port", "0")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "proposition" in refused.stderr
