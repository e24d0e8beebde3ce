"""What every kind's behaviour is written with: the refusal a person reads, the cleaned answer,
what the door knows about who answers, one phone looking at a phase, a phone form, the paper
entry helpers, and the Behaviour record each kind module fills in."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from palabre import i18n
from palabre import text as texts
from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.refused import Refused as Refused
from palabre.store import Contribution, Participant, Session, Store


# --- the door --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    body: dict[str, Any]
    text: str | None


@dataclass(frozen=True)
class Context:
    """What a validator needs beyond the payload, gathered once by palabre.answers.submit."""

    items: Sequence[Contribution] = ()  # what the phase works on (invert)
    keys: frozenset[str] = frozenset()  # what a ballot may put dots on (vote)
    role: str | None = None  # the participant's real role
    persona: str | None = None  # the persona given to the participant's table
    viewpoint: str | None = None  # the point of view the participant argues from
    photo_exists: Callable[[int], bool] = field(default=lambda _id: False)


def text(payload: dict, field_name: str, max_chars: int) -> str:
    """A participant's text, cleaned once (palabre.text) and never empty."""
    raw = payload.get(field_name)
    if not isinstance(raw, str):
        raw = ""
    try:
        value = texts.clean(raw, max_chars=max_chars, max_bytes=max_chars * 4)
    except texts.TextTooLong as error:
        raise Refused(422, "too_long",
                      N_("Your answer is too long: {max_chars} characters at most "
                         "(yours has {length})."), field=field_name,
                      max_chars=error.max_chars, length=error.length) from None
    if not value:
        raise Refused(422, "empty", N_("Please write something before sending."),
                      field=field_name)
    return value


def integer(value: Any) -> int | None:
    """A number as a form or a JSON client sends it; an empty field reads as 0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, str) and not value.strip():
        return 0
    return None


def option(value: Any) -> int | None:
    """An option's number as a form or a JSON client sends it. A blank is no option at all
    (None), never the first one: integer() reads it as 0, which is right for a count only."""
    if isinstance(value, str) and not value.strip():
        return None
    return integer(value)


def vote_items(store: Store, session: Session, phase: Phase) -> list[Contribution]:
    """What a phase works on (dots, worse ideas to turn around): its source's visible answers."""
    return store.contributions(session, phase.params["source"])


def rank_of(store: Store, session: Session, participant: Participant | None) -> int:
    """A participant's place in joining order; someone not stored yet (a paper box being
    typed in) will join last."""
    if participant is None:
        return 0
    ids = [p.id for p in store.participants(session)]
    return ids.index(participant.id) if participant.id in ids else len(ids)


# --- the phone -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seen:
    """One phone looking at one phase: what a form's parameters are computed from."""

    store: Store
    session: Session
    phase: Phase
    participant: Participant | None
    lang: str

    @cached_property
    def t(self) -> i18n.Translator:
        return i18n.Translator(self.lang)

    @cached_property
    def rank(self) -> int | None:
        """This participant's place in joining order (what spreads work over people)."""
        if self.participant is None:
            return None
        ids = [p.id for p in self.store.participants(self.session)]
        return ids.index(self.participant.id) if self.participant.id in ids else None


Reader = Callable[..., Any]  # get_one(name, default) or get_all(name), from an HTML form


@dataclass(frozen=True)
class PhoneForm:
    """A kind's phone form: its template, what the page needs from the store, how the HTML
    form reads into the door's payload (the JSON API's), and how a sent answer reads back."""

    template: str  # palabre/server/templates/<template>
    params: Callable[[Seen], dict[str, Any]]
    read: Callable[[Reader, Reader, list[int]], dict[str, Any]]
    describe: Callable[[Contribution, Phase, Seen], str]
    action: str = "answer"  # the route the form posts to, under /j/CODE/


def text_of(row: Contribution, _phase: Phase, _seen: Seen) -> str:
    return row.text or ""


WATCH = PhoneForm("form_watch.html", lambda _seen: {}, lambda _one, _all, _ids: {}, text_of)
"""The phones' page while the facilitator works on the screen."""


# --- paper -----------------------------------------------------------------------------------
BOX_MAX = 9999
_TOKEN = re.compile(r"^(\d+)(?:[:x×*=](\d+))?$")


def paper_refused(field_name: str, code: str, template: str, **values) -> Refused:
    """A refusal tied to a field of the helper's typing-in page."""
    return Refused(422, code, template, field=field_name, **values)


def paper_number(raw: str, field_name: str) -> int:
    """A box, note or worse-idea number as written on a card."""
    raw = (raw or "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= BOX_MAX:
        raise paper_refused(field_name, "paper_number",
                            N_("Write a number from 1 to {most}."), most=BOX_MAX)
    return int(raw)


def paper_numbers(raw: str) -> list[tuple[int, int]]:
    """'12 12 15' or '12:2 15': (number, how many) pairs, as written on a paper ballot."""
    found = []
    for token in (t for t in re.split(r"[\s,;]+", raw or "") if t):
        match = _TOKEN.match(token)
        if match is None:
            raise paper_refused("answer", "paper_numbers",
                                N_("Write the numbers as printed on the ballot, separated by "
                                   "spaces (12:2 counts two for number 12)."))
        found.append((int(match.group(1)), int(match.group(2) or 1)))
    if not found:
        raise paper_refused("answer", "paper_numbers_empty",
                            N_("Write the numbers ticked on the ballot."))
    return found


@dataclass(frozen=True)
class Paper:
    """How a helper types this kind in from paper (palabre.server.assist)."""

    page: Callable[[Store, Session, Phase, str], dict[str, Any]]  # what the page shows
    answer: Callable[[Store, Session, Phase, dict[str, str]], dict[str, Any]]  # the payload


# --- one kind --------------------------------------------------------------------------------
Validator = Callable[[Phase, dict, Context], Answer]
Gatherer = Callable[[Store, Session, "Participant | None", Phase], dict[str, Any]]


def _nothing_to_gather(_store: Store, _session: Session, _participant: Participant | None,
                       _phase: Phase) -> dict[str, Any]:
    return {}


def _nothing_given(_params: dict[str, Any]) -> str:
    return ""


@dataclass(frozen=True)
class Behaviour:
    """What one kind does, in its own module: palabre.kinds registers one per kind of the
    registry, and each layer reads its part of it."""

    kind: str
    form: PhoneForm
    validate: Validator | None = None  # None: phones send nothing (the facilitator works)
    gather: Gatherer = _nothing_to_gather  # the Context fields the validator needs
    paper: Paper | None = None  # None: paper cannot carry it
    assigned: Callable[[dict[str, Any]], str] = _nothing_given  # what the room gave a phone
