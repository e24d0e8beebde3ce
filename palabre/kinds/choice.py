"""choice: tick options, at most a number of them; a person's last ballot counts."""

from __future__ import annotations

from typing import Any

from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution, Session, Store

from .base import (
    Answer,
    Behaviour,
    Context,
    Paper,
    PhoneForm,
    Reader,
    Refused,
    Seen,
    option,
    paper_numbers,
    paper_refused,
)


def validate(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    raw = payload.get("choices")
    if isinstance(raw, (str, int)):
        raw = [raw]
    if isinstance(raw, list):  # a blank ticks nothing: it is not the first option
        raw = [value for value in raw if not (isinstance(value, str) and not value.strip())]
    if not isinstance(raw, list) or not raw:
        raise Refused(422, "choice_none", N_("Choose at least one answer."), field="choices")
    options = len(phase.params["choices"])
    picked = []
    for value in raw:
        number = option(value)
        if number is None or not 0 <= number < options:
            raise Refused(422, "choice_unknown", N_("This option does not exist."),
                          field="choices")
        if number not in picked:
            picked.append(number)
    most = phase.params["max_answers"]
    if len(picked) > most:
        raise Refused(422, "choice_too_many", N_("Choose at most {max_answers} answers."),
                      field="choices", max_answers=most)
    return Answer(body={"choices": sorted(picked)}, text=None)


def params(seen: Seen) -> dict[str, Any]:
    return {"choices": [c.get(seen.lang) for c in seen.phase.params["choices"]],
            "max_answers": seen.phase.params["max_answers"]}


def read(_get_one: Reader, get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"choices": get_all("choices")}


def describe(row: Contribution, phase: Phase, seen: Seen) -> str:
    options = phase.params["choices"]
    return ", ".join(options[i].get(seen.lang) for i in row.body["choices"] if i < len(options))


def paper_page(_store: Store, _session: Session, phase: Phase, lang: str) -> dict[str, Any]:
    return {"choices": [c.get(lang) for c in phase.params["choices"]]}


def paper_answer(_store: Store, _session: Session, phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    """The options ticked, by their number on the card (1 the first)."""
    count = len(phase.params["choices"])
    picked = []
    for number, _times in paper_numbers(values.get("answer") or ""):
        if not 1 <= number <= count:
            raise paper_refused("answer", "paper_unknown_option",
                                N_("Option numbers go from 1 to {count}."), count=count)
        picked.append(number - 1)
    return {"choices": picked}


BEHAVIOUR = Behaviour("choice", PhoneForm("form_choice.html", params, read, describe),
                      validate=validate, paper=Paper(paper_page, paper_answer))
