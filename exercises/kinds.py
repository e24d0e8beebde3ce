"""The closed set of phase kinds and the parameters each one takes.

Each layer keeps its own table keyed by these names (phone form, projector widget, slide
builder) and a test checks every table covers every kind: an unknown kind is an error
everywhere, never a silent skip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Param:
    type: str  # int | number | str | bool | localized | localized_list | phase_ref
    required: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    help: str
    collects: bool = True  # phones answer in this phase
    produces_items: bool = False  # its answers can be voted on later
    default_reveal: str = "live"
    params: dict[str, Param] = field(default_factory=dict)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "ideas",
            "Free text answers, one idea per answer.",
            produces_items=True,
            params={
                "max_chars": Param("int", default=280, minimum=20, maximum=2000,
                                   help="Longest answer accepted, in characters."),
                "max_per_participant": Param("int", default=0, minimum=0, maximum=100,
                                             help="Answers allowed per person; 0 means no limit."),
            },
        ),
        Kind(
            "vote",
            "Dot voting: each person spreads a number of dots over the items of an earlier phase.",
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
            params={
                "choices": Param("localized_list", required=True,
                                 help="The options, in French and English."),
                "max_answers": Param("int", default=1, minimum=1, maximum=20,
                                     help="How many options one person may tick."),
            },
        ),
    )
}
