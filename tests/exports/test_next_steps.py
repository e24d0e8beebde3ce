"""Next steps and pitch order, read from the facilitator's boards into the deck."""

from __future__ import annotations

from palabre.exports import export_workshop
from pptx import Presentation

from palabre import boards

from .helpers import slide_titled, texts, titles


def _deck(built, tmp_path, lang="fr", rendered=None):
    export_workshop(built.store, built.code, tmp_path, lang=lang)
    path = tmp_path / f"{built.code}-restitution.pptx"
    if rendered is not None:  # checked page by page once the module's decks are rendered
        rendered.add(path, decisions=("Vote",))
    return Presentation(str(path))


def test_no_next_step_is_a_slide_that_says_so(brainstorm, tmp_path):
    deck = _deck(brainstorm, tmp_path)
    found = titles(deck)
    assert "Suites à donner" not in found  # no empty placeholder slide: the last one says so
    assert any(t.startswith("Aucune suite n’a été notée pendant l’atelier")
               for t in texts(slide_titled(deck, "Où trouver le reste")))
    english = _deck(brainstorm, tmp_path / "en", lang="en")
    assert any(t.startswith("No next step was recorded during the workshop") for t in texts(
        slide_titled(english, "Where to find everything")))


def test_next_steps_are_a_table_of_what_who_and_when(brainstorm, tmp_path):
    store = brainstorm.store
    session = store.session(brainstorm.code)
    boards.add_commitment(store, session, "Ouvrir le guichet le samedi matin à titre d'essai",
                          who="Mairie de Rennes", when="septembre 2018")
    boards.add_commitment(store, session, "=Publier la restitution", who="", when="")
    deck = _deck(brainstorm, tmp_path)
    slide = slide_titled(deck, "Suites à donner")
    cells = texts(slide)[1:]
    assert cells == ["Quoi", "Qui", "Quand",
                     "Ouvrir le guichet le samedi matin à titre d'essai", "Mairie de Rennes",
                     "septembre 2018", "=Publier la restitution", "–", "–"]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Ouvrir le guichet le samedi matin à titre d'essai — Mairie de Rennes, " \
           "septembre 2018" in notes


def test_many_next_steps_are_paginated(brainstorm, tmp_path, rendered):
    store = brainstorm.store
    session = store.session(brainstorm.code)
    for i in range(40):
        boards.add_commitment(store, session, f"Action numéro {i} " + "à mener " * (i % 12),
                              who=f"Service {i}", when="2018")
    deck = _deck(brainstorm, tmp_path, lang="en", rendered=rendered)
    pages = [s for s in deck.slides if s.shapes.title.text.startswith("Next steps")]
    assert len(pages) > 1
    assert pages[-1].shapes.title.text == f"Next steps ({len(pages)}/{len(pages)})"
    rows = sum(len(s.shapes[-1].table.rows) - 1 for s in pages)
    assert rows == 40


def test_pitch_slide_follows_the_facilitator_order(store, tmp_path):
    from palabre.exercises import Exercise, Localized, Phase

    exercise = Exercise(
        id="pitchs", title=Localized("Pitchs", "Pitches"), question=Localized("Comment ?", "How?"),
        phases=(Phase(id="pitch", kind="pitch", title=Localized("Pitchs", "Pitches"),
                      prompt=Localized("Présentez", "Present"), params={"seconds": 120}),))
    session = store.create_session(exercise, title="Finale du hackathon")
    for i, table in enumerate(("Table A", "Table B", "Table C")):
        store.join(session, f"device-pitch-{i}", table=table)
    boards.set_pitch_order(store, session, "pitch", ["Table C", "Table A", "Table B"])
    built = type("B", (), {"store": store, "code": session.code})
    deck = _deck(built, tmp_path)
    assert texts(slide_titled(deck, "Pitchs"))[1:] == [  # numbered, never bulleted too
        "2 min par équipe", "1. Table C", "2. Table A", "3. Table B"]
