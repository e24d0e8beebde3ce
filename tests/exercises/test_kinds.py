"""A phase kind is said once, in palabre.exercises.KINDS: its spec is coherent, named in both
languages, and every layer's table covers exactly the kinds of the registry."""

from __future__ import annotations

import pytest
from palabre.exercises import KINDS

from palabre.i18n import Translator


def test_every_kind_has_its_own_name_for_the_facilitator():
    # Translated in both catalogs: tests/test_i18n.py extracts the labels from the registry.
    french = [Translator("fr")(kind.label) for kind in KINDS.values()]
    assert all(french) and len(set(french)) == len(KINDS)
    assert Translator("fr")(KINDS["vote"].label) == "Vote par gommettes"


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda kind: kind.name)
def test_a_kind_spec_holds_together(kind):
    # What phones cannot send cannot be a ballot, be written on paper or be a proposal.
    if not kind.collects:
        assert not (kind.ballot or kind.paper or kind.proposals or kind.produces_items), kind
    # A ballot replaces the person's earlier one: it is never an item others vote on.
    assert not (kind.ballot and kind.produces_items), kind
    # Proposals are free text that later phases work on.
    assert not kind.proposals or (kind.produces_items and "max_chars" in kind.params), kind


def test_the_spec_says_what_the_room_relies_on():
    assert {k for k, spec in KINDS.items() if spec.ballot} == {"vote", "choice", "scale"}
    # A review lists the previous session's open follow-ups, read on phones and the screen.
    assert {k for k, spec in KINDS.items() if not spec.paper} == {"photo", "cluster", "pitch",
                                                                  "review"}
    assert {k for k, spec in KINDS.items() if spec.timed} == {"pitch"}


def _written_tables() -> dict[str, object]:
    """Every table a layer writes by hand, keyed by kind: one entry per kind of the registry."""
    from palabre.exports import printables, slides
    from palabre.widgets import views

    from palabre import answers, kinds
    from palabre.server import forms, openapi
    from palabre.synthesis import results

    phase = openapi.document()["components"]["schemas"]["Phase"]["properties"]
    return {
        "behaviours (palabre.kinds.BEHAVIOURS)": kinds.BEHAVIOURS,
        "results (palabre.synthesis.results.BUILDERS)": results.BUILDERS,
        "validators (palabre.answers.VALIDATORS)": answers.VALIDATORS,
        "phone forms (palabre.server.forms.FORMS)": forms.FORMS,
        "OpenAPI kind enum (palabre.server.openapi)": phase["kind"]["enum"],
        "projector walls (palabre.widgets.views.WALLS)": views.WALLS,
        "slides (palabre.exports.slides.BUILDERS)": slides.BUILDERS,
        "printables (palabre.exports.printables.BUILDERS)": printables.BUILDERS,
    }


@pytest.mark.parametrize("layer", list(_written_tables()))
def test_every_layer_covers_exactly_the_registry(layer):
    table = set(_written_tables()[layer])
    assert not set(KINDS) - table, f"{layer} misses {sorted(set(KINDS) - table)}"
    assert not table - set(KINDS), f"{layer} lists unknown kinds {sorted(table - set(KINDS))}"


def test_what_phones_send_follows_the_registry():
    from palabre import answers, simulate

    collecting = {name for name, kind in KINDS.items() if kind.collects}
    assert {k for k, check in answers.VALIDATORS.items() if check is not None} == collecting
    assert set(simulate.ANSWERS) == collecting


def test_the_lists_of_every_layer_come_from_the_registry():
    from palabre.exports import printables
    from palabre.widgets import cloud, views

    from palabre.server import assist, room
    from palabre.synthesis import forum

    def having(flag: str) -> set[str]:
        return {name for name, kind in KINDS.items() if getattr(kind, flag)}

    assert set(assist.PAPER_KINDS) == having("paper")
    assert set(assist.BALLOT_KINDS) == set(room.BALLOTS) == having("ballot")
    assert having("timed") == views.CLOCKED
    assert having("proposals") == cloud.CLOUD_KINDS == set(forum.FORUM_KINDS)
    assert set(printables.OWN_PAPER) <= having("paper")
    assert {k for k, build in printables.BUILDERS.items()
            if build is not printables.BUILDERS["photo"]} == having("paper")


def test_a_behaviour_that_misses_names_or_contradicts_a_kind_stops_the_import():
    from dataclasses import replace

    from palabre import kinds

    assert list(kinds.BEHAVIOURS) == list(KINDS)
    every = tuple(kinds.BEHAVIOURS.values())
    with pytest.raises(RuntimeError, match=r"missing \['pitch'\]"):
        kinds._checked(every[:-1])
    with pytest.raises(RuntimeError, match=r"unknown \['poll'\]"):
        kinds._checked((*every, replace(every[0], kind="poll")))
    with pytest.raises(RuntimeError, match="paper carries it"):
        kinds._checked(tuple(replace(b, paper=None) if b.kind == "vote" else b for b in every))
    with pytest.raises(RuntimeError, match="collects them"):
        kinds._checked(tuple(replace(b, validate=None) if b.kind == "scale" else b
                             for b in every))
    with pytest.raises(KeyError, match="poll"):
        kinds.behaviour("poll")
