"""Themes and duplicates as a facilitator works them, driven from code on a real store: themes
proposed and named by an answer, answers moved by their cards or numbers, themes renamed,
merged and split, duplicates confirmed or dismissed; a second console shows the same."""

from __future__ import annotations

import pytest
from palabre.exercises.loader import parse_format
from palabre.widgets import RoomDashboard

from palabre import boards
from palabre.answers import submit
from tests.widgets.test_tools import WORKSHOP

TEXTS = ["Un accueil sans rendez-vous", "Accueil sans rendez-vous le samedi",
         "Horaires du soir", "Des horaires le soir", "Un café",
         "Des courriers en français clair", "Des couriers en francais clair"]


@pytest.fixture
def session(store):
    made = store.create_session(parse_format(WORKSHOP, "tools-test.yaml"), title="Mairie")
    for i, text in enumerate(TEXTS):
        person = store.join(store.session(made.code), f"phone-{i}")
        submit(store, store.session(made.code), person, {"text": text}, f"key-{i:04}")
    store.update_state(made.code, lambda s: s.state.advance(s.exercise))
    return store.session(made.code)


@pytest.fixture
def consoles(store, session):
    made = [RoomDashboard(store, session.code, public_url="http://10.0.0.2:8866", live=False)
            for _ in range(2)]
    yield made
    for console in made:
        console.dispose()


def ids(store, session) -> list[int]:
    return [c.id for c in store.contributions(session, "ideas")]


def box_titles(console) -> list[str]:
    return [t.value for t in console.theme_tools._titles]


def test_proposed_themes_are_named_by_an_answer_and_shown_as_boxes_of_cards(consoles, store,
                                                                             session):
    room, _other = consoles
    n = ids(store, session)
    saved = room.propose_themes()
    assert all(t["title"] in TEXTS for t in saved)  # an answer, never word triples
    assert "Horaires du soir" in box_titles(room)
    cards = room.theme_tools._cards
    assert set(cards) == set(n)  # every answer has its card, themed or not
    assert cards[n[2]].description == f"{n[2]} · Horaires du soir"
    assert not hasattr(room.theme_tools, "editor")  # no « Titre : 12, 15 » box


def test_cards_clicked_or_numbers_typed_move_answers_and_the_other_console_follows(
        consoles, store, session):
    room, other = consoles
    n = ids(store, session)
    room.propose_themes()
    other.refresh()
    hours = box_titles(room).index("Horaires du soir")
    th = room.theme_tools
    th._cards[n[4]].value = True  # a click on the card « Un café »
    th._cards[n[0]].value = True
    assert th.selected() == [n[4], n[0]] and th.numbers.value == f"{n[4]} {n[0]}"
    th.numbers.value = f"{n[4]}"  # typing the numbers selects the cards
    assert th._cards[n[4]].value and not th._cards[n[0]].value
    th.target.value = hours
    th.move_button.click()
    themed = boards.themes(store, session, "ideas")
    assert n[4] in themed[hours]["items"] and th.numbers.value == ""
    other.refresh()  # the second window draws the same boxes
    assert box_titles(other) == box_titles(room)
    assert other.theme_tools._drawn == room.theme_tools._drawn


def test_rename_merge_and_split(consoles, store, session):
    room, other = consoles
    n = ids(store, session)
    room.set_themes([("Accueil", [n[0], n[1]]), ("Horaires", [n[2], n[3]])])
    room.theme_tools._titles[1].value = "Ouvrir le soir"  # typed in the theme's box
    assert [t["title"] for t in boards.themes(store, session, "ideas")] == [
        "Accueil", "Ouvrir le soir"]
    room.theme_tools.merge_from.value, room.theme_tools.merge_into.value = 1, 0
    room.theme_tools.merge_button.click()
    assert boards.themes(store, session, "ideas") == [
        {"id": "t1", "title": "Accueil", "items": [n[0], n[1], n[2], n[3]]}]
    room.split_theme(0, [n[2], n[3]])  # a new theme, named by its representative answer
    themed = boards.themes(store, session, "ideas")
    assert [t["items"] for t in themed] == [[n[0], n[1]], [n[2], n[3]]]
    assert themed[1]["title"] in ("Horaires du soir", "Des horaires le soir")
    room.unassign_answers([n[1]])
    other.refresh()
    assert box_titles(other) == ["Accueil", themed[1]["title"]]
    room.assign_answers([999], 0)
    assert "999" in room.theme_tools.status.value  # an unknown number is said, not stored


def test_likely_duplicates_are_confirmed_or_dismissed_one_by_one(consoles, store, session):
    room, other = consoles
    n = ids(store, session)
    pairs = {(a, b) for a, b, *_ in room.duplicate_pairs()}
    assert (n[2], n[3]) in pairs and (n[5], n[6]) in pairs  # other words, typos, accents
    assert not any(n[4] in pair for pair in pairs)  # « Un café » is like nothing
    shown = [row for row in room.theme_tools.duplicates.children
             if "palabre-duplicate" in row._dom_classes]
    assert len(shown) == len(pairs)
    room.dismiss_duplicate(n[2], n[3])
    other.refresh()
    assert (n[2], n[3]) not in {(a, b) for a, b, *_ in other.duplicate_pairs()}
    assert room.confirm_duplicate(n[5], n[6])  # the moderation merge: hidden, counted for 5
    merged = store.contribution(session, n[6])
    assert merged.hidden
    other.refresh()
    assert n[6] not in other.theme_tools._cards
    assert (n[5], n[6]) not in {(a, b) for a, b, *_ in other.duplicate_pairs()}
