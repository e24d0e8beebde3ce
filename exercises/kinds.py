"""The closed set of phase kinds: what each one is (its spec) and the parameters it takes.

The spec is said here once and every layer reads its lists from it (paper entry, ballots,
printables, OpenAPI, simulator, exports). Rendering layers keep one function per kind (phone
form, projector wall, slide builder) and tests/exercises/test_kinds.py checks every table
covers exactly these kinds: an unknown kind is an error everywhere, never a silent skip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from .messages import N_

# The parts of an empathy map, in the order they are filled, with the short names the wall, the
# paper card, the typing-in page and the deck give them.
EMPATHY_PARTS = {
    "says": N_("Says"), "thinks": N_("Thinks"), "does": N_("Does"), "feels": N_("Feels"),
    "needs": N_("Needs"), "pains": N_("Pains"),
}


@dataclass(frozen=True)
class Param:
    type: str  # int | number | str | bool | localized | localized_list | phase_ref
    #            | str_list | choice_list
    required: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""
    choices: tuple[str, ...] = ()  # the closed set a choice_list picks from


@dataclass(frozen=True)
class Kind:
    name: str
    help: str
    label: str  # its name as a facilitator reads it (message id, translated when shown)
    collects: bool = True  # phones answer in this phase
    produces_items: bool = False  # its answers can be voted on later
    ballot: bool = False  # a person's last answer replaces their earlier ones (counted once)
    paper: bool = False  # a paper card or ballot carries it, and a helper types it in
    timed: bool = False  # its view shows a running clock, redrawn as the time runs
    proposals: bool = False  # free-text proposals: the word cloud and a forum's comparison
    default_reveal: str = "live"
    params: dict[str, Param] = field(default_factory=dict)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "ideas",
            "Free text answers, one idea per answer.",
            label=N_("Ideas"),
            paper=True, proposals=True,
            produces_items=True,
            params={
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest answer accepted, in characters."),
                "max_per_participant": Param("int", default=0, minimum=0, maximum=100,
                                             help="Answers allowed per person; 0 means no limit."),
                "categories": Param("localized_list", default=(),
                                    help="Columns an answer is sorted into (a feedback grid: "
                                         "what works, to improve, questions, new ideas)."),
            },
        ),
        Kind(
            "vote",
            "Dot voting: each person spreads a number of dots over the items of an earlier phase.",
            label=N_("Dot vote"),
            paper=True,
            ballot=True,
            default_reveal="on_reveal",
            params={
                "source": Param("phase_ref", required=True,
                                help="The earlier phase whose answers are voted on."),
                "dots": Param("int", default=3, minimum=1, maximum=20,
                              help="Dots each person has."),
                "max_per_item": Param("int", default=0, minimum=0, maximum=20,
                                      help="Dots one person may put on one item; 0 means all."),
            },
        ),
        Kind(
            "choice",
            "Multiple choice, with a maximum number of answers (as in \"3 réponses maximum\").",
            label=N_("Multiple choice"),
            paper=True,
            ballot=True,
            params={
                "choices": Param("localized_list", required=True,
                                 help="The options, in French and English."),
                "max_answers": Param("int", default=1, minimum=1, maximum=20,
                                     help="How many options one person may tick."),
            },
        ),
        Kind(
            "invert",
            "Each worse idea gets its positive inversion; each phone receives a few worse "
            "ideas, spread so every one is covered.",
            label=N_("Turning ideas around"),
            paper=True, proposals=True,
            produces_items=True,
            params={
                "source": Param("phase_ref", required=True,
                                help="The phase of worse ideas to turn around."),
                "per_participant": Param("int", default=3, minimum=1, maximum=20,
                                         help="Worse ideas shown to each phone."),
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest inversion accepted, in characters."),
            },
        ),
        Kind(
            "cluster",
            "Affinity grouping into themes, done by the facilitator on the dashboard from a "
            "proposal computed locally.",
            label=N_("Grouping into themes"),
            collects=False,
            params={
                "source": Param("phase_ref", required=True,
                                help="The phase whose answers are grouped."),
            },
        ),
        Kind(
            "persona",
            "Participants fill the empathy map of their table's persona.",
            label=N_("Empathy map"),
            paper=True,
            produces_items=True,
            params={
                "fields": Param("choice_list", default=tuple(EMPATHY_PARTS),
                                choices=tuple(EMPATHY_PARTS),
                                help="Parts of the empathy map to fill."),
                "personas": Param("str_list", default=(),
                                  help="Persona ids offered first (default: the whole library)."),
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest answer accepted, in characters."),
            },
        ),
        Kind(
            "argument",
            "Arguments for or against a proposition, from an assigned point of view.",
            label=N_("For and against"),
            paper=True,
            produces_items=True,
            params={
                "proposition": Param("localized", help="What is argued about (default: the "
                                                       "format's proposition, else its "
                                                       "question)."),
                "swap_roles": Param("bool", default=True,
                                    help="Usagers argue as agents and agents as usagers."),
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest argument accepted, in characters."),
            },
        ),
        Kind(
            "scale",
            "A rating with labelled ends, 1 to 5 by default.",
            label=N_("Scale"),
            paper=True,
            ballot=True,
            default_reveal="after_close",
            params={
                "low": Param("localized", required=True, help="Label of the lowest value."),
                "high": Param("localized", required=True, help="Label of the highest value."),
                "steps": Param("int", default=5, minimum=3, maximum=10,
                               help="Number of values."),
            },
        ),
        Kind(
            "photo",
            "A phone photo of a flipchart or a paper prototype, with a caption; metadata are "
            "stripped before storing.",
            label=N_("Photos"),
            produces_items=True,
            params={
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest caption accepted, in characters."),
            },
        ),
        Kind(
            "review",
            "A committee that meets again reviews the open follow-ups of its previous session "
            "(same series): for each, a person says it is still relevant or proposes a next "
            "step.",
            label=N_("Review of follow-ups"),
            params={
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest next step accepted, in characters."),
            },
        ),
        Kind(
            "pitch",
            "A timed pitch per team, in an order the facilitator sets.",
            label=N_("Pitches"),
            timed=True,
            collects=False,
            params={
                "seconds": Param("int", default=180, minimum=30, maximum=1800,
                                 help="Time each team has."),
            },
        ),
    )
}


def per_kind(suffix: str, *modules: ModuleType) -> dict[str, Callable[..., Any]]:
    """One function per kind of the registry, found by its name (``<kind>_<suffix>``) in the
    given modules, in the registry's order: a rendering layer keeps one function per kind and no
    table of its own, and a kind without its function is an error at import, never a skip."""
    found = {}
    for name in KINDS:
        candidates = [getattr(m, f"{name}_{suffix}") for m in modules
                      if hasattr(m, f"{name}_{suffix}")]
        if len(candidates) != 1:
            where = ", ".join(m.__name__ for m in modules)
            raise LookupError(f"{len(candidates)} functions {name}_{suffix} in {where}: "
                              "one per kind of the registry is needed")
        found[name] = candidates[0]
    return found
