"""What the room said, computed once for the projector and the exports alike, so the wall and
the deck can never disagree. Reads one consistent snapshot of the store, then pure functions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from palabre.exercises import Exercise, Phase
from palabre.store import Contribution, Participant, Session, Store


@dataclass(frozen=True)
class Snapshot:
    session: Session
    participants: tuple[Participant, ...]
    contributions: tuple[Contribution, ...]  # visible ones only; hidden never count
    merged: dict[int, int] = field(default_factory=dict)  # duplicate id -> the item it joined

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    def of_phase(self, phase_id: str) -> list[Contribution]:
        return [c for c in self.contributions if c.phase_id == phase_id]


def snapshot(store: Store, code: str) -> Snapshot:
    session = store.session(code)
    if session is None:
        raise KeyError(code)
    everything = store.contributions(session, include_hidden=True)
    merged = {c.id: c.body["merged_into"] for c in everything
              if c.hidden and c.body.get("merged_into")}
    return Snapshot(session=session, participants=tuple(store.participants(session)),
                    contributions=tuple(c for c in everything if not c.hidden), merged=merged)


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    item: Contribution | None = None  # the voted item, for dot votes
    voters: int = 0


@dataclass(frozen=True)
class Counts:
    participants: int
    answers: int
    by_role: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)


def latest_ballots(ballots: list[Contribution]) -> list[Contribution]:
    """A person may change their vote until the round closes: their last ballot counts.
    Ballots typed in from paper have no participant and each counts once."""
    last: dict[int, Contribution] = {}
    loose = []
    for ballot in ballots:
        if ballot.participant_id is None:
            loose.append(ballot)
        else:
            last[ballot.participant_id] = ballot
    return sorted([*last.values(), *loose], key=lambda c: c.id)


def vote_tally(snap: Snapshot, phase: Phase) -> list[Tally]:
    """Items of the source phase with their dots, most dots first, then oldest first."""
    items = snap.of_phase(phase.params["source"])
    dots: Counter[str] = Counter()
    voters: Counter[str] = Counter()
    for ballot in latest_ballots(snap.of_phase(phase.id)):
        for item_id, count in ballot.body.get("dots", {}).items():
            item_id = str(snap.merged.get(int(item_id), item_id))
            dots[item_id] += count
            voters[item_id] += 1
    tallies = [Tally(label=item.text or "", count=dots[str(item.id)], item=item,
                     voters=voters[str(item.id)]) for item in items]
    return sorted(tallies, key=lambda t: (-t.count, t.item.id))


def choice_tally(snap: Snapshot, phase: Phase, lang: str) -> list[Tally]:
    """Options in their given order, with how many people ticked each."""
    counts: Counter[int] = Counter()
    for ballot in latest_ballots(snap.of_phase(phase.id)):
        counts.update(ballot.body.get("choices", []))
    return [Tally(label=option.get(lang), count=counts[i])
            for i, option in enumerate(phase.params["choices"])]


def counts(snap: Snapshot) -> Counts:
    roles = Counter(p.role or "unknown" for p in snap.participants)
    channels = Counter(c.channel for c in snap.contributions)
    return Counts(participants=len(snap.participants), answers=len(snap.contributions),
                  by_role=dict(roles), by_channel=dict(channels))


def ideas(snap: Snapshot, phase: Phase) -> list[Contribution]:
    return snap.of_phase(phase.id)


def answers_by_phase(snap: Snapshot) -> dict[str, int]:
    """Visible answers per phase, every phase of the format listed (zero when none)."""
    found = Counter(c.phase_id for c in snap.contributions)
    return {phase.id: found[phase.id] for phase in snap.exercise.phases}
