"""One result per phase, computed once: the wall, the console, the deck, the workbook, the CSV
and the open data render these objects and never count on their own.

``phase_result`` picks the builder of the phase's kind from ``BUILDERS`` (checked against the
registry: an unknown kind is an error, never a silent skip). ``workshop_result`` gathers them
with the participation figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from palabre.exercises import Phase
from palabre.exercises.messages import N_, Refusal
from palabre.store import Contribution

from . import follow_ups, groups, tally
from .ballot import Ballot
from .people import Counts, counts
from .snapshot import Snapshot

Board = Callable[[str], dict]  # a board's data by name (palabre.boards names them)


def no_board(_name: str) -> dict:
    return {}


@dataclass(frozen=True)
class PhaseResult:
    """What every phase has: the answers that count, who gave them, by channel and role."""

    phase: Phase
    answers: int  # answers that count (ballots: one per person, their last)
    people: int  # people who gave at least one of them
    by_channel: dict[str, int]  # answers that count, by channel
    by_role: dict[str, int]  # answers that count, by role of their author
    replaced: frozenset[int]  # ballots a later ballot of the same person replaced

    @property
    def kind(self) -> str:
        return self.phase.kind


@dataclass(frozen=True)
class IdeasResult(PhaseResult):
    items: tuple[Contribution, ...]
    columns: tuple[groups.Column, ...]  # a grid (what works, to improve...) or nothing


@dataclass(frozen=True)
class VoteResult(PhaseResult):
    tallies: tuple[tally.Tally, ...]  # every item, most dots first, ranks shared
    origins: dict[int, Contribution]  # solution id -> the worse idea it turns around
    by_voter_role: dict[str, tuple[tally.Tally, ...]]
    ballot: Ballot | None = None  # what the vote was on (themes, a shortlist, every answer)

    @property
    def voted(self) -> tuple[tally.Tally, ...]:
        return tuple(t for t in self.tallies if t.count > 0)


@dataclass(frozen=True)
class ChoiceResult(PhaseResult):
    tallies: tuple[tally.Tally, ...]  # options in their order, with their rank


@dataclass(frozen=True)
class ScaleResult(PhaseResult):
    summary: tally.ScaleSummary


@dataclass(frozen=True)
class InvertResult(PhaseResult):
    pairs: tuple[groups.Pair, ...]

    @property
    def turned(self) -> int:
        return sum(1 for p in self.pairs if p.better)


@dataclass(frozen=True)
class ClusterResult(PhaseResult):
    themes: tuple[groups.Theme, ...]  # every idea of the source phase is in exactly one

    @property
    def ideas(self) -> int:
        """Ideas grouped (the source phase's visible answers)."""
        return sum(len(theme.items) for theme in self.themes)


@dataclass(frozen=True)
class PersonaResult(PhaseResult):
    maps: dict[str, dict[str, list[Contribution]]]


@dataclass(frozen=True)
class ArgumentResult(PhaseResult):
    sides: dict[str, dict[str, list[Contribution]]]

    @property
    def argued(self) -> dict[str, dict[str, list[Contribution]]]:
        return {view: split for view, split in self.sides.items() if any(split.values())}


@dataclass(frozen=True)
class PhotoResult(PhaseResult):
    items: tuple[Contribution, ...]


@dataclass(frozen=True)
class ReviewResult(PhaseResult):
    reviewed: tuple[follow_ups.Reviewed, ...]  # each follow-up the room spoke about


@dataclass(frozen=True)
class PitchResult(PhaseResult):
    teams: tuple[str, ...]  # in speaking order
    seconds: int | None


def _common(snap: Snapshot, phase: Phase) -> dict:
    answered = snap.counted(phase)
    people = {c.participant_id for c in answered if c.participant_id is not None}
    loose = sum(1 for c in answered if c.participant_id is None)
    return {"phase": phase, "answers": len(answered), "people": len(people) + loose,
            "by_channel": dict(Counter(c.channel for c in answered)),
            "by_role": dict(Counter(c.role or "unknown" for c in answered)),
            "replaced": snap.replaced(phase)}


def _ideas(snap: Snapshot, phase: Phase, board: Board, lang: str) -> IdeasResult:
    return IdeasResult(**_common(snap, phase), items=tuple(snap.of_phase(phase.id)),
                       columns=tuple(groups.columns(snap, phase, lang)))


def _vote(snap: Snapshot, phase: Phase, board: Board, lang: str) -> VoteResult:
    ballot = tally.ballot_of(snap, phase, board)
    tallies = tally.vote_tally(snap, phase, ballot)
    origins = {}
    if snap.exercise.phase(phase.params["source"]).kind == "invert":
        for t in tallies:
            worse = None if t.theme else groups.origin(snap, t.item)
            if worse is not None:
                origins[t.item.id] = worse
    by_role = {role: tuple(t) for role, t in
               tally.vote_tally_by_role(snap, phase, ballot).items()}
    return VoteResult(**_common(snap, phase), tallies=tuple(tallies), origins=origins,
                      by_voter_role=by_role, ballot=ballot)


def _choice(snap: Snapshot, phase: Phase, board: Board, lang: str) -> ChoiceResult:
    return ChoiceResult(**_common(snap, phase),
                        tallies=tuple(tally.choice_tally(snap, phase, lang)))


def _scale(snap: Snapshot, phase: Phase, board: Board, lang: str) -> ScaleResult:
    return ScaleResult(**_common(snap, phase), summary=tally.scale_summary(snap, phase))


def _invert(snap: Snapshot, phase: Phase, board: Board, lang: str) -> InvertResult:
    return InvertResult(**_common(snap, phase), pairs=tuple(groups.pairs(snap, phase)))


def _cluster(snap: Snapshot, phase: Phase, board: Board, lang: str) -> ClusterResult:
    from palabre import boards

    found = groups.themes(snap, board(boards.themes_board(phase.params["source"])), phase)
    return ClusterResult(**_common(snap, phase), themes=tuple(found))


def _persona(snap: Snapshot, phase: Phase, board: Board, lang: str) -> PersonaResult:
    return PersonaResult(**_common(snap, phase), maps=groups.empathy_maps(snap, phase))


def _argument(snap: Snapshot, phase: Phase, board: Board, lang: str) -> ArgumentResult:
    return ArgumentResult(**_common(snap, phase), sides=groups.arguments(snap, phase))


def _photo(snap: Snapshot, phase: Phase, board: Board, lang: str) -> PhotoResult:
    return PhotoResult(**_common(snap, phase), items=tuple(snap.of_phase(phase.id)))


def _review(snap: Snapshot, phase: Phase, board: Board, lang: str) -> ReviewResult:
    return ReviewResult(**_common(snap, phase),
                        reviewed=follow_ups.reviewed(snap.of_phase(phase.id)))


def _pitch(snap: Snapshot, phase: Phase, board: Board, lang: str) -> PitchResult:
    """The facilitator's speaking order, else the tables of the room."""
    from palabre import boards

    order = tuple(str(t) for t in board(boards.pitch_board(phase.id)).get("order", ()))
    teams = order or tuple(sorted({p.table for p in snap.participants if p.table}))
    return PitchResult(**_common(snap, phase), teams=teams, seconds=phase.params.get("seconds"))


BUILDERS: dict[str, Callable[[Snapshot, Phase, Board, str], PhaseResult]] = {
    "ideas": _ideas, "vote": _vote, "choice": _choice, "scale": _scale, "invert": _invert,
    "cluster": _cluster, "persona": _persona, "argument": _argument, "photo": _photo,
    "review": _review, "pitch": _pitch,
}


class UnknownKind(Refusal):
    """A phase kind with no result: refused rather than dropped."""


def phase_result(snap: Snapshot, phase: Phase, board: Board = no_board,
                 lang: str | None = None) -> PhaseResult:
    builder = BUILDERS.get(phase.kind)
    if builder is None:
        raise UnknownKind(N_("No result for the phase kind '{kind}' (phase '{phase}')."),
                          kind=phase.kind, phase=phase.id)
    return builder(snap, phase, board, lang or snap.session.lang)


@dataclass(frozen=True)
class WorkshopResult:
    """Everything one workshop said, computed once for all its exports."""

    snap: Snapshot
    counts: Counts
    phases: dict[str, PhaseResult] = field(default_factory=dict)

    def of(self, phase: Phase) -> PhaseResult:
        return self.phases[phase.id]


def workshop_result(snap: Snapshot, board: Board = no_board,
                    lang: str | None = None) -> WorkshopResult:
    return WorkshopResult(snap=snap, counts=counts(snap), phases={
        phase.id: phase_result(snap, phase, board, lang) for phase in snap.exercise.phases})
