"""A panel: one extra view of the dashboard that a format brings (persona cards, the day's
agenda, mixed tables, results by role, a word cloud, the export tools).

The dashboard asks each panel, at every redraw, to `load` what it needs from a context read
once (off the kernel's event loop: it may read the store or draw a picture), then to `show`
it; `tick` follows the clock between reads, without the store. A panel that has nothing to
say in the current phase returns None and is folded away. Its buttons call methods, wired
through the dashboard's `guarded` so a failure is said on screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ipywidgets import VBox

from palabre import exercises
from palabre.i18n import Translator
from palabre.store import Session, Store
from palabre.synthesis import PhaseResult, Snapshot


class Room(Protocol):
    """What a panel may ask of the dashboard it sits in: a narrow interface, so panels never
    import the dashboard module that builds them."""

    def guarded(self, action: Callable[[], object]) -> Callable[[object], None]: ...

    def refresh(self) -> None: ...

    def set_pitch_order(self, teams: list[str]) -> None: ...


@dataclass(frozen=True)
class PanelContext:
    """One consistent reading of the room, shared by every panel of a redraw."""

    store: Store
    snap: Snapshot
    session: Session
    phase: exercises.Phase
    visible: bool  # whether the wall shows this phase's results (the reveal rule)
    translator: Translator
    result: PhaseResult | None = None  # the phase's one result, as the wall drew it


class Panel(VBox):
    """Base of the dashboard's panels; subclasses fill `load` and `draw`."""

    place = "above"  # above the wall, or "below" it

    def __init__(self, translator: Translator, children=(), **kwargs):
        self._t = translator
        self.room: Room | None = None
        super().__init__(list(children), **kwargs)
        self.add_class("palabre-panel")
        self.layout.display = "none"

    def attach(self, room: Room) -> None:
        """Called once by the dashboard: wire buttons with room.guarded(...) here."""
        self.room = room

    def load(self, context: PanelContext) -> Any:
        """What to show for this reading (None: nothing in this phase). Runs off the loop."""
        return None

    def draw(self, data: Any) -> None:
        """Put what load() returned on screen (on the kernel's loop)."""

    def show(self, data: Any) -> None:
        self.layout.display = "none" if data is None else None
        if data is not None:
            self.draw(data)

    def tick(self, session: Session, now: float) -> None:
        """Follow the clock between readings of the store (most panels do not)."""

    def parts(self) -> tuple:
        """Every widget this panel made, closed with it."""
        return ()

    def close(self) -> None:
        for part in self.parts():
            part.close()
        super().close()




def running_loop() -> asyncio.AbstractEventLoop | None:
    """The loop running now (the kernel's, in Voilà), or None (plain code, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def poster() -> Callable[[Callable[[], None]], None]:
    """How a worker thread gets a change onto the widgets: through the loop running now, else
    at once (code and tests, where nothing else draws)."""
    loop = running_loop()
    return (lambda change: change()) if loop is None else loop.call_soon_threadsafe
