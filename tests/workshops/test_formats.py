"""Each built-in format run end to end in a real browser: its own dashboard notebook served by
the real server through Voilà, phones answering over HTTP, the facilitator clicking, and what
the projector shows at each phase (screenshots in test-artifacts/).

Phase titles and ids are read from the formats themselves, so the tests follow them."""

from __future__ import annotations

import io
import uuid
from urllib.parse import urlencode

import pytest
from palabre.exercises import builtin_formats
from palabre.personas import load_library
from PIL import Image

from tests.fixtures.browser import low_contrast, screenshot, text_report, too_small
from tests.fixtures.server import phone

pytestmark = pytest.mark.browser

KERNEL_DEADLINE_MS = 60_000  # a Voilà kernel takes about 2 s; a loaded CI box far more
LIVE_DEADLINE_MS = 10_000  # the dashboard polls every 0.5 s
EXPORT_DEADLINE_MS = 120_000
ANY_PX = 16  # no visible text smaller, in any phase (see test_readability.py)
CONTRAST = 4.5
CONSOLE = ".palabre-console"  # the console's own wall (its preview of the room repeats it)


class Room:
    """The projector page of one session, and the phones in the room."""

    def __init__(self, server, page, fmt: str, title: str):
        self.server, self.page = server, page
        self.format = builtin_formats()[fmt]
        self.session = server.store.create_session(self.format, title=title)
        self.code = self.session.code
        self.phones = []
        query = urlencode({"session": self.code, "token": server.token})
        page.goto(server.url(f"/voila/render/{fmt}.ipynb?{query}"))
        page.wait_for_selector(".palabre-phase-title", timeout=KERNEL_DEADLINE_MS)

    # --- phones ------------------------------------------------------------------------
    def join(self, **profile):
        device = phone(self.server, lang="fr")
        self.phones.append(device)
        device.get(f"/palabre/api/sessions/{self.code}")  # the _xsrf cookie
        joined = device.post_json(f"/palabre/api/sessions/{self.code}/participants", profile)
        assert joined.status_code in (200, 201), joined.text
        return device

    def send(self, device, **answer) -> int:
        response = device.post_json(f"/palabre/api/sessions/{self.code}/contributions",
                                    {"key": uuid.uuid4().hex, "answer": answer})
        assert response.status_code == 201, response.text
        return response.json()["number"]  # what the wall's card shows, typed to moderate

    def given(self, device) -> dict:
        """What this phone is shown in the current phase (the JSON session document)."""
        response = device.get(f"/palabre/api/sessions/{self.code}")
        assert response.status_code == 200, response.text
        return response.json()["phase"]

    def close(self):
        for device in self.phones:
            device.close()

    # --- the projector -----------------------------------------------------------------
    def shows(self, text: str, selector: str = ".palabre-wall") -> None:
        self.page.wait_for_function(
            "([selector, text]) => [...document.querySelectorAll(selector)]"
            ".some(e => e.innerText.includes(text))",
            arg=[selector, text], timeout=LIVE_DEADLINE_MS)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def next_phase(self, phase_id: str) -> None:
        """Click "next phase" and wait until the projector says the phase's title."""
        self.click(".palabre-next")
        self.shows(self.format.phase(phase_id).title.fr, ".palabre-phase-title")
        assert self.server.store.session(self.code).phase.id == phase_id

    def type_into(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)
        self.page.press(selector, "Tab")  # number fields sync when they lose focus

    def snap(self, name: str) -> None:
        """A screenshot, and the readability rules on whatever this phase shows."""
        screenshot(self.page, f"{self.format.id}-{name}", ".palabre-room")
        report = text_report(self.page, ".palabre-room")
        assert too_small(report, ANY_PX) == [], name
        assert low_contrast(report, CONTRAST) == [], name


@pytest.fixture
def room_of(live_server, projector):
    made = []

    def open_(fmt: str, title: str) -> Room:
        room = Room(live_server, projector, fmt, title)
        made.append(room)
        return room
    yield open_
    for room in made:
        room.close()


def test_reverse_brainstorm_from_the_worst_to_the_vote(room_of):
    room = room_of("reverse-brainstorm", "Mairie de Quimperlé")
    a = room.join(role="usager", table="Table 1")
    b = room.join(role="agent", table="Table 2")
    c = room.join(role="elu", table="Table 1")
    for device, text in ((a, "Fermer le guichet le samedi"), (b, "Répondre en <jargon>"),
                         (c, "Perdre les dossiers papier")):
        room.send(device, text=text)
    room.shows("3 réponses", ".palabre-counts")
    assert "Fermer le guichet" not in room.page.inner_text(".palabre-wall")  # hidden
    room.click(".palabre-answers")  # the round closes: the worst ideas appear, escaped
    room.shows("Répondre en <jargon>")
    room.page.wait_for_selector(".palabre-wordcloud img[alt^='Nuage de mots']",
                                timeout=LIVE_DEADLINE_MS)
    room.snap("worsen")

    room.next_phase("flip")
    turned = {}
    for device, text in ((a, "Ouvrir le samedi matin"), (b, "Écrire en français clair"),
                         (c, "Numériser chaque dossier reçu")):
        worse = room.given(device)["items"][0]
        turned[text] = worse["text"]
        room.send(device, source_id=worse["id"], text=text)
    room.shows("Numériser chaque dossier reçu", ".palabre-pairs")
    room.snap("flip")

    room.next_phase("themes")
    room.click(".palabre-themes-propose")
    room.shows("Ouvrir le samedi matin", ".palabre-themes")
    room.next_phase("vote")
    items = {item["text"]: item["id"] for item in room.given(a)["items"]}
    room.send(a, dots={str(items["Écrire en français clair"]): 3})
    room.send(b, dots={str(items["Écrire en français clair"]): 1,
                       str(items["Ouvrir le samedi matin"]): 2})
    room.shows("2 réponses", ".palabre-counts")
    room.click(".palabre-reveal")
    room.shows(f"Idée de départ : {turned['Écrire en français clair']}", ".palabre-bars")
    first = room.page.inner_text(f"{CONSOLE} .palabre-bars tr:first-child .palabre-label")
    assert first.startswith("Écrire en français clair")
    assert room.page.inner_text(f"{CONSOLE} .palabre-bars tr:first-child .palabre-count") == "4"
    room.snap("vote")


def test_personas_cards_empathy_moderation_vote_and_export(room_of, live_server):
    room = room_of("personas", "Maison France services de Carhaix")
    a = room.join(role="usager", table="Table 1")
    b = room.join(role="agent", table="Table 1")
    odette = load_library()["odette-retraitee-rurale"].name
    room.page.select_option(".palabre-persona-tools select", label=odette)
    room.click(".palabre-persona-assign")
    room.shows("Toute la salle", ".palabre-persona-cards")
    room.shows("Odette", ".palabre-persona-card h2")
    assert room.given(a)["persona"]["id"] == "odette-retraitee-rurale"
    room.send(a, field="says", text="Je ne comprends pas ce courrier")
    room.send(b, field="needs", text="Quelqu'un qui se déplace")
    room.shows("Je ne comprends pas ce courrier", ".palabre-map")
    room.snap("empathy")

    room.next_phase("proposals")
    typo = room.send(a, text="Une permanance au village")
    twin = room.send(b, text="Une permanence dans chaque village")
    kept = room.send(b, text="Un rendez-vous téléphonique rappelé")
    room.shows("Une permanance au village")
    room.type_into(".palabre-answer-number input", str(typo))
    room.type_into(".palabre-correction input", "Une permanence au village")
    room.click(".palabre-correct")
    room.shows(f"Réponse {typo} corrigée.", ".palabre-moderation-status")
    room.shows("Une permanence au village")
    room.type_into(".palabre-answer-number input", str(typo))
    room.type_into(".palabre-duplicates input", str(twin))
    room.click(".palabre-merge")
    room.shows(f"1 doublon fusionné dans la réponse {typo}.", ".palabre-moderation-status")
    room.shows("2 réponses", ".palabre-counts")
    assert "dans chaque village" not in room.page.inner_text(".palabre-wall")
    room.snap("proposals")

    room.next_phase("vote")
    # Ballot lines carry the answer's number, as on the wall, and the key its dots take
    # (an answer's store id as a string, or a theme's "t1").
    keys = {item["number"]: item["id"] for item in room.given(a)["items"]}
    assert set(keys) == {typo, kept}
    room.send(a, dots={keys[typo]: 3})
    room.send(b, dots={keys[kept]: 1, keys[typo]: 2})
    room.click(".palabre-reveal")
    room.shows("Une permanence au village", ".palabre-bars")
    assert room.page.inner_text(f"{CONSOLE} .palabre-bars tr:first-child .palabre-count") == "5"

    room.click(".palabre-export")
    room.page.wait_for_function(
        "() => (document.querySelector('.palabre-export-result')?.innerText || '')"
        ".includes('Fichiers enregistrés dans')", timeout=EXPORT_DEADLINE_MS)
    folder = live_server.data_dir / "exports" / room.code
    assert str(folder) in room.page.inner_text(".palabre-export-result")
    assert (folder / f"{room.code}-restitution.pptx").is_file()
    assert (folder / f"{room.code}-contributions.xlsx").is_file()
    room.snap("export")

    room.click(".palabre-printables")  # the paper: handout, table cards, ballots, personas
    paper = folder / "printables"
    room.page.wait_for_function(
        "(folder) => (document.querySelector('.palabre-export-result')?.innerText || '')"
        ".includes(folder)", arg=str(paper), timeout=EXPORT_DEADLINE_MS)
    assert f"{room.code}-vote-ballot.pdf" in room.page.inner_text(".palabre-export-result")
    assert (paper / f"{room.code}-handout.pdf").is_file()


def test_role_swap_mixed_tables_debate_and_votes_by_role(room_of):
    room = room_of("role-swap", "Préfecture du Finistère")
    people = [room.join(role=role) for role in ("usager", "usager", "agent", "agent", "elu")]
    for device, picks in zip(people, ([0, 1], [1], [1, 2], [3], [1, 4]), strict=True):
        room.send(device, choices=picks)
    room.click(".palabre-answers")
    second = room.format.phase("irritants").params["choices"][1].fr
    room.shows(second, ".palabre-bars")
    counts = room.page.locator(".palabre-console .palabre-bars .palabre-count").all_inner_texts()
    assert counts == ["1", "4", "1", "1", "1", "0"]  # in the options' order

    room.next_phase("arguments")
    room.type_into(".palabre-seating-tables input", "2")
    room.click(".palabre-seating-propose")
    room.shows("Table 2", ".palabre-seating")
    tables = room.page.locator(".palabre-console .palabre-seating li").all_inner_texts()
    swapped = "Chacun défend le rôle opposé au sien"
    assert tables == [f"Table 1 1 usager · 1 agent · 1 élu {swapped}",
                      f"Table 2 1 usager · 1 agent {swapped}"]
    # Table 2 is asked to argue as elected officials: its phones are told, their arguments
    # are filed so.
    room.page.select_option(".palabre-viewpoint-table select", label="Table 2")
    room.page.select_option(".palabre-viewpoint-choice select",
                            label="Défendre le point de vue des élus")
    room.click(".palabre-viewpoint-give")
    room.shows("Défendre le point de vue des élus", ".palabre-seating")
    seated = {i: room.given(device) for i, device in enumerate(people)}
    assert sorted(v["table"] for v in seated.values()) == [1, 1, 1, 2, 2]
    at_two = next(i for i, v in seated.items() if v["table"] == 2)
    assert seated[at_two]["viewpoint"] == "elu"
    for device, side, text in ((people[0], "for", "Des horaires tenables pour l'équipe"),
                               (people[2], "against", "Attendre sans savoir pourquoi"),
                               (people[at_two], "for", "Un budget pour l'accueil")):
        room.send(device, side=side, text=text)
    room.shows("Attendre sans savoir pourquoi", ".palabre-arguments")
    room.shows("Côté usager", ".palabre-arguments")  # the agent argued as a service user
    room.shows("Un budget pour l'accueil", ".palabre-arguments")
    room.shows("Côté élu", ".palabre-arguments")
    room.snap("arguments")

    room.next_phase("debate")
    room.click(".palabre-debate-viewpoints")
    room.shows("Au tour de : Côté usager", ".palabre-speaking")
    room.click(".palabre-pitch-start")
    room.click(".palabre-pitch-next")
    room.shows("Au tour de : Côté agent", ".palabre-speaking")
    room.click(".palabre-debate-tables")
    room.shows("Au tour de : Table 1", ".palabre-speaking")
    room.snap("debate")

    room.next_phase("proposals")
    first = room.send(people[0], text="Un accueil sans rendez-vous le samedi")
    other = room.send(people[2], text="Un temps d'explication réservé")
    room.shows("Un temps d'explication réservé")
    room.next_phase("vote")
    for device, dots in zip(people, ({first: 3}, {first: 2, other: 1}, {other: 3},
                                     {other: 3}, {first: 3}), strict=True):
        keys = {item["number"]: item["id"] for item in room.given(device)["items"]}
        room.send(device, dots={keys[k]: v for k, v in dots.items()})
    room.click(".palabre-reveal")
    room.shows("Gommettes selon le rôle réel", ".palabre-role-split-panel")
    heads = room.page.locator(".palabre-console .palabre-role-split th").all_inner_texts()
    assert heads == ["", "Usagers", "Agents", "Élus"]
    row = room.page.locator(".palabre-console .palabre-role-split tbody tr").first.locator("b")
    assert row.all_inner_texts() == ["5", "0", "3"]  # the first proposal: users and the élu
    room.snap("vote")


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def test_design_sprint_agenda_personas_prototypes_pitches_and_feedback_grid(
        room_of, live_server):
    room = room_of("design-sprint", "Sprint de la mairie de Morlaix")
    room.shows(room.format.phase("empathise").title.fr, ".palabre-slot.palabre-now")
    lines = room.page.locator(".palabre-agenda-late, .palabre-agenda-status").all_inner_texts()
    assert len(lines) == 1 and ("17:00" in lines[0])  # late or on time, against 17:00
    a = room.join(role="usager", table="Table 1")
    b = room.join(role="agent", table="Table 2")
    room.click(".palabre-persona-assign")  # the first persona offered, to the whole room
    room.shows("Toute la salle", ".palabre-persona-cards")
    room.send(a, field="feels", text="Perdue devant le formulaire")
    room.shows("Perdue devant le formulaire", ".palabre-map")
    room.snap("empathise")

    store = live_server.store  # the morning's phases, moved through from code
    store.update_state(room.code,
                       lambda s: s.state.go(s.exercise, s.exercise.index("prototype")))
    room.shows(room.format.phase("prototype").title.fr, ".palabre-phase-title")
    room.shows(room.format.phase("prototype").title.fr, ".palabre-slot.palabre-now")
    upload = b.post(f"/palabre/api/sessions/{room.code}/photos",
                    data={"key": uuid.uuid4().hex, "caption": "Un formulaire en une page"},
                    files={"photo": ("maquette.jpg", picture(), "image/jpeg")},
                    headers={"X-XSRFToken": b.xsrf()})
    assert upload.status_code == 201, upload.text
    room.shows("Un formulaire en une page", ".palabre-photos")
    room.page.wait_for_selector(".palabre-photos img[src^='data:image/jpeg']",
                                timeout=LIVE_DEADLINE_MS)
    room.snap("prototype")

    room.next_phase("pitch")
    room.type_into(".palabre-pitch-teams input", "Équipe bleue, Équipe verte")
    room.click(".palabre-pitch-order-set")
    room.shows("Au tour de : Équipe bleue", ".palabre-speaking")
    room.click(".palabre-pitch-start")
    room.snap("pitch")

    room.next_phase("test")
    columns = [c.fr for c in room.format.phase("test").params["categories"]]
    room.send(a, text="Le formulaire tient sur une page", category=0)
    room.send(b, text="Le vocabulaire reste trop technique", category=1)
    room.shows(columns[1], ".palabre-wall-items")
    card = room.page.locator(".palabre-console .palabre-wall-items li",
                                 has_text="vocabulaire").inner_text()
    assert columns[1] in card and "Table 2" in card
    done = room.page.locator(".palabre-slot.palabre-done").count()
    assert done == len(room.format.phases) - 1 + len(room.format.agenda.breaks)
    room.snap("test")
