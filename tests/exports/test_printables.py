"""Paper: the handout, table cards, paper ballots and persona cards, read back as a printer
or a person would (PDF text layer, PNG pixels)."""

from __future__ import annotations

import io
import re

import pytest
import qrcode
from palabre.exercises import KINDS, Exercise, Localized, Phase, builtin_formats
from palabre.exports import ExportError
from palabre.exports.layout import strip_emoji
from palabre.exports.paper import MM_PER_INCH, PNG_DPI
from palabre.exports.printables import (
    BUILDERS,
    ballot,
    handout,
    handout_page,
    persona_cards,
    phase_personas,
    table_card,
    write_printables,
)
from PIL import Image
from pypdf import PdfReader

from palabre import boards, personas
from palabre.answers import submit
from palabre.i18n import Translator

from .conftest import HIDDEN_TEXT, SOLUTIONS

URL = "http://192.168.1.20:8866/j/"


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    """The text layer with line breaks and non-breaking spaces as plain spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def test_handout_pdf_has_the_question_code_and_address(brainstorm):
    session = brainstorm.store.session(brainstorm.code)
    pages, text = _text(handout(session, URL + session.code))
    assert pages == 1
    flat = _flat(text)
    assert session.code in text and URL + session.code in text
    assert "Comment être plus proche de ses usagers ?" in flat
    assert "Participez à l’atelier avec votre téléphone" in flat
    pages, english = _text(handout(session, URL + session.code, lang="en"))
    assert "How can we be closer to the people we serve?" in _flat(english)
    assert "Join the workshop from your phone" in _flat(english)


def test_handout_png_carries_a_qr_code_of_the_join_url(brainstorm):
    """No QR decoder is installed: the modules read off the picture must be those qrcode
    makes for the address."""
    session = brainstorm.store.session(brainstorm.code)
    url = URL + session.code
    image = Image.open(io.BytesIO(handout(session, url, fmt="png"))).convert("L")
    a4 = (int(210 / MM_PER_INCH * PNG_DPI), int(297 / MM_PER_INCH * PNG_DPI))
    assert image.size == a4
    (placed,) = handout_page(session, url, Translator("fr")).qr_codes
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(url)
    expected.make(fit=True)
    matrix = expected.get_matrix()
    assert placed.modules == len(matrix)
    assert placed.module * PNG_DPI / MM_PER_INCH >= 8  # pixels a module: a phone reads it

    def dark(row: int, col: int) -> bool:
        x = (placed.left + (col + 0.5) * placed.module) / MM_PER_INCH * PNG_DPI
        y = (placed.top + (row + 0.5) * placed.module) / MM_PER_INCH * PNG_DPI
        return image.getpixel((int(x), int(y))) < 128

    read = [[dark(r, c) for c in range(placed.modules)] for r in range(placed.modules)]
    assert read == matrix
    other = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    other.add_data(URL + "XXXXX")
    assert read != other.get_matrix()


def test_handout_refuses_an_unknown_format(brainstorm):
    with pytest.raises(ValueError, match="pdf or png"):
        handout(brainstorm.store.session(brainstorm.code), URL, fmt="gif")


def test_table_card_has_the_prompt_code_and_numbered_boxes(brainstorm):
    session = brainstorm.store.session(brainstorm.code)
    phase = session.exercise.phase("worsen")
    pages, text = _text(table_card(session, phase, URL + session.code))
    assert pages == 1
    flat = _flat(text)
    assert "Comment être encore MOINS proche de ses usagers ? Une idée par réponse." in flat
    assert session.code in text and "Table :" in flat
    for number in range(1, 9):  # each box: its number, then the roles to tick
        assert re.search(rf"(^|\s){number} Usager Agent public Élu·e Autre", flat), number
    assert flat.count("Usager") == 8 and flat.count("Élu·e") == 8
    _pages, english = _text(table_card(session, phase, URL, lang="en"))
    assert "How could we be even LESS close" in _flat(english)
    assert _flat(english).count("Elected official") == 8


@pytest.mark.parametrize(("fmt", "phase_id", "box"), [
    ("role-swap", "arguments", r"Pour Contre"),
    ("personas", "empathy", r"Dit Pense Fait Ressent Besoins Difficultés"),
    ("reverse-brainstorm", "flip", r"Pire idée n°"),
])
def test_a_table_card_asks_what_the_helper_will_type_in(store, fmt, phase_id, box):
    """Each box carries what the typing-in page asks for besides the text: the side argued,
    the part of the empathy map, the number of the worse idea turned around."""
    session = store.create_session(builtin_formats()[fmt], title="Atelier papier")
    _pages, text = _text(table_card(session, session.exercise.phase(phase_id), URL))
    flat = _flat(text)
    for number in range(1, 9):
        assert re.search(rf"(^|\s){number} Usager Agent public Élu·e Autre {box}", flat), number


def test_paper_ballot_numbers_stay_put_when_an_item_is_hidden(brainstorm):
    store = brainstorm.store
    session = store.session(brainstorm.code)
    vote = session.exercise.phase("vote")
    pages, text = _text(ballot(store, session, vote, URL + session.code))
    assert pages == 1
    flat = _flat(text)
    assert "Vous avez 3 gommettes" in flat and "Case n° :" in flat
    # The printed number is the answer's number on the projector's cards, typed back in
    # assisted entry.
    for solution in SOLUTIONS:
        shown = strip_emoji(solution)  # DejaVu Sans draws no emoji: left out, not boxes
        assert f"{brainstorm.items[solution]} {shown}" in flat
    assert HIDDEN_TEXT not in flat
    store.set_hidden(session, brainstorm.items[SOLUTIONS[1]], True)
    _pages, text = _text(ballot(store, session, vote, URL))
    flat = _flat(text)
    assert f"{brainstorm.items[SOLUTIONS[1]]} Un numéro unique" not in flat
    for kept in (SOLUTIONS[2], SOLUTIONS[4]):
        assert f"{brainstorm.items[kept]} {kept}" in flat


def test_a_long_ballot_runs_over_pages_and_keeps_every_number(store):
    exercise = Exercise(
        id="long", title=Localized("Long", "Long"), question=Localized("Quoi ?", "What?"),
        phases=(Phase(id="ideas", kind="ideas", title=Localized("Idées", "Ideas"),
                      prompt=Localized("Vos idées", "Your ideas"), params={"max_chars": 280}),
                Phase(id="vote", kind="vote", title=Localized("Vote", "Vote"),
                      prompt=Localized("Votez", "Vote"),
                      params={"source": "ideas", "dots": 5, "max_per_item": 2})))
    session = store.create_session(exercise, title="Long")
    phone = store.join(session, "device-long-01")
    for i in range(60):
        submit(store, session, phone, {"text": f"Proposition {i + 1} : " + "mot " * (i % 30)},
               f"key-long-{i:04d}")
    boards.set_ballot(store, session, "vote", "all")  # the facilitator puts all 60 to it
    pages, text = _text(ballot(store, session, exercise.phase("vote"), URL, lang="en"))
    assert pages > 1
    flat = _flat(text)
    assert f"Page {pages}/{pages}" in flat
    assert "You have 5 dots" in flat and "2 at most on one" in flat
    for i in range(1, 61):
        assert f"{i} Proposition {i} :" in flat, i


def test_the_ballot_of_a_room_of_222_answers_fits_on_two_pages(store):
    """Issue 11: 222 answers once printed 21 pages. By default a big room votes on a
    shortlist; on its themes once they are formed; both fit on two sheets."""
    exercise = Exercise(
        id="big", title=Localized("Grand", "Big"), question=Localized("Quoi ?", "What?"),
        phases=(Phase(id="ideas", kind="ideas", title=Localized("Idées", "Ideas"),
                      prompt=Localized("Vos idées", "Your ideas"), params={"max_chars": 280}),
                Phase(id="vote", kind="vote", title=Localized("Vote", "Vote"),
                      prompt=Localized("Votez", "Vote"),
                      params={"source": "ideas", "dots": 3, "max_per_item": 3})))
    session = store.create_session(exercise, title="Grand")
    phone = store.join(session, "device-big-01")
    rows = [submit(store, session, phone, {"text": f"Idée du groupe {i} : " + "long " * 40},
                   f"key-big-{i:04d}")[0] for i in range(222)]
    pages, text = _text(ballot(store, session, exercise.phase("vote"), URL, lang="fr"))
    assert pages <= 2
    printed = re.findall(r"(\d+) Idée du groupe", _flat(text))
    assert len(printed) == 15  # the default shortlist, every line with its number
    themes = [(f"Thème {n}", [r.id for r in rows[n::12]]) for n in range(12)]
    boards.set_themes(store, session, "ideas", themes)
    pages, text = _text(ballot(store, session, exercise.phase("vote"), URL, lang="fr"))
    assert pages == 1 and all(f"{n + 1} Thème {n}" in _flat(text) for n in range(12))


PICKED = ("odette-retraitee-rurale", "mamadou-titre-de-sejour", "julien-lecteur-ecran")


def test_persona_cards_one_or_two_a_page_in_each_language():
    library = personas.load_library()
    chosen = [library[pid] for pid in PICKED]
    pages, text = _text(persona_cards(chosen, per_page=2))
    assert pages == 2
    for persona in chosen:
        assert persona.name in text
    flat = _flat(text)
    odette = library["odette-retraitee-rurale"]
    assert f"{odette.age} ans" in flat and "Objectifs" in flat
    assert _flat(odette.goals[0].fr) in flat
    pages, english = _text(persona_cards(chosen, lang="en", per_page=1))
    assert pages == 3
    flat = _flat(english)
    assert f"{odette.age} years old" in flat and "Goals" in flat
    assert _flat(odette.goals[0].en) in flat
    with pytest.raises(ValueError):
        persona_cards(chosen, per_page=3)


def test_every_kind_has_its_printables():
    assert set(KINDS) <= set(BUILDERS), set(KINDS) - set(BUILDERS)


MAP = Phase(id="map", kind="persona", title=Localized("Carte d'empathie", "Empathy map"),
            prompt=Localized("Que vit votre persona ?", "What does your persona live?"),
            params={"fields": ("says", "thinks"), "personas": PICKED, "max_chars": 280})


def test_a_persona_phase_prints_its_personas_else_the_library():
    assert [p.id for p in phase_personas(MAP)] == list(PICKED)
    bare = Phase(id="map", kind="persona", title=MAP.title, prompt=MAP.prompt,
                 params={"fields": ("says",), "personas": (), "max_chars": 280})
    assert len(phase_personas(bare)) == len(personas.load_library())


def test_write_printables_for_every_phase_or_one(brainstorm, store, tmp_path):
    code = brainstorm.code
    files = write_printables(store, code, tmp_path / "all", join_url=URL + code)
    assert [f.name for f in files] == [f"{code}-handout.pdf", f"{code}-worsen-card.pdf",
                                       f"{code}-solutions-card.pdf", f"{code}-vote-ballot.pdf"]
    rich = Exercise(id="rich", title=Localized("Riche", "Rich"),
                    question=Localized("Comment ?", "How?"), phases=(MAP,))
    session = store.create_session(rich, title="Riche")
    files = write_printables(store, session.code, tmp_path / "map", join_url=URL, lang="en",
                             phase_id="map", personas_per_page=1)
    assert [f.name for f in files] == [f"{session.code}-map-card.pdf",
                                       f"{session.code}-map-personas.pdf"]
    pages, text = _text(files[1].read_bytes())
    assert pages == 3 and "Odette" in text
    with pytest.raises(ExportError) as raised:
        write_printables(store, code, tmp_path / "x", join_url=URL, phase_id="nope")
    assert raised.value.translated(Translator("fr").gettext) == (
        f"L’atelier {code} n’a pas d’étape nope. Ses étapes : worsen, solutions, vote.")
    assert not (tmp_path / "x").exists()
