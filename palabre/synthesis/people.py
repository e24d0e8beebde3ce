"""Who took part and how much they said: people counted once whatever the channel, answers
counted as they count in the results (each person's last ballot only).

A participant is a phone (its device), a person at a kiosk (a returning person gives the number
the kiosk showed them and stays the same participant), or a numbered box of a paper table card
(the same box in every phase is the same person).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from palabre.exercises import Phase

from .snapshot import Snapshot


@dataclass(frozen=True)
class Counts:
    participants: int  # people
    answers: int  # answers that count (a replaced ballot does not)
    by_role: dict[str, int] = field(default_factory=dict)  # people by role
    people_by_channel: dict[str, int] = field(default_factory=dict)
    answers_by_channel: dict[str, int] = field(default_factory=dict)
    answers_by_phase: dict[str, int] = field(default_factory=dict)  # every phase listed


def counts(snap: Snapshot) -> Counts:
    roles = Counter(p.role or "unknown" for p in snap.participants)
    channels = Counter(p.channel for p in snap.participants)
    by_phase = {phase.id: snap.counted(phase) for phase in snap.exercise.phases}
    answered = [c for items in by_phase.values() for c in items]
    return Counts(participants=len(snap.participants), answers=len(answered),
                  by_role=dict(roles), people_by_channel=dict(channels),
                  answers_by_channel=dict(Counter(c.channel for c in answered)),
                  answers_by_phase={pid: len(items) for pid, items in by_phase.items()})


def roles_of(people: Iterable[int], roles: Mapping[int, str | None]) -> Counter[str]:
    """How many of these people (participant ids) have each role: a table's mix on the
    console. A role not given counts as « autre »."""
    return Counter(roles.get(pid) or "autre" for pid in people)


def answers_by_phase(snap: Snapshot) -> dict[str, int]:
    """Answers that count per phase, every phase of the format listed (zero when none)."""
    return {phase.id: len(snap.counted(phase)) for phase in snap.exercise.phases}


def role_split(snap: Snapshot, phase: Phase) -> dict[str, int]:
    """Who answered this phase, by their real role (paper notes count under their role)."""
    return dict(Counter(c.role or "unknown" for c in snap.counted(phase)))


def total(all_counts: Sequence[Counts]) -> Counts:
    """Several workshops together (a forum, a campaign): people of each counted once."""
    def add(name: str) -> dict[str, int]:
        summed: Counter[str] = Counter()
        for one in all_counts:
            summed.update(getattr(one, name))
        return dict(summed)

    return Counts(participants=sum(c.participants for c in all_counts),
                  answers=sum(c.answers for c in all_counts), by_role=add("by_role"),
                  people_by_channel=add("people_by_channel"),
                  answers_by_channel=add("answers_by_channel"))
