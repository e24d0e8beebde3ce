"""review: a committee that meets again looks at the open follow-ups of its previous session
(the same series). A person picks one, then says it is still relevant or proposes a next step;
the answer keeps the proposal's words and status as they were read, for the restitution."""

from __future__ import annotations

from typing import Any

from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.labels import STATUS_LABELS
from palabre.store import Contribution, Participant, Session, Store
from palabre.synthesis.follow_ups import to_review

from .base import Answer, Behaviour, Context, PhoneForm, Reader, Refused, Seen, integer, text

STANCES = {"current": N_("Still relevant"), "next": N_("I propose a next step")}


def gather(store: Store, session: Session, _participant: Participant | None,
           _phase: Phase) -> dict[str, Any]:
    """The previous session's open follow-ups, as the items the answer may be about."""
    earlier, items = to_review(store, session)
    return {"items": tuple(items), "keys": frozenset({earlier.code} if earlier else ())}


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    number = integer(payload.get("number"))
    chosen = next((item for item in ctx.items if item.number == number), None) \
        if number else None
    if chosen is None:
        raise Refused(422, "follow_up", N_("Choose one of the follow-ups listed."),
                      field="number")
    stance = payload.get("stance")
    if stance not in STANCES:
        raise Refused(422, "stance", N_("Say whether it is still relevant or propose a next "
                                        "step."), field="stance")
    step = None
    if stance == "next":
        step = text(payload, "text", phase.params["max_chars"])
    body = {"session": next(iter(ctx.keys), ""), "number": chosen.number,
            "proposal": chosen.text, "status": chosen.status, "stance": stance}
    if step:
        body["text"] = step
    return Answer(body=body, text=step)


def params(seen: Seen) -> dict[str, Any]:
    earlier, items = to_review(seen.store, seen.session)
    _ = seen.t
    return {"max_chars": seen.phase.params["max_chars"],
            "previous": earlier.title if earlier else "",
            "items": [{"id": item.number, "text": item.text,
                       "status": _(STATUS_LABELS[item.status]),
                       "note": item.current.note} for item in items],
            "stances": {stance: _(label) for stance, label in STANCES.items()}}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"number": get_one("number", ""), "stance": get_one("stance", ""),
            "text": get_one("text", "")}


def describe(row: Contribution, _phase: Phase, seen: Seen) -> str:
    if row.body.get("stance") == "next":
        return seen.t(N_("No. {number}, a next step: {text}"), number=row.body.get("number"),
                      text=row.text or "")
    return seen.t(N_("No. {number}: still relevant"), number=row.body.get("number"))


BEHAVIOUR = Behaviour("review", PhoneForm("form_review.html", params, read, describe),
                      validate=validate, gather=gather)
