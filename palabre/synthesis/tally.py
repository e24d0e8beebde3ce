"""Tallies: dots, ticks and ratings, each person's last ballot counted once, with ranks that
equal counts share (1, 1, 3: the competition ranking a reader expects)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from palabre.exercises import Phase
from palabre.store import Contribution

from .snapshot import Snapshot


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    item: Contribution | None = None  # the voted item, for dot votes
    voters: int = 0  # people who put at least one dot on it, or ticked it
    rank: int = 0  # 1 for the most; equal counts share a rank
    tied: bool = False  # another tally has the same count (and so the same rank)


def ranked(tallies: Sequence[Tally]) -> list[Tally]:
    """The same tallies with their rank: 1 + how many have more; equal counts share it."""
    counts = Counter(t.count for t in tallies)
    return [replace(t, rank=1 + sum(n for c, n in counts.items() if c > t.count),
                    tied=counts[t.count] > 1) for t in tallies]


def vote_tally(snap: Snapshot, phase: Phase) -> list[Tally]:
    """Items of the source phase with their dots, most dots first, then oldest first. Dots on
    a merged duplicate count for the item it joined; a voter counts once per item."""
    items = snap.of_phase(phase.params["source"])
    dots: Counter[int] = Counter()
    voters: Counter[int] = Counter()
    for ballot in snap.counted(phase):
        placed: set[int] = set()
        for item_id, count in (ballot.body.get("dots") or {}).items():
            target = snap.joined(item_id)
            if target is None or not isinstance(count, int) or count <= 0:
                continue
            dots[target] += count
            placed.add(target)
        voters.update(placed)
    tallies = [Tally(label=item.text or "", count=dots[item.id], item=item,
                     voters=voters[item.id]) for item in items]
    return ranked(sorted(tallies, key=lambda t: (-t.count, t.item.id)))


def choice_tally(snap: Snapshot, phase: Phase, lang: str) -> list[Tally]:
    """Options in their given order, with how many people ticked each (and its rank)."""
    counts: Counter[int] = Counter()
    for ballot in snap.counted(phase):
        counts.update(set(ballot.body.get("choices", [])))
    return ranked([Tally(label=option.get(lang), count=counts[i], voters=counts[i])
                   for i, option in enumerate(phase.params["choices"])])


@dataclass(frozen=True)
class ScaleSummary:
    distribution: tuple[int, ...]  # how many people chose 1, 2, ... steps
    responses: int
    mean: float | None
    median: float | None


def scale_summary(snap: Snapshot, phase: Phase) -> ScaleSummary:
    values = sorted(b.body["value"] for b in snap.counted(phase))
    steps = phase.params["steps"]
    distribution = tuple(values.count(step) for step in range(1, steps + 1))
    if not values:
        return ScaleSummary(distribution, 0, None, None)
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return ScaleSummary(distribution, len(values), sum(values) / len(values), median)


def vote_tally_by_role(snap: Snapshot, phase: Phase) -> dict[str, list[Tally]]:
    """The same dot vote seen by each real role: does the room agree across the counter?"""
    roles = {c.role or "unknown" for c in snap.counted(phase)}
    split = {}
    for role in sorted(roles):
        only = Snapshot(session=snap.session, participants=snap.participants, merged=snap.merged,
                        duplicates=snap.duplicates,
                        contributions=tuple(c for c in snap.contributions
                                            if c.phase_id != phase.id
                                            or (c.role or "unknown") == role))
        split[role] = vote_tally(only, phase)
    return split
