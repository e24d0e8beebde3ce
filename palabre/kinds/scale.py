"""scale: a rating between two labelled ends; a person's last ballot counts."""

from __future__ import annotations

from typing import Any

from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution, Session, Store

from .base import Answer, Behaviour, Context, Paper, PhoneForm, Reader, Refused, Seen, integer


def validate(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    steps = phase.params["steps"]
    value = integer(payload.get("value"))
    if value is None or not 1 <= value <= steps:
        raise Refused(422, "scale_value", N_("Choose a value from 1 to {steps}."),
                      field="value", steps=steps)
    return Answer(body={"value": value}, text=None)


def params(seen: Seen) -> dict[str, Any]:
    params = seen.phase.params
    return {"steps": params["steps"], "low": params["low"].get(seen.lang),
            "high": params["high"].get(seen.lang)}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"value": get_one("value", None)}


def describe(row: Contribution, phase: Phase, seen: Seen) -> str:
    return seen.t(N_("{value} out of {steps}"), value=row.body.get("value"),
                  steps=phase.params["steps"])


def paper_page(_store: Store, _session: Session, phase: Phase, lang: str) -> dict[str, Any]:
    return {"steps": phase.params["steps"], "low": phase.params["low"].get(lang),
            "high": phase.params["high"].get(lang)}


def paper_answer(_store: Store, _session: Session, _phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    return {"value": (values.get("answer") or "").strip() or None}


BEHAVIOUR = Behaviour("scale", PhoneForm("form_scale.html", params, read, describe),
                      validate=validate, paper=Paper(paper_page, paper_answer))
