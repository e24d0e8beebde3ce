"""Moderation by the number on each card, driven from code on a real store: a typo corrected,
duplicates folded into one answer ("merge 12 into 7"), and what the wall and the votes show."""

from __future__ import annotations

import html
import re

import pytest
from palabre.exercises.loader import parse_format
from palabre.widgets import RoomDashboard

from palabre import synthesis
from palabre.answers import submit

WORKSHOP = """
id: moderation-test
title: {fr: Modération, en: Moderation}
question: {fr: "Comment mieux accueillir ?", en: "How to welcome better?"}
phases:
  - id: ideas
    kind: ideas
    title: {fr: Idées, en: Ideas}
    prompt: {fr: Vos idées, en: Your ideas}
  - id: more
    kind: ideas
    title: {fr: Encore, en: More}
    prompt: {fr: Encore des idées, en: More ideas}
  - id: vote
    kind: vote
    source: ideas
    reveal: live
    title: {fr: Vote, en: Vote}
    prompt: {fr: Vos gommettes, en: Your dots}
"""


@pytest.fixture
def session(store):
    return store.create_session(parse_format(WORKSHOP, "moderation-test.yaml"), title="Mairie")


@pytest.fixture
def room(store, session):
    made = RoomDashboard(store, session.code, public_url="http://10.0.0.2:8866", live=False,
                         panels=())
    yield made
    made.dispose()


def idea(store, code, device, text):
    session = store.session(code)
    person = store.join(session, device)
    return submit(store, session, person, {"text": text}, f"key-{device}-{len(text):04}")[0]


def test_a_typo_is_corrected_by_the_cards_number_and_the_raw_data_keeps_the_original(
        store, session, room):
    typo = idea(store, session.code, "phone-a", "Ouvrir le samdi matin")
    room.refresh()
    room.wall.answer_number.value = f"n° {typo.id}"
    room.wall.correction.value = "Ouvrir le <samedi> matin"
    room.wall.correct_button.click()
    assert f"Réponse {typo.id} corrigée." in room.wall.moderation_status.value
    assert html.escape("Ouvrir le <samedi> matin") in room.wall.body.value
    assert "samdi" not in room.wall.body.value and "<samedi>" not in room.wall.body.value
    assert room.wall.answer_number.value == room.wall.correction.value == ""
    stored = store.contribution(store.session(session.code), typo.id)
    assert stored.text == "Ouvrir le <samedi> matin"
    assert stored.body["original_text"] == "Ouvrir le samdi matin"  # the participant's words


def test_a_correction_is_refused_without_text_or_for_a_number_not_on_the_wall(
        store, session, room):
    typo = idea(store, session.code, "phone-a", "Un numero unique")
    room.wall.answer_number.value = str(typo.id)
    room.wall.correction.value = "   "
    room.wall.correct_button.click()
    assert "Tapez d’abord le texte corrigé." in room.wall.moderation_status.value
    assert not room.correct_answer(9999, "Texte")
    assert "Aucune réponse n° 9999 n’est au mur." in room.wall.moderation_status.value
    room.remove_answer(typo.id)
    assert not room.correct_answer(typo.id, "Un numéro unique")  # off the wall: left alone
    assert store.contribution(store.session(session.code), typo.id).text == "Un numero unique"


def test_duplicates_fold_into_the_kept_answer_and_their_dots_count_for_it(
        store, session, room):
    kept = idea(store, session.code, "phone-a", "Ouvrir le samedi")
    twin = idea(store, session.code, "phone-b", "Ouverture le samedi matin")
    triplet = idea(store, session.code, "phone-c", "Le samedi aussi")
    other = idea(store, session.code, "phone-d", "Un numéro unique")
    room.refresh()
    assert room.answers == 4
    room.wall.answer_number.value = str(kept.id)
    room.wall.duplicates.value = f"{twin.id}, {triplet.id} et {twin.id}"
    room.wall.merge_button.click()
    assert f"2 doublons fusionnés dans la réponse {kept.id}." in \
        room.wall.moderation_status.value
    assert room.answers == 2
    body = room.wall.body.value
    assert "Ouverture le samedi matin" not in body and "Le samedi aussi" not in body
    raw = {c.id: c for c in store.contributions(store.session(session.code),
                                                include_hidden=True)}
    assert raw[twin.id].hidden and raw[twin.id].body["merged_into"] == kept.id  # flagged, kept
    assert raw[triplet.id].hidden and raw[triplet.id].body["merged_into"] == kept.id

    # A ballot on a duplicate counts for the answer it joined; merged ones never show.
    vote = store.update_state(session.code,
                              lambda s: s.state.go(s.exercise, s.exercise.index("vote")))
    voters = [store.join(vote, f"voter-{i}") for i in range(2)]
    submit(store, vote, voters[0], {"dots": {str(kept.id): 1, str(other.id): 2}}, "key-b-0001")
    room.refresh()
    stale = {str(twin.id): 3}  # a phone that still had the duplicate on its ballot
    store.contribute(vote, participant=voters[1], phase_id="vote", kind="vote",
                     body={"dots": stale}, text=None, key="key-b-0002")
    room.refresh()
    rows = re.findall(r'palabre-label">([^<]*)</td>.*?palabre-count">(\d+)<', room.wall.body.value)
    assert rows == [("Ouvrir le samedi", "4"), ("Un numéro unique", "2")]
    snap = synthesis.snapshot(store, session.code)
    assert [t.count for t in synthesis.vote_tally(snap, vote.exercise.phase("vote"))] == [4, 2]


def test_a_merge_is_refused_across_phases_without_duplicates_or_off_the_wall(
        store, session, room):
    kept = idea(store, session.code, "phone-a", "Ouvrir le samedi")
    moved = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    person = store.join(moved, "phone-b")
    later = submit(store, moved, person, {"text": "Ouvrir le samedi"}, "key-later-0001")[0]
    room.refresh()
    assert not room.merge_answers(kept.id, [later.id])
    assert "étapes différentes" in room.wall.moderation_status.value
    assert not room.merge_answers(kept.id, [kept.id])
    assert "Tapez les numéros des doublons" in room.wall.moderation_status.value
    assert not room.merge_answers(kept.id, [424242])
    room.wall.answer_number.value = "sept"
    room.wall.merge_button.click()
    assert "petit numéro" in room.wall.moderation_status.value
    hidden = [c.id for c in store.contributions(store.session(session.code),
                                                include_hidden=True) if c.hidden]
    assert hidden == []  # nothing was folded by a refused merge
