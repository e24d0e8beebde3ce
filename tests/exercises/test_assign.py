"""Spreading worse ideas over phones, swapping points of view, mixing tables."""

from collections import Counter

from palabre.exercises.assign import alternating, mixed_tables, spread, swapped_viewpoint, viewpoint


def test_every_item_is_covered_once_enough_people_joined():
    items = list(range(100, 110))
    given = [spread(items, rank, 3) for rank in range(4)]
    assert all(len(g) == 3 for g in given)
    assert set().union(*given) == set(items)
    load = Counter(i for g in given for i in g)
    assert max(load.values()) - min(load.values()) <= 1


def test_spread_is_stable_and_handles_few_items():
    assert spread([7, 8], 5, 3) == spread([7, 8], 5, 3)
    assert sorted(spread([7, 8], 5, 3)) == [7, 8]
    assert spread([], 0, 3) == []


def test_role_swap_gives_the_opposite_viewpoint():
    assert swapped_viewpoint("usager", 0) == "agent"
    assert swapped_viewpoint("agent", 0) == "usager"
    assert {swapped_viewpoint("elu", r) for r in range(2)} == {"usager", "agent"}


def test_without_a_swap_people_argue_their_own_role():
    assert viewpoint("agent", 0, swap=False) == "agent"
    assert viewpoint(None, 0, swap=False) == "autre"
    assert viewpoint("agent", 0, swap=True) == "usager"


def test_alternating_tables_voice_both_sides():
    assert alternating(["seat:1", "seat:2", "seat:3"]) == {
        "seat:1": "usager", "seat:2": "agent", "seat:3": "usager"}
    assert alternating([]) == {}


def test_tables_mix_roles():
    people = [(i, "usager") for i in range(6)] + [(10 + i, "agent") for i in range(6)]
    seats = mixed_tables(people, 3)
    for table in (1, 2, 3):
        roles = Counter(role for pid, role in people if seats[pid] == table)
        assert roles == {"usager": 2, "agent": 2}
