"""The restitution deck, reopened with python-pptx: the slides an organiser presents."""

from __future__ import annotations

import re

import pytest
from palabre.exercises import KINDS, Localized, Phase
from palabre.exports import export_workshop
from palabre.exports.deck import DeckBuilder
from palabre.exports.records import Workshop
from palabre.exports.slides import BUILDERS, UnknownKind, phase_slides
from pptx import Presentation
from pptx.util import Emu, Inches

from palabre.i18n import Translator

from .conftest import HIDDEN_TEXT, LONG_TEXT, SOLUTIONS, fixed_formats
from .helpers import charts, everything, inside, series, slide_titled, texts, titles

EMOJI = re.compile("[\U0001f000-\U0001ffff\u2600-\u27bf\ufe0f\u200d]")


def _deck(built, tmp_path, lang="fr", rendered=None, **options):
    """The exported deck; with ``rendered``, also checked page by page once LibreOffice has
    rendered the module's decks."""
    files = export_workshop(built.store, built.code, tmp_path, lang=lang, **options)
    deck_path = tmp_path / f"{built.code}-restitution.pptx"
    assert deck_path in files
    if rendered is not None:
        rendered.add(deck_path, decisions=("Vote",))
        for annex in files:
            if annex.name.endswith("-annex.pptx"):
                rendered.add(annex)
    return Presentation(str(deck_path))


def test_the_registry_has_a_slide_for_every_kind():
    assert set(KINDS) <= set(BUILDERS), set(KINDS) - set(BUILDERS)


def test_an_unknown_kind_raises_instead_of_dropping_a_phase(brainstorm):
    builder = DeckBuilder(Workshop(brainstorm.store, brainstorm.code))
    odd = Phase(id="odd", kind="hologram", title=Localized("Odd"), prompt=Localized("?"))
    with pytest.raises(UnknownKind) as raised:
        phase_slides(builder, odd)
    assert "hologram" in raised.value.translated(Translator("fr").gettext)


def test_french_deck_has_the_expected_slides_in_order(brainstorm, tmp_path, rendered):
    deck = _deck(brainstorm, tmp_path, rendered=rendered, annex=True)
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Inches(7.5))
    found = titles(deck)
    assert found[:4] == ["Forum de l'action publique — Rennes", "La question",
                         "Méthode et déroulé", "Participation"]
    rest = found[4:]
    worse = [t for t in rest if t.startswith("Pire idée")]
    assert worse and rest[:len(worse)] == worse
    after = rest[len(worse):]
    # a dozen worse ideas make no word cloud; no next step makes no empty slide: the last
    # one says so, and where everything is
    assert after == ["Retourner les idées", "Vote", "Où trouver le reste"]
    annex = []
    cover = texts(deck.slides[0])
    assert "Animation : Claire Martin" in cover
    assert "Rennes · 24\u00a0novembre\u00a02017" in cover  # a date never wraps
    question = texts(deck.slides[1])
    assert "Comment être plus proche de ses usagers ?" in question
    assert "Comment être encore MOINS proche de ses usagers ?" in question
    for number, slide in enumerate(deck.slides):
        if number < len(found) - len(annex) + 1:  # the annex has one notes page, its first
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
        for shape in slide.shapes:
            assert inside(shape, deck), (shape.name, titles(deck)[deck.slides.index(slide)])


def test_agenda_lists_the_phases_with_their_timeboxes_and_answers(brainstorm, tmp_path):
    deck = _deck(brainstorm, tmp_path)
    cells = texts(slide_titled(deck, "Méthode et déroulé"))
    for row in (["1", "Pire idée", "Idées", "10 min", "12"],
                ["2", "Retourner les idées", "Idées", "15 min", "5"],
                ["3", "Vote", "Vote par gommettes", "5 min", "6"]):  # 7 ballots, 6 voters
        start = cells.index(row[0], cells.index("Réponses"))
        assert cells[start:start + 5] == row


def test_vote_slide_shows_the_top_items_with_their_dots(brainstorm, tmp_path):
    deck = _deck(brainstorm, tmp_path)
    slide = slide_titled(deck, "Vote")
    (chart,) = charts(slide)
    labels, values = series(chart)
    # Five people put 2 dots on the first solution; the second has 1 from each of them and
    # 3 from the person who changed their ballot (their first ballot no longer counts).
    assert values == [10, 8]
    assert labels[0] == SOLUTIONS[0]
    assert labels[1] == "Un numéro unique qui répond vraiment"  # emoji stripped
    assert not any(EMOJI.search(label) for label in labels)
    lines = texts(slide)
    assert f"1 · 10 gommettes — {SOLUTIONS[0]}" in lines  # ranked
    assert f"2 · 8 gommettes — {SOLUTIONS[1]}" in lines  # the list keeps the emoji
    first, second = (brainstorm.items[t] for t in SOLUTIONS[:2])
    notes = slide.notes_slide.notes_text_frame.text
    assert f"Usager, premiers choix : N° {second} (4), N° {first} (2)" in notes


def test_participation_charts_are_native_and_count_people_and_channels(brainstorm, tmp_path):
    deck = _deck(brainstorm, tmp_path)
    slide = slide_titled(deck, "Participation")
    assert {"9 participants", "23 réponses"} <= set(texts(slide))  # a replaced ballot is no answer
    by_role, by_channel = (series(c) for c in charts(slide))
    assert by_role == (["Usager", "Agent public", "Élu·e", "Autre"], [3, 3, 3, 0])
    # People, not answers: the paper note of this fixture was stored with no paper person.
    assert by_channel == (["Téléphone", "Papier", "Borne"], [9, 0, 0])


def test_long_texts_are_shortened_on_slides_and_whole_in_the_notes(brainstorm, tmp_path):
    _deck(brainstorm, tmp_path, annex=True)
    annex = Presentation(str(tmp_path / f"{brainstorm.code}-annex.pptx"))
    head = LONG_TEXT[:60]
    shown = [t for s in annex.slides for t in texts(s) if head in t]
    assert shown, "the long answer is in the annex"
    assert all(len(t) < 600 and t.endswith("…") for t in shown)
    assert not any(t.startswith("Annexe") for t in titles(_deck(brainstorm, tmp_path)))


def test_hidden_answers_never_reach_the_deck(brainstorm, tmp_path):
    assert HIDDEN_TEXT not in everything(_deck(brainstorm, tmp_path))


def test_english_deck(brainstorm, tmp_path, rendered):
    deck = _deck(brainstorm, tmp_path, lang="en", rendered=rendered)
    found = titles(deck)
    assert found[1:4] == ["The question", "Method and agenda", "Participation"]
    assert any(t.startswith("Worst ideas") for t in found)
    assert "Turn the ideas around" in found
    assert found[-1] == "Where to find everything"
    assert "1 · 10 dots — " + SOLUTIONS[0] in texts(slide_titled(deck, "Vote"))


def test_choice_phase_is_a_bar_chart_of_the_options(role_swap, tmp_path, rendered):
    deck = _deck(role_swap, tmp_path, lang="en", rendered=rendered)
    (chart,) = charts(slide_titled(deck, "Who are you?"))
    assert series(chart) == (["Service user", "Civil servant", "Elected official", "Other"],
                             [2, 3, 1, 0])
    french = _deck(role_swap, tmp_path / "fr", lang="fr")
    (chart,) = charts(slide_titled(french, "Qui êtes-vous ?"))
    assert series(chart)[0] == ["Usager", "Agent", "Élu", "Autre"]
    # Phases nobody answered yet still get their slide, saying so.
    assert "No answer in this phase." in texts(slide_titled(deck, "In the other's shoes"))
    assert "No dot was placed." in texts(slide_titled(deck, "Vote"))


def test_many_answers_are_paginated_and_capped_with_a_pointer_to_the_annex(store, tmp_path,
                                                                           rendered):
    from palabre.answers import submit

    session = store.create_session(fixed_formats()["reverse-brainstorm"], title="Grand")
    phones = [store.join(session, f"device-{i:03d}") for i in range(60)]
    for i, phone in enumerate(phones):
        submit(store, session, phone, {"text": f"Idée numéro {i} : " + "mot " * (i % 40)},
               f"key-many-{i:04d}")
    deck = _deck(type("B", (), {"store": store, "code": session.code}), tmp_path, lang="en",
                 rendered=rendered)
    worse = [s for s in deck.slides if s.shapes.title.text.startswith("Worst ideas")]
    assert len(worse) == 1  # one slide of answers, the rest counted
    shown = sum(len([t for t in texts(s) if t.startswith("• ")]) for s in worse)
    assert shown < 60
    pointer = texts(worse[-1])[-1]
    assert pointer == f"{60 - shown} more answers: see the workbook, sheet “Worst ideas”."
    assert len(deck.slides) <= 20
