"""vote: dot voting on the visible answers of an earlier phase; a person's last ballot counts."""

from __future__ import annotations

from typing import Any

from palabre import synthesis
from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution, Participant, Session, Store

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
    paper_numbers,
    paper_refused,
    vote_items,
)


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    dots_allowed = phase.params["dots"]
    per_item = phase.params["max_per_item"] or dots_allowed
    raw = payload.get("dots")
    if not isinstance(raw, dict):
        raise Refused(422, "vote_empty", N_("Place at least one dot before sending."),
                      field="dots")
    known = {str(item.id) for item in ctx.items}
    dots: dict[str, int] = {}
    for item_id, count in raw.items():
        item_id = str(item_id)
        number = integer(count)
        if item_id not in known:
            raise Refused(422, "vote_unknown_item",
                          N_("This item is no longer in the vote. Reload the page."),
                          field="dots")
        if number is None or number < 0 or number > per_item:
            raise Refused(422, "vote_per_item",
                          N_("You may put at most {per_item} dots on one item."),
                          field="dots", per_item=per_item)
        if number:
            dots[item_id] = number
    used = sum(dots.values())
    if used == 0:
        raise Refused(422, "vote_empty", N_("Place at least one dot before sending."),
                      field="dots")
    if used > dots_allowed:
        raise Refused(422, "vote_too_many",
                      N_("You have {dots} dots and placed {used}. Remove some and send again."),
                      field="dots", dots=dots_allowed, used=used)
    return Answer(body={"dots": dots}, text=None)


def gather(store: Store, session: Session, _participant: Participant | None,
           phase: Phase) -> dict[str, Any]:
    return {"items": vote_items(store, session, phase)}


def params(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    items = vote_items(seen.store, seen.session, phase)
    return {"dots": phase.params["dots"],
            "max_per_item": phase.params["max_per_item"] or phase.params["dots"],
            "items": [{"id": item.id, "text": item.text or ""} for item in items]}


def read(get_one: Reader, _get_all: Reader, item_ids: list[int]) -> dict[str, Any]:
    return {"dots": {str(i): get_one(f"dots-{i}", "") for i in item_ids}}


def describe(row: Contribution, phase: Phase, seen: Seen) -> str:
    labels = {str(i.id): i.text or "" for i in vote_items(seen.store, seen.session, phase)}
    return " · ".join(f"{labels.get(k, '?')} ({n})" for k, n in row.body["dots"].items())


def printed(store: Store, session: Session, phase: Phase) -> dict[int, Contribution]:
    """The items by the number printed on the paper ballot (palabre.synthesis)."""
    return dict(synthesis.ballot_numbers(store, session, phase.params["source"]))


def paper_page(store: Store, session: Session, phase: Phase, _lang: str) -> dict[str, Any]:
    return {"items": [{"number": number, "text": item.text or ""}
                      for number, item in printed(store, session, phase).items()]}


def paper_answer(store: Store, session: Session, phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    items = printed(store, session, phase)
    dots: dict[str, int] = {}
    for number, count in paper_numbers(values.get("answer") or ""):
        if number not in items:
            raise paper_refused("answer", "paper_unknown_item",
                                N_("No answer numbered {number} is in this vote."),
                                number=number)
        item_id = str(items[number].id)
        dots[item_id] = dots.get(item_id, 0) + count
    return {"dots": dots}


BEHAVIOUR = Behaviour("vote", PhoneForm("form_vote.html", params, read, describe),
                      validate=validate, gather=gather, paper=Paper(paper_page, paper_answer))
