"""invert: each phone turns a few worse ideas of an earlier phase into good ones, spread so
every worse idea is covered."""

from __future__ import annotations

from typing import Any

from palabre.exercises import Phase
from palabre.exercises.assign import spread
from palabre.exercises.messages import N_
from palabre.store import Participant, Session, Store

from .base import (
    Answer,
    Behaviour,
    Context,
    Paper,
    PhoneForm,
    Reader,
    Refused,
    Seen,
    integer,
    paper_number,
    paper_refused,
    text,
    text_of,
    vote_items,
)


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    source = integer(payload.get("source_id"))
    if source is None or source not in {item.id for item in ctx.items}:
        raise Refused(422, "invert_unknown_item", N_("Choose one of the ideas to turn around."),
                      field="source_id")
    value = text(payload, "text", phase.params["max_chars"])
    return Answer(body={"source_id": source, "text": value}, text=value)


def gather(store: Store, session: Session, _participant: Participant | None,
           phase: Phase) -> dict[str, Any]:
    return {"items": vote_items(store, session, phase)}


def params(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    worse = {item.id: item for item in vote_items(seen.store, seen.session, phase)}
    # Never a phone's own worse ideas: turning one's own around is no change of viewpoint.
    who = seen.participant.id if seen.participant is not None else None
    others = sorted(i for i, item in worse.items() if who is None or item.participant_id != who)
    mine = [] if seen.rank is None else spread(others, seen.rank,
                                               phase.params["per_participant"])
    return {"max_chars": phase.params["max_chars"],
            "per_participant": phase.params["per_participant"],
            "items": [{"id": i, "number": worse[i].number, "text": worse[i].text or ""}
                      for i in mine]}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"source_id": get_one("source_id", ""), "text": get_one("text", "")}


def assigned(params: dict[str, Any]) -> str:
    return ",".join(str(item["id"]) for item in params.get("items", ()))


def paper_page(store: Store, session: Session, phase: Phase, _lang: str) -> dict[str, Any]:
    return {"items": [{"number": item.number, "text": item.text or ""}
                      for item in vote_items(store, session, phase)]}


def paper_answer(store: Store, session: Session, phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    # The number written on the card is the worse idea's, as the wall shows it.
    number = paper_number(values.get("source", ""), "source")
    worse = {item.number: item.id for item in vote_items(store, session, phase)}
    if number not in worse:
        raise paper_refused("source", "paper_unknown_worse",
                            N_("No worse idea is numbered {number}."), number=number)
    return {"source_id": worse[number], "text": values.get("answer") or ""}


BEHAVIOUR = Behaviour("invert", PhoneForm("form_invert.html", params, read, text_of),
                      validate=validate, gather=gather, paper=Paper(paper_page, paper_answer),
                      assigned=assigned)
