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
    assert {k for k, spec in KINDS.items() if not spec.paper} == {"photo", "cluster", "pitch"}
    assert {k for k, spec in KINDS.items() if spec.timed} == {"pitch"}
