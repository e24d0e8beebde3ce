"""The restitution stays a deck one can show, about 20 slides whatever the size of the room:
workshops of 25, 300 and 1,000 answers and a forum of 12 workshops, each rendered by
LibreOffice and checked page by page (one conversion for the module)."""

from __future__ import annotations

import pytest
from palabre.exercises import builtin_formats
from palabre.exports import export_forum, export_workshop
from pptx import Presentation

from benchmarks.exports import FORUM_WORKSHOPS, ROLES, _text, answer_every_phase, fill_forum

MAX_SLIDES = 20
# people, worse ideas, solutions: with one ballot each, 25, 300 and 1,000 answers
ROOMS = {25: (5, 12, 8), 300: (40, 140, 120), 1000: (150, 450, 400)}


def _room(store, people: int, worse: int, solutions: int) -> str:
    session = store.create_session(builtin_formats()["reverse-brainstorm"],
                                   title="Atelier de Rennes", place="Rennes",
                                   held_on="2017-11-24")
    phones = [store.join(session, f"size-{i:04d}", role=ROLES[i % 4], table=f"Table {i % 6}")
              for i in range(people)]
    stored = answer_every_phase(store, session, phones, [worse, solutions], _text, "size")
    assert stored == people + worse + solutions
    return session.code


def _slides(path) -> int:
    return len(Presentation(str(path)).slides)


@pytest.mark.parametrize("answers", sorted(ROOMS))
def test_a_workshop_deck_stays_about_twenty_slides(store, tmp_path, rendered, answers):
    code = _room(store, *ROOMS[answers])
    files = export_workshop(store, code, tmp_path)
    deck = rendered.add(next(f for f in files if f.name.endswith("-restitution.pptx")),
                        decisions=("Vote",))
    assert 8 <= _slides(deck) <= MAX_SLIDES, answers


def test_a_forum_of_twelve_workshops_stays_about_twenty_slides(store, tmp_path, rendered):
    name = "Forum de l'action publique Bretagne"
    assert len(fill_forum(store, name)) == FORUM_WORKSHOPS
    files = export_forum(store, name, tmp_path)
    deck = rendered.add(next(f for f in files if f.name.endswith("-restitution.pptx")),
                        decisions=("Propositions en tête du forum",))
    assert 6 <= _slides(deck) <= MAX_SLIDES
