"""What became of the proposals (« droit de suite »), computed once: the room's page, the
console, the command line, the deck, the workbook, the open data and the forum render this
result and never count on their own.

A proposal's current follow-up is its latest change; every earlier one is its history. A
proposal hidden by moderation after it got a follow-up counts nowhere, here as elsewhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from palabre.exercises import KINDS, Phase
from palabre.store import Contribution, FollowUp, Store
from palabre.store.records import FOLLOW_UP_STATUSES, OPEN_FOLLOW_UPS

from .snapshot import Snapshot


@dataclass(frozen=True)
class Followed:
    """One proposal and what became of it."""

    number: int  # its number in the workshop
    text: str
    phase: Phase  # the phase that produced it
    history: tuple[FollowUp, ...]  # every change, oldest first; the last is the current one

    @property
    def current(self) -> FollowUp:
        return self.history[-1]

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def changed_at(self) -> datetime:
        return self.current.created_at

    @property
    def open(self) -> bool:
        """Still under way: a committee's next session reviews it."""
        return self.status in OPEN_FOLLOW_UPS


@dataclass(frozen=True)
class FollowUpResult:
    items: tuple[Followed, ...]  # in the order of their numbers
    by_status: dict[str, int]  # every status in FOLLOW_UP_STATUSES' order, zeros included
    candidates: tuple[Contribution, ...] = ()  # every answer that may take a follow-up

    @property
    def proposals(self) -> int:
        return len(self.items)

    @property
    def open(self) -> tuple[Followed, ...]:
        return tuple(item for item in self.items if item.open)

    @property
    def last_change(self) -> datetime | None:
        return max((item.changed_at for item in self.items), default=None)

    def __bool__(self) -> bool:
        return bool(self.items)


def follow_up_result(snap: Snapshot, changes: list[FollowUp]) -> FollowUpResult:
    """Each proposal with a follow-up, its history and the counts by status."""
    history: dict[int, list[FollowUp]] = {}
    for change in sorted(changes, key=lambda c: (c.created_at, c.id)):
        history.setdefault(change.contribution_id, []).append(change)
    items = []
    for contribution_id, kept in history.items():
        answer = snap.by_id.get(contribution_id)
        if answer is None:  # hidden since: it counts nowhere
            continue
        try:
            phase = snap.exercise.phase(answer.phase_id)
        except KeyError:
            continue
        items.append(Followed(number=answer.number, text=answer.text or "", phase=phase,
                              history=tuple(kept)))
    items.sort(key=lambda item: item.number)
    found = Counter(item.status for item in items)
    return FollowUpResult(items=tuple(items),
                          by_status={status: found.get(status, 0)
                                     for status in FOLLOW_UP_STATUSES},
                          candidates=candidates(snap))


def candidates(snap: Snapshot) -> tuple[Contribution, ...]:
    """The answers that may take a follow-up: those the room produced as items (ideas,
    turned-around ideas, arguments, empathy-map notes, photos), visible, by number."""
    return tuple(sorted((c for c in snap.contributions
                         if c.kind in KINDS and KINDS[c.kind].produces_items),
                        key=lambda c: c.number))


def follow_ups(store: Store, snap: Snapshot) -> FollowUpResult:
    """The follow-up result of the snapshot's session, read from the store."""
    return follow_up_result(snap, store.follow_ups(snap.session))


def totals(results: list[FollowUpResult]) -> dict[str, int]:
    """Proposals by status over several workshops (a forum, a campaign), every status."""
    return {status: sum(r.by_status.get(status, 0) for r in results)
            for status in FOLLOW_UP_STATUSES}


# --- a committee's next session reviews the open follow-ups of its previous one ------------
def previous_session(store: Store, session) -> object | None:
    """The session of the same series (committee) that met just before this one."""
    if not session.series:
        return None
    codes = [s.code for s in reversed(store.sessions(series=session.series))]
    index = codes.index(session.code) if session.code in codes else 0
    return store.session(codes[index - 1]) if index > 0 else None


def to_review(store: Store, session) -> tuple[object | None, tuple[Followed, ...]]:
    """The previous session of the committee and its follow-ups still open, by number."""
    from .snapshot import snapshot

    earlier = previous_session(store, session)
    if earlier is None:
        return None, ()
    return earlier, follow_ups(store, snapshot(store, earlier.code)).open


@dataclass(frozen=True)
class Reviewed:
    """One open follow-up as the room reviewed it: who said it is still relevant, and the
    next steps proposed (each an answer of the review phase)."""

    session: str  # code of the session the proposal came from
    number: int
    text: str
    status: str  # its status when the room reviewed it
    still: int  # answers saying it is still relevant
    steps: tuple[Contribution, ...]  # next steps proposed, in the order they came


def reviewed(answers: list[Contribution]) -> tuple[Reviewed, ...]:
    """The review phase's answers grouped by the follow-up they are about, by number."""
    found: dict[tuple[str, int], list[Contribution]] = {}
    for answer in answers:
        key = (str(answer.body.get("session", "")), int(answer.body.get("number", 0)))
        found.setdefault(key, []).append(answer)
    return tuple(Reviewed(session=key[0], number=key[1],
                          text=str(group[-1].body.get("proposal", "")),
                          status=str(group[-1].body.get("status", "")),
                          still=sum(1 for a in group if a.body.get("stance") == "current"),
                          steps=tuple(a for a in group if a.body.get("stance") == "next"))
                 for key, group in sorted(found.items(), key=lambda kv: (kv[0][1], kv[0][0])))
