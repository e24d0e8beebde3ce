"""The facilitator's way in, driven from code on a real store: a workshop created or reopened,
its wording and times adjusted before the room starts, and the link to its dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from palabre.exercises import builtin_formats
from palabre.widgets import SessionPicker
from palabre.widgets.picker import PickerError

from palabre.answers import submit


@pytest.fixture
def picker(store):
    made = SessionPicker(store, formats=builtin_formats(), lang="fr")
    yield made
    made.widget.close()


def test_the_question_follows_the_chosen_format_and_its_language(picker):
    formats = builtin_formats()
    picker.format.value = "role-swap"
    assert picker.question.value == formats["role-swap"].question.fr
    assert picker.title.value == "Inversion des rôles"
    picker.session_lang.value = "en"
    assert picker.question.value == formats["role-swap"].question.en
    picker.title.value = "Accueil de la mairie de Brest"
    picker.format.value = "personas"
    assert picker.title.value == "Accueil de la mairie de Brest"  # typed: kept


def test_creating_a_workshop_from_the_form_stores_it_and_links_its_dashboard(picker, store):
    picker.format.value = "reverse-brainstorm"
    picker.title.value = "  Mairie de Brest  "
    picker.question.value = "Comment mieux accueillir les nouveaux habitants ?"
    picker.place.value = "Salle du conseil"
    picker.held_on.value = date(2026, 5, 12)
    picker.facilitator.value = "Claire"
    picker.forum.value = "Assises de l'accueil"
    picker.create_button.click()
    assert picker.create_status.value == ""
    session = store.session(picker.code)
    assert session.title == "Mairie de Brest" and session.exercise.id == "reverse-brainstorm"
    assert session.exercise.question.fr == "Comment mieux accueillir les nouveaux habitants ?"
    assert (session.place, session.held_on, session.facilitator, session.forum, session.lang) \
        == ("Salle du conseil", "2026-05-12", "Claire", "Assises de l'accueil", "fr")
    assert picker.room_url == f"reverse-brainstorm.ipynb?session={session.code}"
    assert f'href="reverse-brainstorm.ipynb?session={session.code}"' in picker.link.value
    assert "token" not in picker.link.value
    assert f"Atelier {session.code} créé." in picker.status.value
    assert picker.prepare_box.layout.display is None
    assert [row.phase_id for row in picker._rows] == ["worsen", "flip", "themes", "vote"]
    assert picker.sessions.value == session.code  # listed for reopening, and selected


def test_a_refusal_is_said_next_to_the_button_and_nothing_is_stored(picker, store):
    picker.title.value = "   "
    picker.create_button.click()
    assert "Titre : merci d’écrire quelque chose." in picker.create_status.value
    picker.title.value = "x" * 201
    picker.create_button.click()
    assert "200 caractères au plus" in picker.create_status.value
    assert store.sessions() == [] and picker.code == ""


def test_reopening_lists_workshops_newest_first_with_their_people(picker, store):
    formats = builtin_formats()
    older = store.create_session(formats["personas"], title="Quartier nord")
    newer = store.create_session(formats["role-swap"], title="Accueil <mairie>")
    store.join(newer, "phone-1")
    store.join(newer, "phone-2")
    picker.list_sessions()
    labels = [label for label, _code in picker.sessions.options]
    assert labels[0] == f"{newer.code} · Accueil <mairie> · Inversion des rôles · 2 participants"
    assert labels[1].startswith(f"{older.code} · Quartier nord · Personas · 0 participant")
    picker.sessions.value = older.code
    picker.choose_button.click()
    assert picker.code == older.code
    assert picker.room_url == f"personas.ipynb?session={older.code}"
    assert "Quartier nord" in picker.chosen.value
    with pytest.raises(PickerError, match="zzzzz"):
        picker.choose("zzzzz")
    assert picker.code == older.code  # an unknown code changes nothing...
    picker.sessions.options = [("?", "ZZZZZ")]
    picker.choose_button.click()
    assert "Aucun atelier n’a le code ZZZZZ." in picker.create_status.value  # ...and says so


def test_question_prompts_and_timeboxes_are_adjusted_before_the_room_starts(picker, store):
    session = picker.create(exercise_id="personas", title="Maison France services")
    rows = {row.phase_id: row for row in picker._rows}
    assert rows["proposals"].timebox.value == 15
    picker.edit_question.value = "Que doit faire la Maison France services pour chacun ?"
    rows["proposals"].prompt.value = "Une proposition concrète par réponse."
    rows["proposals"].timebox.value = 25
    rows["vote"].timebox.value = 0  # no countdown for the vote
    picker.save_button.click()
    assert picker.status.value == "Modifications enregistrées."
    stored = store.session(session.code).exercise
    assert stored.question.fr == stored.question.en == \
        "Que doit faire la Maison France services pour chacun ?"
    proposals = stored.phase("proposals")
    assert proposals.prompt.fr == proposals.prompt.en == "Une proposition concrète par réponse."
    assert proposals.timebox_min == 25
    assert stored.phase("vote").timebox_min is None
    untouched = builtin_formats()["personas"].phase("empathy")
    assert stored.phase("empathy") == untouched  # both languages kept where nothing changed
    assert stored.phase("vote").params == builtin_formats()["personas"].phase("vote").params

    # What the room then runs on: phones and the wall read the stored snapshot.
    session = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    assert session.phase.prompt.get("fr") == "Une proposition concrète par réponse."
    person = store.join(session, "phone-1")
    row, created = submit(store, session, person, {"text": "Des horaires le samedi"},
                          "key-after-edit-1")
    assert created and row.phase_id == "proposals"


def test_an_empty_prompt_or_an_impossible_timebox_is_refused(picker, store):
    session = picker.create(exercise_id="personas", title="Maison France services")
    rows = {row.phase_id: row for row in picker._rows}
    rows["empathy"].prompt.value = "  "
    picker.save_button.click()
    assert "Consigne : merci d’écrire quelque chose." in picker.status.value
    assert store.session(session.code).exercise == session.exercise
    rows["empathy"].prompt.value = "Mettez-vous à sa place."
    with pytest.raises(ValueError, match="480"):
        picker.save(timeboxes={"empathy": 900})


def test_a_reverse_brainstorm_proposes_its_inverted_question_and_keeps_an_edited_one(picker,
                                                                                     store):
    from palabre.exercises.wording import invert_question

    reverse = builtin_formats()["reverse-brainstorm"]
    picker.format.value = "reverse-brainstorm"
    inverted_box, proposition_box = picker._create_words
    assert inverted_box.layout.display is None and proposition_box.layout.display == "none"
    assert picker.inverted_question.value == reverse.inverted_question.fr
    question = "Comment mieux accueillir les familles à la CAF de Rennes ?"
    picker.question.value = question
    assert picker.inverted_question.value == invert_question(question, "fr")
    picker.inverted_question.value = "Comment décourager les familles de venir ?"
    picker.question.value = question + " "  # typed on: the facilitator's own stays
    assert picker.inverted_question.value == "Comment décourager les familles de venir ?"
    picker.title.value = "CAF de Rennes"
    picker.create_button.click()
    session = store.session(picker.code)
    assert session.exercise.inverted_question.fr == "Comment décourager les familles de venir ?"
    worsen = session.exercise.phase("worsen").prompt.fr
    assert worsen.startswith("Comment décourager les familles de venir ?")
    assert reverse.inverted_question.fr not in worsen
    assert picker.edit_inverted.value == "Comment décourager les familles de venir ?"


def test_a_role_swap_asks_for_a_proposition_with_a_new_question(picker, store):
    swap = builtin_formats()["role-swap"]
    picker.format.value = "role-swap"
    assert picker.proposition.value == swap.proposition.fr
    picker.title.value = "Rôles"
    picker.question.value = "Comment rendre les démarches plus simples ?"
    assert picker.proposition.value == ""  # never the format's own, for another question
    picker.create_button.click()
    assert "proposition" in picker.create_status.value and picker.code == ""
    picker.proposition.value = "Les démarches doivent rester possibles au guichet."
    picker.create_button.click()
    session = store.session(picker.code)
    assert session.exercise.argued(session.exercise.phase("arguments")).fr == \
        "Les démarches doivent rester possibles au guichet."
    picker.save(question="Comment simplifier les démarches ?",
                proposition="Tout doit pouvoir se faire en ligne.")
    saved = store.session(picker.code).exercise
    assert "Tout doit pouvoir se faire en ligne." in saved.phase("arguments").prompt.fr
    assert "Comment simplifier les démarches ?" in saved.phase("proposals").prompt.fr
    assert picker.edit_proposition.value == "Tout doit pouvoir se faire en ligne."
