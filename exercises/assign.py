"""Who gets what: spreading items over people so every item is covered, and mixing tables.

Deterministic, so a phone that reloads sees the same items, and a restart changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

SWAPPED = {"usager": "agent", "agent": "usager"}
# The points of view a facilitator may give a table to argue from.
ARGUED = ("usager", "agent", "elu")


def spread(item_ids: Sequence[int], rank: int, per_person: int) -> list[int]:
    """The items person number `rank` (0-based, in joining order) works on.

    Consecutive people take consecutive slices, wrapping around, so as soon as
    people × per_person ≥ items every item has at least one person, and the load stays even.
    """
    if not item_ids or per_person <= 0:
        return []
    count = len(item_ids)
    take = min(per_person, count)
    start = (rank * take) % count
    return [item_ids[(start + offset) % count] for offset in range(take)]


def swapped_viewpoint(role: str | None, rank: int) -> str:
    """The point of view someone argues from in a role swap: the opposite of their own.
    People who are neither (élus, others, undeclared) alternate, to keep both sides voiced."""
    if role in SWAPPED:
        return SWAPPED[role]
    return ("usager", "agent")[rank % 2]


def viewpoint(role: str | None, rank: int, swap: bool) -> str:
    """The point of view someone argues from when the facilitator gave their table none: the
    opposite of their own role in a role swap, else their own."""
    return swapped_viewpoint(role, rank) if swap else role or "autre"


def alternating(table_keys: Sequence[str]) -> dict[str, str]:
    """Tables in turn argue as service users and as public servants, so both sides are voiced
    whatever the room's mix (a room of agents only still hears the usagers' side)."""
    return {key: ("usager", "agent")[number % 2] for number, key in enumerate(table_keys)}


def mixed_tables(people: Sequence[tuple[int, str | None]], table_count: int
                 ) -> dict[int, int]:
    """Seat people so each table mixes roles: deal each role round-robin across tables.

    people: (participant id, role). Returns participant id -> table number (1-based).
    """
    if table_count <= 0:
        raise ValueError("table_count must be positive")
    by_role: dict[str, list[int]] = {}
    for pid, role in people:
        by_role.setdefault(role or "autre", []).append(pid)
    seats: dict[int, int] = {}
    dealt = 0
    for role in sorted(by_role, key=lambda r: (-len(by_role[r]), r)):
        for pid in by_role[role]:
            seats[pid] = dealt % table_count + 1
            dealt += 1
    return seats
