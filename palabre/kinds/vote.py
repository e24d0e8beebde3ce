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
)


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    dots_allowed = phase.params["dots"]
    per_item = phase.params["max_per_item"] or dots_allowed
    raw = payload.get("dots")
    if not isinstance(raw, dict):
        raise Refused(422, "vote_empty", N_("Place at least one dot before sending."),
                      field="dots")
    known = ctx.keys
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
    return {"keys": synthesis.vote_ballot(store, session, phase).keys}


def params(seen: Seen) -> dict[str, Any]:
    """The ballot in this phone's own order (palabre.synthesis.ballot)."""
    phase = seen.phase
    ballot = synthesis.vote_ballot(seen.store, seen.session, phase)
    entries = ballot.for_participant(seen.session.code, seen.participant)
    return {"dots": phase.params["dots"],
            "max_per_item": phase.params["max_per_item"] or phase.params["dots"],
            "ballot": ballot.mode,
            "items": [{"id": e.key, "number": e.number, "text": e.text,
                       "theme": e.theme is not None, "size": len(e.items)} for e in entries]}


def read(get_one: Reader, _get_all: Reader, item_ids: list) -> dict[str, Any]:
    return {"dots": {str(i): get_one(f"dots-{i}", "") for i in item_ids}}


def describe(row: Contribution, phase: Phase, seen: Seen) -> str:
    ballot = synthesis.vote_ballot(seen.store, seen.session, phase)
    labels = {e.key: e.text for e in ballot.entries}
    return " · ".join(f"{labels.get(k, '?')} ({n})" for k, n in row.body["dots"].items())


def printed(store: Store, session: Session, phase: Phase) -> dict[int, synthesis.Entry]:
    """What each number written on a paper ballot stands for (palabre.synthesis.ballot)."""
    return synthesis.vote_ballot(store, session, phase).by_number()


def paper_page(store: Store, session: Session, phase: Phase, _lang: str) -> dict[str, Any]:
    ballot = synthesis.vote_ballot(store, session, phase)
    return {"items": [{"number": number, "text": entry.text}
                      for number, entry in ballot.printed.items()]}


def paper_answer(store: Store, session: Session, phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    entries = printed(store, session, phase)
    dots: dict[str, int] = {}
    for number, count in paper_numbers(values.get("answer") or ""):
        if number not in entries:
            raise paper_refused("answer", "paper_unknown_item",
                                N_("No answer numbered {number} is in this vote."),
                                number=number)
        key = entries[number].key
        dots[key] = dots.get(key, 0) + count
    return {"dots": dots}


BEHAVIOUR = Behaviour("vote", PhoneForm("form_vote.html", params, read, describe),
                      validate=validate, gather=gather, paper=Paper(paper_page, paper_answer))
