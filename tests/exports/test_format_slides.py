"""Slides of the richer formats, built from a snapshot as the projector reads it.

These kinds are joining the closed set; their builders are checked here on a snapshot of
hand-made answers, over a real store (boards and photos are read from it).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from palabre.exercises import Exercise, Localized, Phase
from palabre.exports.deck import DeckBuilder
from palabre.exports.records import Workshop
from palabre.exports.spreadsheet import write_xlsx
from PIL import Image
from pptx import Presentation

from palabre.store import Contribution
from palabre.synthesis import Snapshot

from .conftest import fixed_formats
from .helpers import charts, series, slide_titled, texts, titles


def _phase(pid, kind, title, **params):
    return Phase(id=pid, kind=kind, title=Localized(title, title), prompt=Localized("?", "?"),
                 params=params)


EXERCISE = Exercise(
    id="richer", title=Localized("Formats riches"), question=Localized("Comment ?"),
    phases=(
        _phase("worsen", "ideas", "Pire"),
        _phase("turn", "invert", "Retourner", source="worsen"),
        _phase("themes", "cluster", "Thèmes", source="worsen"),
        _phase("map", "persona", "Carte", fields=("says", "thinks", "does", "feels")),
        _phase("debate", "argument", "Débat"),
        _phase("mood", "scale", "Humeur", steps=5, low=Localized("Pas du tout", "Not at all"),
               high=Localized("Tout à fait", "Fully")),
        _phase("wall", "photo", "Murs"),
        _phase("pitch", "pitch", "Pitchs", seconds=150),
    ))


@pytest.fixture
def richer(store):
    session = store.create_session(fixed_formats()["reverse-brainstorm"], title="Riche")
    now = datetime(2017, 11, 24, 10, tzinfo=UTC)
    jpeg = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 30, 30)).save(jpeg, "JPEG")
    photo_id = store.add_photo(session, jpeg.getvalue(), width=320, height=200)
    answers = [
        ("worsen", "ideas", {}, "Fermer le guichet"),
        ("worsen", "ideas", {}, "Ne jamais répondre"),
        ("worsen", "ideas", {}, "Perdre les dossiers"),
        ("turn", "invert", {"source_id": 1}, "Ouvrir le guichet le samedi"),
        ("map", "persona", {"persona": "unknown-persona", "field": "says"}, "Je suis perdue"),
        ("map", "persona", {"persona": "unknown-persona", "field": "feels"}, "Inquiète"),
        ("map", "persona", {"persona": "ines-etudiante", "field": "thinks"}, "Trop de papiers"),
        ("debate", "argument", {"viewpoint": "usager", "side": "for"}, "Plus simple"),
        ("debate", "argument", {"viewpoint": "usager", "side": "against"}, "Moins humain"),
        ("mood", "scale", {"value": 4}, None),
        ("mood", "scale", {"value": 5}, None),
        ("mood", "scale", {"value": 2}, None),
        ("wall", "photo", {"photo": photo_id}, "Le prototype de la table 2 🎨"),
    ]
    contributions = tuple(
        Contribution(id=i, number=i, session_id=session.id, participant_id=None, phase_id=phase,
                     kind=kind, body={**body, **({"text": text} if text else {})}, text=text,
                     channel="paper", key=f"key-{i:04d}", hidden=False, created_at=now,
                     role="usager")
        for i, (phase, kind, body, text) in enumerate(answers, 1))
    store.update_board(session, "themes:worsen",
                       lambda _board: {"themes": [{"title": "Accueil", "items": [1, 2]}]})
    store.update_board(session, "pitch:pitch", lambda _board: {"order": ["Table 2", "Table 1"]})
    work = Workshop(store, session.code, "fr")
    work.session = replace(work.session, exercise=EXERCISE)
    work.exercise = EXERCISE
    work.snap = Snapshot(session=work.session, participants=(), contributions=contributions)
    return work


def test_every_richer_kind_gets_its_slides(richer, tmp_path, rendered):
    path = rendered.add(DeckBuilder(richer).build(tmp_path / "deck.pptx"), decisions=("Vote",))
    deck = Presentation(str(path))
    found = titles(deck)
    assert {"Retourner", "Thèmes", "Humeur", "Murs", "Carte : unknown-persona",
            "Carte : Inès Benali", "Débat : Côté usager"} <= set(found)
    assert "• Trop de papiers" in texts(slide_titled(deck, "Carte : Inès Benali"))
    cells = texts(slide_titled(deck, "Retourner"))
    start = cells.index("Pire idée")
    assert cells[start:start + 2] == ["Pire idée", "Retournée en"]
    assert cells[start + 2:start + 4] == ["Fermer le guichet", "Ouvrir le guichet le samedi"]
    assert "pas encore retournée" in cells
    (chart,) = charts(slide_titled(deck, "Thèmes"))
    assert series(chart) == (["Accueil", "Autres idées"], [2, 1])
    board = texts(slide_titled(deck, "Carte : unknown-persona"))
    for heading in ("Dit", "Pense", "Fait", "Ressent"):
        assert heading in board
    assert "• Je suis perdue" in board and "• Inquiète" in board
    debate = texts(slide_titled(deck, "Débat : Côté usager"))
    assert debate[1:3] == ["Pour", "• Plus simple"] and "• Moins humain" in debate
    mood = slide_titled(deck, "Humeur")
    assert "Médiane 4 · moyenne 3,7 · 3 réponses" in texts(mood)
    assert series(charts(mood)[0]) == (["1 – Pas du tout", "2", "3", "4", "5 – Tout à fait"],
                                       [0, 1, 0, 1, 1])
    pitch = texts(slide_titled(deck, "Pitchs"))
    assert pitch[1:] == ["2,5 min par équipe", "1. Table 2", "2. Table 1"]
    wall = slide_titled(deck, "Murs")
    assert [s.shape_type for s in wall.shapes].count(13) == 1  # the photo itself
    assert "Le prototype de la table 2 🎨" in texts(wall)


def test_richer_kinds_reach_the_workbook(richer, tmp_path):
    book = load_workbook(write_xlsx(richer, tmp_path / "book.xlsx"))
    mood = [[c.value for c in r] for r in book["Humeur"].iter_rows()]
    assert mood == [["Échelon", "Réponses"], [1, 0], [2, 1], [3, 0], [4, 1], [5, 1]]
    debate = [[c.value for c in r] for r in book["Débat"].iter_rows()]
    assert debate[1][1:3] == ["Plus simple", "Usager | Pour"]
    board = [[c.value for c in r] for r in book["Carte"].iter_rows()]
    assert board[2][1:3] == ["Inquiète", "unknown-persona | Ressent"]
    turn = [[c.value for c in r] for r in book["Retourner"].iter_rows()]
    assert turn[0][:2] == ["N° de la pire idée", "Pire idée"]  # each beside what it became
    assert turn[1][:2] == [1, "Fermer le guichet"]
    assert turn[1][3:5] == ["Ouvrir le guichet le samedi", "d’après le n° 1"]
