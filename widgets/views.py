"""One projector view per phase kind: the widgets' table of the closed set of kinds.

A test checks it covers palabre.exercises.KINDS; an unknown kind is an error, never a blank
wall. Views for kinds not yet in the set are ready for when their formats arrive.
"""

from __future__ import annotations

from collections.abc import Callable

from palabre import exercises, synthesis
from palabre.i18n import Translator
from palabre.synthesis import Snapshot

from .format_walls import (
    argument_wall,
    cluster_wall,
    invert_wall,
    persona_wall,
    photo_wall,
    pitch_wall,
    scale_wall,
)
from .walls import NO_SOURCES, PER_PAGE, Sources, Wall, choice_wall, ideas_wall, vote_wall

WALLS: dict[str, Callable[..., Wall]] = {
    "ideas": ideas_wall,
    "vote": vote_wall,
    "choice": choice_wall,
    "invert": invert_wall,
    "cluster": cluster_wall,
    "persona": persona_wall,
    "argument": argument_wall,
    "scale": scale_wall,
    "photo": photo_wall,
    "pitch": pitch_wall,
}

# Views that show a running clock (the registry's timed kinds): the dashboard redraws them
# every poll, not only on change.
CLOCKED = frozenset(name for name, kind in exercises.KINDS.items() if kind.timed)


def render_wall(snap: Snapshot, phase: exercises.Phase, t: Translator, *, visible: bool,
                page: int = 0, per_page: int = PER_PAGE,
                sources: Sources = NO_SOURCES) -> Wall:
    """The wall of one phase, from its one result (palabre.synthesis.phase_result)."""
    return render_result(snap, synthesis.phase_result(snap, phase, sources.board, t.lang), t,
                         visible=visible, page=page, per_page=per_page, sources=sources)


def render_result(snap: Snapshot, result: synthesis.PhaseResult, t: Translator, *,
                  visible: bool, page: int = 0, per_page: int = PER_PAGE,
                  sources: Sources = NO_SOURCES) -> Wall:
    """Draw a phase's result: the views render, they never count."""
    try:
        render = WALLS[result.kind]
    except KeyError:
        raise KeyError(f"no projector view for phase kind {result.kind!r}") from None
    return render(snap, result, t, visible=visible, page=page, per_page=per_page,
                  sources=sources)
