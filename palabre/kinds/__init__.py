"""One module per phase kind for what it does: how the door validates its answers and what it
needs to (palabre.answers), its phone form (palabre.server.forms), what the room gives a phone
(palabre.server.room) and how a helper types it in from paper (palabre.server.assist).

What a kind *is* (label, ballot, paper, timed…) is its spec in palabre.exercises.KINDS; this
package registers one Behaviour per kind of that registry and refuses to load when one is
missing, unknown, or contradicts its spec, so an unknown kind is an error, never a blank form.
Adding a collecting kind: its spec, a module here named after it (found by that name, no list
to edit), its phone template, its wall, its slide, its result, the two catalogs and a test.
"""

from __future__ import annotations

from importlib import import_module

from palabre.exercises import KINDS

from .base import Behaviour

# One module per kind of the registry, named after it: a kind without one fails here, at import.
_MODULES = tuple(import_module(f"{__name__}.{name}") for name in KINDS)


def _checked(behaviours: tuple[Behaviour, ...]) -> dict[str, Behaviour]:
    """The behaviours by kind, in the registry's order, each agreeing with its spec."""
    found = {b.kind: b for b in behaviours}
    if set(found) != set(KINDS) or len(found) != len(behaviours):
        raise RuntimeError(f"palabre.kinds must have one behaviour per kind of the registry: "
                           f"missing {sorted(set(KINDS) - set(found))}, "
                           f"unknown {sorted(set(found) - set(KINDS))}")
    for name, spec in KINDS.items():
        behaviour = found[name]
        if (behaviour.validate is not None) != spec.collects:
            raise RuntimeError(f"the kind {name!r} validates answers if and only if it "
                               "collects them")
        if (behaviour.paper is not None) != spec.paper:
            raise RuntimeError(f"the kind {name!r} has paper entry if and only if paper "
                               "carries it")
    return {name: found[name] for name in KINDS}


BEHAVIOURS: dict[str, Behaviour] = _checked(tuple(m.BEHAVIOUR for m in _MODULES))


def behaviour(kind: str) -> Behaviour:
    """The behaviour of a kind; an unknown kind is an error, never a silent skip."""
    try:
        return BEHAVIOURS[kind]
    except KeyError:
        raise KeyError(f"no behaviour for the phase kind {kind!r}") from None
