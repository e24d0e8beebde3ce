"""argument: for or against a proposition, from the point of view the room gave the person."""

from __future__ import annotations

from typing import Any

from palabre import labels
from palabre.boards import argued_viewpoint
from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution, Participant, Session, Store

from .base import Answer, Behaviour, Context, Paper, PhoneForm, Reader, Refused, Seen, rank_of, text


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    side = payload.get("side")
    if not isinstance(side, str) or side not in labels.SIDE_LABELS:  # [] is no key
        raise Refused(422, "argument_side", N_("Say whether your argument is for or against."),
                      field="side")
    value = text(payload, "text", phase.params["max_chars"])
    return Answer(body={"side": side, "viewpoint": ctx.viewpoint or "autre", "text": value},
                  text=value)


def gather(store: Store, session: Session, participant: Participant | None,
           phase: Phase) -> dict[str, Any]:
    """The point of view this person argues from: their table's when the facilitator gave it
    one, else the opposite of their own role."""
    return {"viewpoint": argued_viewpoint(store, session, participant,
                                          rank_of(store, session, participant),
                                          phase.params["swap_roles"])}


def params(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    view = None if seen.participant is None else gather(
        seen.store, seen.session, seen.participant, phase)["viewpoint"]
    return {"max_chars": phase.params["max_chars"],
            "proposition": seen.session.exercise.argued(phase).get(seen.lang),
            "viewpoint": view,
            "viewpoint_label": seen.t(labels.ARGUE_AS[view]) if view else None}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"side": get_one("side", None), "text": get_one("text", "")}


def describe(row: Contribution, _phase: Phase, seen: Seen) -> str:
    side = labels.SIDE_LABELS.get(row.body.get("side", ""))
    return seen.t(N_("{part}: {text}"), part=seen.t(side), text=row.text or "") if side \
        else row.text or ""


def assigned(params: dict[str, Any]) -> str:
    return params.get("viewpoint") or ""


def paper_page(_store: Store, _session: Session, _phase: Phase, _lang: str) -> dict[str, Any]:
    return {}  # the side ticked is asked by the page itself


def paper_answer(_store: Store, _session: Session, _phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    return {"side": values.get("side") or None, "text": values.get("answer") or ""}


BEHAVIOUR = Behaviour("argument", PhoneForm("form_argument.html", params, read, describe),
                      validate=validate, gather=gather, paper=Paper(paper_page, paper_answer),
                      assigned=assigned)
