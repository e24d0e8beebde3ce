"""Answers put together: worse ideas and what they became, themes, empathy maps, arguments by
viewpoint and side, columns of a grid."""

from __future__ import annotations

from dataclasses import dataclass

from palabre.exercises import Phase
from palabre.store import Contribution

from .snapshot import Snapshot

SIDES = ("for", "against")
ARGUED = ("usager", "agent")  # viewpoints every role swap shows, argued or not


@dataclass(frozen=True)
class Pair:
    """A worse idea and the positive inversions written from it."""

    worse: Contribution
    better: tuple[Contribution, ...]


def pairs(snap: Snapshot, phase: Phase) -> list[Pair]:
    """Every worse idea of the source phase with its inversions (possibly none yet). An
    inversion merged into another still turned its worse idea around: the item it joined
    is listed under both."""
    inversions: dict[object, list[Contribution]] = {}
    for item in snap.of_phase(phase.id):
        inversions.setdefault(item.body.get("source_id"), []).append(item)
    for duplicate in snap.duplicates:
        joined = snap.joined(duplicate.id)
        if duplicate.phase_id != phase.id or joined is None:
            continue
        listed = inversions.setdefault(duplicate.body.get("source_id"), [])
        if all(c.id != joined for c in listed):
            listed.append(snap.by_id[joined])
    return [Pair(worse=worse, better=tuple(sorted(inversions.get(worse.id, ()),
                                                  key=lambda c: c.id)))
            for worse in snap.of_phase(phase.params["source"])]


def origin(snap: Snapshot, item: Contribution) -> Contribution | None:
    """The worse idea an inversion came from, so a voted solution is shown with it."""
    source = snap.joined(item.body.get("source_id"))
    return snap.by_id.get(source) if source is not None else None


@dataclass(frozen=True)
class Theme:
    title: str
    items: tuple[Contribution, ...]
    quote: Contribution | None  # the item that stands for the theme on a slide


def representative(items: list[Contribution]) -> Contribution | None:
    """A quote for a theme: the item of median length (the longest run on, the shortest say
    too little), ties to the oldest."""
    if not items:
        return None
    ranked = sorted(items, key=lambda c: (len(c.text or ""), c.id))
    return ranked[(len(ranked) - 1) // 2]


def themes(snap: Snapshot, board: dict, phase: Phase) -> list[Theme]:
    """The facilitator's themes over the source phase; items in no theme come last, under an
    empty title the caller names ("Other")."""
    visible = {c.id: c for c in snap.of_phase(phase.params["source"])}
    placed: set[int] = set()
    found = []
    for theme in board.get("themes", []):
        members = [visible[i] for i in theme.get("items", []) if i in visible]
        placed.update(c.id for c in members)
        found.append(Theme(title=theme.get("title", ""), items=tuple(members),
                           quote=representative(members)))
    rest = [c for c in visible.values() if c.id not in placed]
    if rest:
        found.append(Theme(title="", items=tuple(rest), quote=representative(rest)))
    return found


def empathy_maps(snap: Snapshot, phase: Phase) -> dict[str, dict[str, list[Contribution]]]:
    """persona id -> field -> what participants wrote, in the order of the fields."""
    maps: dict[str, dict[str, list[Contribution]]] = {}
    for item in snap.of_phase(phase.id):
        persona = maps.setdefault(item.body.get("persona", ""),
                                  {f: [] for f in phase.params["fields"]})
        persona.setdefault(item.body.get("field", ""), []).append(item)
    return maps


def arguments(snap: Snapshot, phase: Phase) -> dict[str, dict[str, list[Contribution]]]:
    """viewpoint argued (usager, agent, ...) -> side (for, against) -> arguments."""
    sides: dict[str, dict[str, list[Contribution]]] = {
        view: {side: [] for side in SIDES} for view in ARGUED}
    for item in snap.of_phase(phase.id):
        view = sides.setdefault(item.body.get("viewpoint", "autre"),
                                {side: [] for side in SIDES})
        side = item.body.get("side", "for")
        view[side if side in SIDES else "for"].append(item)
    return sides


@dataclass(frozen=True)
class Column:
    """One column of a grid (what works, to improve, questions, new ideas) and its answers."""

    label: str
    items: tuple[Contribution, ...]


def columns(snap: Snapshot, phase: Phase, lang: str) -> list[Column]:
    """The grid of an ideas phase with categories, in the format's order; answers with no
    column (a paper note with none ticked) come last under an empty label."""
    labels = [c.get(lang) for c in phase.params.get("categories") or ()]
    if not labels:
        return []
    found: list[list[Contribution]] = [[] for _ in labels]
    loose = []
    for item in snap.of_phase(phase.id):
        index = item.body.get("category")
        if isinstance(index, int) and 0 <= index < len(labels):
            found[index].append(item)
        else:
            loose.append(item)
    grid = [Column(label, tuple(items)) for label, items in zip(labels, found, strict=True)]
    return grid + ([Column("", tuple(loose))] if loose else [])
