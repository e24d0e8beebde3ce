"""One projector view per phase kind: the widgets' table of the closed set of kinds.

Each kind's view is found by name in walls.py and format_walls.py (exercises.kinds.per_kind): a
kind without one is an error at import, an unknown kind is an error, never a blank wall.
"""

from __future__ import annotations

from collections.abc import Callable

from palabre.exercises.kinds import per_kind

from palabre import exercises, synthesis
from palabre.i18n import Translator
from palabre.synthesis import Snapshot

from . import format_walls, walls
from .walls import NO_SOURCES, PER_PAGE, Sources, Wall

# The view of each kind is the function <kind>_wall of walls.py or format_walls.py.
WALLS: dict[str, Callable[..., Wall]] = per_kind("wall", walls, format_walls)

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
