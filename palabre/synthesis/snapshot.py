"""One consistent read of a session, and which of its answers count.

A hidden answer counts nowhere; a duplicate merged into another item counts for that item; a
ballot replaced by the same person's later one counts nowhere. Every figure of palabre starts
from these rules, so they live here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from palabre.exercises import KINDS, Exercise, Phase
from palabre.store import Contribution, Participant, Session, Store


@dataclass(frozen=True)
class Snapshot:
    session: Session
    participants: tuple[Participant, ...]
    contributions: tuple[Contribution, ...]  # visible ones only; hidden never count
    merged: dict[int, int] = field(default_factory=dict)  # duplicate id -> the item it joined
    duplicates: tuple[Contribution, ...] = ()  # the merged-away duplicates themselves (hidden)

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    def of_phase(self, phase_id: str) -> list[Contribution]:
        return list(self._by_phase.get(phase_id, ()))

    @cached_property
    def _by_phase(self) -> dict[str, tuple[Contribution, ...]]:
        found: dict[str, list[Contribution]] = {}
        for c in self.contributions:
            found.setdefault(c.phase_id, []).append(c)
        return {phase_id: tuple(items) for phase_id, items in found.items()}

    @cached_property
    def by_id(self) -> dict[int, Contribution]:
        return {c.id: c for c in self.contributions}

    def joined(self, item_id: object) -> int | None:
        """The visible item an id stands for: itself, or the item its duplicate was merged
        into (following chains); None when it counts nowhere (hidden, unknown)."""
        try:
            current = int(item_id)
        except (TypeError, ValueError):
            return None
        for _hop in range(len(self.merged) + 1):
            if current in self.by_id:
                return current
            if current not in self.merged:
                return None
            current = self.merged[current]
        return None

    def counted(self, phase: Phase) -> list[Contribution]:
        """The answers of a phase that count: all visible ones, or for a ballot kind each
        person's last ballot."""
        items = self.of_phase(phase.id)
        kind = KINDS.get(phase.kind)
        return latest_ballots(items) if kind is not None and kind.ballot else items

    def replaced(self, phase: Phase) -> frozenset[int]:
        """Ballots of this phase that a later ballot of the same person replaced."""
        kept = {c.id for c in self.counted(phase)}
        return frozenset(c.id for c in self.of_phase(phase.id) if c.id not in kept)


def snapshot(store: Store, code: str) -> Snapshot:
    session = store.session(code)
    if session is None:
        raise KeyError(code)
    everything = store.contributions(session, include_hidden=True)
    duplicates = tuple(c for c in everything if c.hidden and c.body.get("merged_into"))
    return Snapshot(session=session, participants=tuple(store.participants(session)),
                    contributions=tuple(c for c in everything if not c.hidden),
                    merged={c.id: int(c.body["merged_into"]) for c in duplicates},
                    duplicates=duplicates)


def latest_ballots(ballots: list[Contribution]) -> list[Contribution]:
    """A person may change their vote until the round closes: their last ballot counts.
    A ballot stored without a participant counts once on its own."""
    last: dict[int, Contribution] = {}
    loose = []
    for ballot in ballots:
        if ballot.participant_id is None:
            loose.append(ballot)
        else:
            last[ballot.participant_id] = ballot
    return sorted([*last.values(), *loose], key=lambda c: c.id)
