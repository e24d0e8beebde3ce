"""Which panels each format's dashboard has, in one table.

A format's own notebook (workshops/role-swap.ipynb...) names its format; room.ipynb uses the
session's. Every dashboard has the word cloud and the export tools; a format written by a
facilitator (no entry here) also gets the day's agenda (when it has one) and persona cards.
Each panel folds itself away in the phases it has nothing to say about.
"""

from __future__ import annotations

from collections.abc import Callable

from palabre.i18n import Translator

from .ballot import BallotPanel
from .cloud import WordCloudPanel
from .export import ExportPanel
from .format_panels import (
    AgendaPanel,
    DebatePanel,
    PersonaCards,
    RoleSplitPanel,
    SeatingPanel,
)
from .panel import Panel

PanelFactory = Callable[[Translator], Panel]

EVERY: tuple[PanelFactory, ...] = (BallotPanel, WordCloudPanel, ExportPanel)

FORMAT_PANELS: dict[str, tuple[PanelFactory, ...]] = {
    # Its vote's bars show each solution with the worse idea it came from (walls.vote_wall).
    "reverse-brainstorm": (),
    "personas": (PersonaCards,),
    "role-swap": (SeatingPanel, DebatePanel, RoleSplitPanel),
    "design-sprint": (AgendaPanel, PersonaCards),
}
OTHER_FORMATS: tuple[PanelFactory, ...] = (AgendaPanel, PersonaCards)


def panels_for(format_id: str, translator: Translator) -> list[Panel]:
    """Fresh panels for one dashboard: the format's own, then those every dashboard has."""
    factories = (*FORMAT_PANELS.get(format_id, OTHER_FORMATS), *EVERY)
    return [factory(translator) for factory in factories]
