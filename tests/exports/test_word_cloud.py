"""A free-text phase with enough answers gets its word cloud in the deck; a short one not."""

from __future__ import annotations

from palabre.exercises import builtin_formats
from palabre.exports import export_workshop
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from palabre.answers import submit

PROPOSALS = [
    "Un accueil sans rendez-vous le samedi matin",
    "Un numéro unique pour joindre un agent",
    "Un accueil téléphonique qui répond vraiment",
    "Des formulaires plus simples à remplir",
    "Un agent pour accompagner les démarches en ligne",
    "Un accueil en mairie pour les démarches en ligne",
    "Des délais de réponse annoncés et tenus 🙂",
    "Un courrier écrit simplement, en langage clair",
]


def _workshop(store, answers):
    session = store.create_session(builtin_formats()["personas"], title="Nuage")
    session = store.update_state(
        session.code, lambda s: s.state.go(s.exercise, s.exercise.index("proposals")))
    for i, text in enumerate(answers):
        submit(store, session, store.join(session, f"d{i}"), {"text": text}, f"key-cloud-{i:03}")
    return session.code


def _clouds(deck_path):
    found = []
    for slide in Presentation(deck_path).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        if title.startswith("Les mots les plus utilisés"):
            pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            found.append((title, len(pictures), slide.notes_slide.notes_text_frame.text))
    return found


def test_a_phase_with_enough_answers_gets_its_word_cloud(store, tmp_path, rendered):
    code = _workshop(store, PROPOSALS * 3)
    deck = rendered.add(next(p for p in export_workshop(store, code, tmp_path, lang="fr")
                             if p.suffix == ".pptx"))
    ((title, pictures, notes),) = _clouds(deck)
    assert title == "Les mots les plus utilisés : Propositions" and pictures == 1
    assert "accueil (9)" in notes  # the counts behind the picture, as on the projector


def test_a_short_phase_has_no_cloud(store, tmp_path):
    code = _workshop(store, PROPOSALS[:3])
    deck = next(p for p in export_workshop(store, code, tmp_path, lang="fr")
                if p.suffix == ".pptx")
    assert _clouds(deck) == []


TYPED_ON_PHONES = [  # accents dropped, a letter missed, one word in several forms
    "ecrire les courriers en langage clair", "Écrire simplement aux usagers",
    "ecrire moins de courriers", "un courier lisible", "Numériser les démarches",
    "Le numérique pour tous", "Des démarches numériques accompagnées",
    "Un accueil sans rendez-vous", "L'accueil le samedi", "Un agent à l'accueil",
]


def test_the_cloud_folds_typos_accents_and_forms_of_a_word_as_the_projector_does(store,
                                                                                 tmp_path):
    from palabre import synthesis

    code = _workshop(store, TYPED_ON_PHONES * 2)
    deck = next(p for p in export_workshop(store, code, tmp_path, lang="fr")
                if p.suffix == ".pptx")
    ((_title, _pictures, notes),) = _clouds(deck)
    words = notes.splitlines()[-1]
    assert "écrire (6)" in words and "ecrire" not in words
    assert "courriers (6)" in words and "courier " not in words
    assert "numérique" in words and "numériser" not in words and "idée" not in words
    # The projector's panel reads the same counts.
    snap = synthesis.snapshot(store, code)
    projector = synthesis.word_counts(snap, ["proposals"], lang="fr")
    assert words == ", ".join(f"{word} ({count})" for word, count in projector)
