"""ideas: free text, one idea per answer, sorted into a column when the phase has some."""

from __future__ import annotations

from typing import Any

from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution, Session, Store

from .base import Answer, Behaviour, Context, Paper, PhoneForm, Reader, Refused, Seen, option, text


def validate(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    value = text(payload, "text", phase.params["max_chars"])
    body: dict[str, Any] = {"text": value}
    categories = phase.params.get("categories")
    if categories:
        category = option(payload.get("category"))
        if category is None or not 0 <= category < len(categories):
            raise Refused(422, "category", N_("Choose a column for your answer."),
                          field="category")
        body["category"] = category
    return Answer(body=body, text=value)


def params(seen: Seen) -> dict[str, Any]:
    return {"max_chars": seen.phase.params["max_chars"],
            "categories": [c.get(seen.lang) for c in seen.phase.params.get("categories") or ()]}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"text": get_one("text", ""), "category": get_one("category", None)}


def describe(row: Contribution, phase: Phase, seen: Seen) -> str:
    columns = phase.params.get("categories") or ()
    column = row.body.get("category")
    if column is None or not 0 <= column < len(columns):
        return row.text or ""
    return seen.t(N_("{part}: {text}"), part=columns[column].get(seen.lang), text=row.text or "")


def paper_page(_store: Store, _session: Session, phase: Phase, lang: str) -> dict[str, Any]:
    return {"columns": [c.get(lang) for c in phase.params.get("categories") or ()]}


def paper_answer(_store: Store, _session: Session, phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {"text": values.get("answer") or ""}
    if phase.params.get("categories"):
        body["category"] = values.get("column") or None
    return body


BEHAVIOUR = Behaviour("ideas", PhoneForm("form_ideas.html", params, read, describe),
                      validate=validate, paper=Paper(paper_page, paper_answer))
