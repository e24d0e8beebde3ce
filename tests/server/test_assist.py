"""Assisted entry of paper notes and ballots (/palabre/assist/CODE), against the real server:
paper authors count as participants of their table and role, retyping never duplicates."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from palabre.exercises.loader import parse_format

from palabre import boards, synthesis
from palabre.i18n import Translator
from tests.fixtures.server import phone
from tests.server.conftest import answer, main_text

FR = Translator("fr")

PAPER = parse_format("""
id: paper
title: {fr: Papier, en: Paper}
question: {fr: "Comment mieux accueillir ?", en: "How to welcome better?"}
phases:
  - id: notes
    kind: ideas
    title: {fr: Idées, en: Ideas}
    prompt: {fr: "Vos idées ?", en: "Your ideas?"}
  - id: grid
    kind: ideas
    categories: [{fr: Ça marche, en: Works}, {fr: À améliorer, en: To improve}]
    title: {fr: Grille, en: Grid}
    prompt: {fr: "Vos retours ?", en: "Your feedback?"}
  - id: vote
    kind: vote
    source: notes
    dots: 3
    title: {fr: Vote, en: Vote}
    prompt: {fr: "Vos gommettes.", en: "Your dots."}
  - id: survey
    kind: choice
    max_answers: 2
    choices: [{fr: Accueil, en: Welcome}, {fr: Délais, en: Delays}, {fr: Clarté, en: Clarity}]
    title: {fr: Priorités, en: Priorities}
    prompt: {fr: "Qu'est-ce qui compte ?", en: "What matters?"}
  - id: mood
    kind: scale
    low: {fr: Pas du tout, en: Not at all}
    high: {fr: Tout à fait, en: Completely}
    title: {fr: Satisfaction, en: Satisfaction}
    prompt: {fr: "Satisfait ?", en: "Satisfied?"}
  - id: map
    kind: persona
    title: {fr: Carte, en: Map}
    prompt: {fr: "Sa carte.", en: "The map."}
  - id: turn
    kind: invert
    source: notes
    title: {fr: Retourner, en: Turn around}
    prompt: {fr: "Retournez-la.", en: "Turn it around."}
  - id: debate
    kind: argument
    proposition: {fr: "Fermer le guichet le samedi", en: "Close the desk on Saturdays"}
    title: {fr: Débat, en: Debate}
    prompt: {fr: "Pour ou contre ?", en: "For or against?"}
  - id: pics
    kind: photo
    title: {fr: Photos, en: Photos}
    prompt: {fr: "Votre paperboard.", en: "Your flipchart."}
""", "paper.yaml")


@pytest.fixture
def paper_session(live_server):
    return live_server.store.create_session(PAPER, title="Atelier papier")


@pytest.fixture
def helper(live_server):
    """The helper's laptop: the facilitator's token, French."""
    with live_server.facilitator(headers={"Accept-Language": "fr"}) as client:
        yield client


def type_in(helper, code, **fields):
    return helper.post(f"/palabre/assist/{code}", data=fields)


def query(response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def test_the_page_needs_the_token(live_server, paper_session):
    code = paper_session.code
    with httpx.Client(base_url=live_server.local_url, timeout=30) as anonymous:
        page = anonymous.get(f"/palabre/assist/{code}")
        # Sent to palabre's page that says where the facilitator's address is printed.
        assert page.status_code == 302 and "/palabre/key" in page.headers["location"]
        post = anonymous.post(f"/palabre/assist/{code}", data={"phase": "notes", "table": "T",
                                                              "box": "1", "answer": "x"})
        assert post.status_code == 403
    with phone(live_server) as device:  # a phone with a valid _xsrf is not a helper either
        refused = device.post_form(f"/palabre/assist/{code}",
                                   {"phase": "notes", "table": "T", "box": "1", "answer": "x"})
        assert refused.status_code == 403
        assert device.post_form(f"/palabre/assist/{code}/undo", {"id": "1"}).status_code == 403
    assert live_server.store.contributions(paper_session) == []
    assert live_server.store.participants(paper_session) == []


def test_xsrf_is_checked_when_the_helper_logs_in_by_link(live_server, paper_session):
    code = paper_session.code
    with httpx.Client(base_url=live_server.local_url, timeout=30) as browser:
        page = browser.get(f"/palabre/assist/{code}", params={"token": live_server.token})
        assert page.status_code == 200
        fields = {"phase": "notes", "table": "T1", "box": "1", "note": "1", "answer": "Idée"}
        assert browser.post(f"/palabre/assist/{code}", data=fields).status_code == 403
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        saved = browser.post(f"/palabre/assist/{code}", data={**fields, "_xsrf": xsrf})
        assert saved.status_code == 303
    assert [c.text for c in live_server.store.contributions(paper_session)] == ["Idée"]


def test_the_form_is_keyboard_first_and_labelled(helper, paper_session):
    page = helper.get(f"/palabre/assist/{paper_session.code}").text
    assert '<html lang="fr">' in page
    for name, label in (("answer", "Texte du post-it"), ("box", "Numéro de la case"),
                        ("note", "Numéro du post-it dans cette case"), ("table", "Table"),
                        ("role", "Rôle coché (facultatif)")):
        assert f'<label for="{name}">{label}</label>' in page
    assert re.search(r'id="answer" name="answer"[^>]*autofocus', page)
    assert page.index('id="answer"') < page.index('id="box"')  # the field typed most is first
    assert "Enregistrer (Entrée)</button>" in page
    options = re.findall(r'<option value="([a-z]+)"', page.split('id="phase-pick"')[1]
                         .split("</select>")[0])
    assert options == ["notes", "grid", "vote", "survey", "mood", "map", "turn", "debate"]


def test_a_paper_note_and_a_phone_answer_count_together(live_server, helper, paper_session):
    code = paper_session.code
    with phone(live_server, lang="fr") as device:
        device.join(code, role="agent", table="Table 1")
        assert answer(device, code, text="Idée du téléphone").status_code == 303
    saved = type_in(helper, code, phase="notes", table="Table 3", role="usager", box="2",
                    note="1", answer="Idée écrite sur papier")
    assert saved.status_code == 303
    following = query(saved)
    assert (following["table"], following["role"], following["box"], following["note"]) == \
        ("Table 3", "usager", "2", "2")  # same card, next note
    confirmation = helper.get(saved.headers["location"]).text
    assert "Enregistrée comme réponse n°" in main_text(confirmation)
    assert 'value="Table 3"' in confirmation and 'id="note" name="note"' in confirmation
    assert re.search(r'id="note" name="note"[^>]*value="2"', confirmation)

    snap = synthesis.snapshot(live_server.store, code)
    phase = paper_session.exercise.phase("notes")
    assert {c.text for c in synthesis.ideas(snap, phase)} == {"Idée du téléphone",
                                                              "Idée écrite sur papier"}
    counts = synthesis.counts(snap)
    assert counts.answers_by_channel == {"phone": 1, "paper": 1}
    assert counts.participants == 2 and counts.by_role == {"agent": 1, "usager": 1}
    assert synthesis.role_split(snap, phase) == {"agent": 1, "usager": 1}
    paper = next(p for p in snap.participants if p.channel == "paper")
    assert (paper.device_key, paper.table, paper.role) == ("paper:Table 3:2", "Table 3",
                                                           "usager")


def test_retyping_the_same_box_stores_nothing_new(live_server, helper, paper_session):
    code = paper_session.code
    fields = {"phase": "notes", "table": "T2", "box": "5", "note": "1", "answer": "Bancs"}
    first = type_in(helper, code, **fields)
    again = type_in(helper, code, **fields)
    assert query(again)["saved"] == query(first)["saved"] + "-again"
    assert "Déjà saisie comme réponse" in main_text(helper.get(again.headers["location"]).text)
    second_note = type_in(helper, code, **{**fields, "note": "2", "answer": "Plantes"})
    assert second_note.status_code == 303
    other_table = type_in(helper, code, **{**fields, "table": "T3"})
    assert other_table.status_code == 303
    rows = live_server.store.contributions(paper_session)
    assert [(r.text, r.table) for r in rows] == [("Bancs", "T2"), ("Plantes", "T2"),
                                                 ("Bancs", "T3")]
    assert all(r.channel == "paper" for r in rows)
    assert len(live_server.store.participants(paper_session)) == 2  # one per (table, box)
    # The helper is told how paper people are counted, and how many there are so far.
    counted = re.search(r'id="paper-people">([^<]*)<',
                        helper.get(again.headers["location"]).text).group(1)
    assert counted.startswith("2 personnes sur papier pour l’instant : chaque case numérotée")


def test_ballots_are_typed_as_printed_numbers(live_server, helper, paper_session):
    code = paper_session.code
    for n, text in enumerate(("Un", "Deux", "Retirée", "Trois"), 1):
        type_in(helper, code, phase="notes", table="T1", box=str(n), answer=text)
    one, two, gone, three = live_server.store.contributions(paper_session, "notes")
    live_server.store.set_hidden(paper_session, gone.id, True)  # taken off the wall
    # The numbers a paper ballot prints: the answers' numbers in the workshop.
    number = {item.id: item.number for item in (one, two, three)}
    page = helper.get(f"/palabre/assist/{code}", params={"phase": "vote"}).text
    ballot = page[page.index('class="numbered"'):page.index('id="recent-title"')]
    assert f"<li><strong>{number[two.id]}</strong> Deux</li>" in ballot
    assert f"<li><strong>{number[three.id]}</strong> Trois</li>" in ballot
    assert "Retirée" not in ballot
    saved = type_in(helper, code, phase="vote", table="T1", box="7",
                    answer=f"{number[one.id]}:2 {number[three.id]}")
    assert saved.status_code == 303
    assert query(saved)["box"] == "8"  # a ballot per box: the next box comes next
    unknown = type_in(helper, code, phase="vote", table="T1", box="8", answer="999999")
    assert unknown.status_code == 422
    assert 'id="answer-error">Aucune réponse numérotée 999999 ' in unknown.text
    assert 'aria-describedby="answer-hint answer-error" aria-invalid="true"' in unknown.text
    hidden = type_in(helper, code, phase="vote", table="T1", box="8", answer=str(gone.number))
    assert hidden.status_code == 422  # an answer taken off the wall gets no dots
    over = type_in(helper, code, phase="vote", table="T1", box="8",
                   answer=f"{number[one.id]} {number[one.id]} {number[two.id]} "
                          f"{number[three.id]}")
    assert over.status_code == 422
    assert FR("You have {dots} dots and placed {used}. Remove some and send again.",
              dots=3, used=4) in main_text(over.text)
    type_in(helper, code, phase="survey", table="T1", box="1", answer="1 3")
    type_in(helper, code, phase="mood", table="T1", box="1", answer="4")
    wrong_option = type_in(helper, code, phase="survey", table="T1", box="2", answer="4")
    assert wrong_option.status_code == 422 and "de 1 à 3" in main_text(wrong_option.text)
    snap = synthesis.snapshot(live_server.store, code)
    tally = {t.item.id: t.count for t in synthesis.vote_tally(
        snap, paper_session.exercise.phase("vote"))}
    assert tally == {one.id: 2, two.id: 0, three.id: 1}
    choices = synthesis.choice_tally(snap, paper_session.exercise.phase("survey"), "fr")
    assert [t.count for t in choices] == [1, 0, 1]
    assert synthesis.scale_summary(snap, paper_session.exercise.phase("mood")).distribution \
        == (0, 0, 0, 1, 0)


def test_refusals_are_tied_to_their_fields(live_server, helper, paper_session):
    code = paper_session.code
    no_table = type_in(helper, code, phase="notes", table=" ", box="1", answer="Idée")
    assert no_table.status_code == 422
    assert 'id="table-error">Écrivez la table indiquée sur la fiche papier.' in no_table.text
    assert re.search(r'id="table" name="table"[^>]*aria-describedby="table-error" '
                     r'aria-invalid="true" autofocus', no_table.text)
    assert 'value="Idée"' in no_table.text  # what was typed stays
    bad_box = type_in(helper, code, phase="notes", table="T1", box="deux", answer="Idée")
    assert bad_box.status_code == 422 and 'id="box-error"' in bad_box.text
    empty = type_in(helper, code, phase="notes", table="T1", box="1", answer="  ")
    assert empty.status_code == 422 and 'id="answer-error"' in empty.text
    no_column = type_in(helper, code, phase="grid", table="T1", box="1", answer="Accueil")
    assert no_column.status_code == 422
    assert 'id="column-error">Choisissez une colonne pour votre réponse.' in no_column.text
    assert type_in(helper, code, phase="grid", table="T1", box="1", answer="Accueil",
                   column="0").status_code == 303
    not_paper = type_in(helper, code, phase="pics", table="T1", box="1", answer="x")
    assert not_paper.status_code == 422 and 'id="phase-error"' in not_paper.text
    assert [c.body for c in live_server.store.contributions(paper_session)] == [
        {"text": "Accueil", "category": 0}]
    assert len(live_server.store.participants(paper_session)) == 1  # refusals join nobody


def test_paper_arguments_take_the_side_ticked_and_their_tables_viewpoint(
        live_server, helper, paper_session):
    store, code = live_server.store, paper_session.code
    page = helper.get(f"/palabre/assist/{code}", params={"phase": "debate"}).text
    assert "<legend>Côté coché sur la carte</legend>" in page
    no_side = type_in(helper, code, phase="debate", table="T1", role="agent", box="1",
                      answer="Je travaille le samedi")
    assert no_side.status_code == 422
    assert 'id="side-error">Indiquez si votre argument est pour ou contre.' in no_side.text
    assert 'value="Je travaille le samedi"' in no_side.text
    assert store.participants(paper_session) == []  # a refusal joins nobody
    assert type_in(helper, code, phase="debate", table="T1", role="agent", box="1",
                   side="against", answer="Je travaille le samedi").status_code == 303
    boards.give_viewpoint(store, paper_session, "given:T2", "elu")
    assert type_in(helper, code, phase="debate", table="T2", role="agent", box="1",
                   side="for", answer="Un budget pour l'accueil").status_code == 303
    swapped, given = store.contributions(paper_session, "debate")
    assert swapped.body == {"side": "against", "viewpoint": "usager",
                            "text": "Je travaille le samedi"}  # an agent argues as a user
    assert given.body["viewpoint"] == "elu" and given.channel == "paper"


def test_paper_inversions_name_the_worse_idea_by_its_number(live_server, helper,
                                                            paper_session):
    store, code = live_server.store, paper_session.code
    for box, text in enumerate(("Fermer à midi", "Répondre en <latin>"), 1):
        type_in(helper, code, phase="notes", table="T1", box=str(box), answer=text)
    noon, latin = store.contributions(paper_session, "notes")
    page = helper.get(f"/palabre/assist/{code}", params={"phase": "turn"}).text
    assert f"<li><strong>{latin.number}</strong> Répondre en &lt;latin&gt;</li>" in page
    unknown = type_in(helper, code, phase="turn", table="T1", box="3", source="999",
                      answer="Ouvrir entre midi et deux")
    assert unknown.status_code == 422
    assert 'id="source-error">Aucune idée pire ne porte le numéro 999.' in unknown.text
    no_number = type_in(helper, code, phase="turn", table="T1", box="3", source="",
                        answer="Ouvrir entre midi et deux")
    assert no_number.status_code == 422 and 'id="source-error"' in no_number.text
    assert type_in(helper, code, phase="turn", table="T1", box="3", source=str(noon.number),
                   answer="Ouvrir entre midi et deux").status_code == 303
    (row,) = store.contributions(paper_session, "turn")
    assert row.body == {"source_id": noon.id, "text": "Ouvrir entre midi et deux"}
    pairs = synthesis.pairs(synthesis.snapshot(store, code),
                            paper_session.exercise.phase("turn"))
    assert [(p.worse.text, [b.text for b in p.better]) for p in pairs] == [
        ("Fermer à midi", ["Ouvrir entre midi et deux"]), ("Répondre en <latin>", [])]


def test_paper_empathy_notes_go_to_their_tables_persona(live_server, helper, paper_session):
    store, code = live_server.store, paper_session.code
    boards.assign_persona(store, paper_session, "map", "odette-retraitee-rurale", table="T1")
    page = helper.get(f"/palabre/assist/{code}", params={"phase": "map"}).text
    assert '<option value="feels" >Ressent</option>' in page
    no_part = type_in(helper, code, phase="map", table="T1", box="1", answer="Seule")
    assert no_part.status_code == 422 and 'id="part-error"' in no_part.text
    no_persona = type_in(helper, code, phase="map", table="T9", box="1", part="feels",
                         answer="Seule")
    assert no_persona.status_code == 409 and 'id="form-error"' in no_persona.text
    assert store.participants(paper_session) == []
    assert type_in(helper, code, phase="map", table="T1", box="1", part="feels",
                   answer="Seule face aux formulaires").status_code == 303
    (row,) = store.contributions(paper_session, "map")
    assert row.body == {"persona": "odette-retraitee-rurale", "field": "feels",
                        "text": "Seule face aux formulaires"}


def test_undo_hides_an_entry_and_it_can_be_put_back(live_server, helper, paper_session):
    code = paper_session.code
    saved = type_in(helper, code, phase="notes", table="T1", box="3", answer="Erreur")
    row_id = int(query(saved)["saved"])
    page = helper.get(saved.headers["location"]).text
    assert f"Annuler le n° {row_id}</button>" in page
    undone = helper.post(f"/palabre/assist/{code}/undo",
                         data={"number": str(row_id), "hide": "1", "phase": "notes"})
    assert undone.status_code == 303
    assert live_server.store.contributions(paper_session) == []
    assert f"Rétablir le n° {row_id}</button>" in helper.get(undone.headers["location"]).text
    retyped = type_in(helper, code, phase="notes", table="T1", box="3", answer="Erreur")
    assert "saisie puis annulée" in main_text(helper.get(retyped.headers["location"]).text)
    helper.post(f"/palabre/assist/{code}/undo", data={"number": str(row_id), "hide": "0"})
    assert [c.number for c in live_server.store.contributions(paper_session)] == [row_id]
    with phone(live_server) as device:  # phone answers are not the helper's to undo
        device.join(code)
        answer(device, code, text="Du téléphone")
    (phone_row,) = [c for c in live_server.store.contributions(paper_session)
                    if c.channel == "phone"]
    refused = helper.post(f"/palabre/assist/{code}/undo", data={"number": str(phone_row.number)})
    assert refused.status_code == 404
    assert not live_server.store.contribution(paper_session, phone_row.id).hidden
