"""Tallies: dots, ticks and ratings, each person's last ballot counted once, with ranks that
equal counts share (1, 1, 3: the competition ranking a reader expects)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from palabre.exercises import Phase
from palabre.store import Contribution

from .ballot import Ballot
from .ballot import build as build_ballot
from .snapshot import Snapshot


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    item: Contribution | None = None  # the voted item, for dot votes
    voters: int = 0  # people who put at least one dot on it, or ticked it
    rank: int = 0  # 1 for the most; equal counts share a rank
    tied: bool = False  # another tally has the same count (and so the same rank)
    theme: str | None = None  # a theme's id: the dots went to the theme as a whole
    theme_number: int = 0  # the theme's place on the ballot, printed on paper
    members: tuple[Contribution, ...] = ()  # a theme's answers
    on_ballot: bool = True  # False: an answer the ballot did not carry (a shortlist's rest)

    @property
    def number(self) -> int:
        """The number the room reads: the theme's on the ballot, else the answer's."""
        return self.theme_number or (self.item.number if self.item is not None else 0)


def ranked(tallies: Sequence[Tally]) -> list[Tally]:
    """The same tallies with their rank: 1 + how many have more; equal counts share it."""
    counts = Counter(t.count for t in tallies)
    return [replace(t, rank=1 + sum(n for c, n in counts.items() if c > t.count),
                    tied=counts[t.count] > 1) for t in tallies]


def ballot_of(snap: Snapshot, phase: Phase, board=None) -> Ballot:
    """The vote's ballot as this snapshot and these boards (palabre.boards) have it."""
    from palabre import boards

    read = board or (lambda _name: {})
    source = phase.params["source"]
    return build_ballot(snap.session.code, snap.of_phase(source),
                        read(boards.ballot_board(phase.id)), read(boards.themes_board(source)))


def vote_tally(snap: Snapshot, phase: Phase, ballot: Ballot | None = None) -> list[Tally]:
    """What the ballot holds, then the answers it did not carry, most dots first, then in
    that order. Dots on a merged duplicate count for the item it joined; dots on a
    theme count for the theme as one line (its answers get none of them); a voter counts
    once per line."""
    ballot = ballot or ballot_of(snap, phase)
    themes = {e.key: e for e in ballot.entries if e.theme is not None}
    dots: Counter[str] = Counter()
    voters: Counter[str] = Counter()
    for cast in snap.counted(phase):
        placed: set[str] = set()
        for key, count in (cast.body.get("dots") or {}).items():
            if not isinstance(count, int) or count <= 0:
                continue
            target = key if key in themes else snap.joined(key)
            if target is None:
                continue
            dots[str(target)] += count
            placed.add(str(target))
        voters.update(placed)
    lines: list[Tally] = []
    listed: set[str] = set()
    for entry in ballot.entries:
        listed.add(entry.key)
        if entry.theme is not None:
            lines.append(Tally(label=entry.text, count=dots[entry.key], item=entry.items[0],
                               voters=voters[entry.key], theme=entry.theme,
                               theme_number=entry.number, members=entry.items))
        else:
            lines.append(Tally(label=entry.text, count=dots[entry.key], item=entry.items[0],
                               voters=voters[entry.key]))
    # The answers the ballot did not carry: each with what it got, so every answer has its
    # line in the workbook (a themes ballot lists only those that got dots on their own).
    rest = ballot.visible if not themes else [snap.by_id[int(k)] for k in dots
                                              if k not in themes and int(k) in snap.by_id]
    for item in rest:
        key = str(item.id)
        if key not in listed:
            listed.add(key)
            lines.append(Tally(label=item.text or "", count=dots[key], item=item,
                               voters=voters[key], on_ballot=False))
    order = {id(t): n for n, t in enumerate(lines)}
    return ranked(sorted(lines, key=lambda t: (-t.count, order[id(t)])))


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


def vote_tally_by_role(snap: Snapshot, phase: Phase, ballot: Ballot | None = None
                       ) -> dict[str, list[Tally]]:
    """The same dot vote seen by each real role: does the room agree across the counter?"""
    roles = {c.role or "unknown" for c in snap.counted(phase)}
    split = {}
    for role in sorted(roles):
        only = Snapshot(session=snap.session, participants=snap.participants, merged=snap.merged,
                        duplicates=snap.duplicates,
                        contributions=tuple(c for c in snap.contributions
                                            if c.phase_id != phase.id
                                            or (c.role or "unknown") == role))
        split[role] = vote_tally(only, phase, ballot)
    return split
