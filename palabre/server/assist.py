"""Assisted entry: a helper types in paper sticky notes and paper ballots, so people without a
phone count as much as those with one: notes, dot votes, ticked options and ratings, but also
arguments (for or against, from the point of view their table argues), better ideas written
against a worse idea's number, and empathy-map notes for their table's persona.

Each paper table card has numbered answer boxes. A box is one paper participant
("paper:<table>:<box>", with the role ticked on the card), so paper authors are counted with
their role and table. Every entry goes through the same door as a phone's answer
(palabre.answers.submit, channel "paper") with an idempotency key derived from what is on the
card, so typing the same box again never stores it twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from palabre import answers, synthesis
from palabre import text as texts
from palabre.exercises import KINDS, Phase
from palabre.exercises.messages import N_
from palabre.kinds import BEHAVIOURS
from palabre.kinds.base import paper_number, paper_refused
from palabre.store import Contribution, Participant, Session, Store
from palabre.store.store import ROLES

from . import room

# What can be written on paper and typed in, and which of it is a ballot (a box's last one
# counts), as the registry says (photos and the facilitator's phases cannot be).
PAPER_KINDS = tuple(name for name, kind in KINDS.items() if kind.paper)
BALLOT_KINDS = tuple(name for name in PAPER_KINDS if KINDS[name].ballot)
FIELDS = ("phase", "table", "role", "box", "note", "column", "side", "part", "source", "answer")
KEPT = ("phase", "table", "role", "box", "note")  # carried over to the next entry
TABLE_MAX_CHARS = 40  # "paper:<table>:<box>" must fit a device key
RECENT = 12
# The door names the payload's fields; the page has one answer field (and a column).
_PAGE_FIELD = {"text": "answer", "dots": "answer", "choices": "answer", "value": "answer",
               "category": "column", "side": "side", "field": "part", "source_id": "source"}


@dataclass(frozen=True)
class Entry:
    """One typed-in answer, as the list under the form shows it."""

    number: int  # the answer's number in the workshop
    phase: str
    table: str
    box: str
    role: str | None
    text: str
    hidden: bool


@dataclass(frozen=True)
class Page:
    phases: list[tuple[str, str, bool]]  # (id, title, is the room's current phase)
    phase: Phase | None
    title: str = ""
    prompt: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)  # vote, invert: number, text
    parts: list[tuple[str, str]] = field(default_factory=list)  # persona: (part, its name)
    choices: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    steps: int = 0
    low: str = ""
    high: str = ""
    typed: int = 0  # paper answers typed in this phase
    paper_people: int = 0  # people on paper, counted as the restitution counts them
    recent: list[Entry] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return self.phase.kind if self.phase else None

    @property
    def ballot(self) -> bool:
        return self.kind in BALLOT_KINDS


def paper_phases(session: Session) -> list[Phase]:
    return [p for p in session.exercise.phases if p.kind in PAPER_KINDS]


def chosen_phase(session: Session, phase_id: str | None) -> Phase | None:
    """The phase asked for, else the room's current one, else the first that takes paper."""
    usable = paper_phases(session)
    for phase in usable:
        if phase.id == phase_id:
            return phase
    if session.phase in usable:
        return session.phase
    return usable[0] if usable else None


def page(store: Store, session: Session, lang: str, phase_id: str | None) -> Page:
    phase = chosen_phase(session, phase_id)
    phases = [(p.id, p.title.get(lang), p.id == session.phase.id) for p in paper_phases(session)]
    if phase is None:
        return Page(phases=phases, phase=None, recent=recent(store, session, lang))
    # What the kind asks besides the text: items by number, parts, options, a scale, columns.
    extra = BEHAVIOURS[phase.kind].paper.page(store, session, phase, lang)
    typed = sum(1 for c in store.contributions(session, phase.id) if c.channel == "paper")
    people = synthesis.counts(synthesis.snapshot(store, session.code)).people_by_channel
    return Page(phases=phases, phase=phase, title=phase.title.get(lang),
                prompt=phase.prompt.get(lang), typed=typed,
                paper_people=people.get("paper", 0),
                recent=recent(store, session, lang), **extra)


# --- reading the form -------------------------------------------------------------------
def _table(raw: str) -> str:
    try:
        table = texts.clean_short(raw or "", max_chars=TABLE_MAX_CHARS)
    except texts.TextTooLong as error:
        raise paper_refused("table", "too_long",
                            N_("Your answer is too long: {max_chars} characters at most (yours "
                               "has {length})."),
                            max_chars=error.max_chars, length=error.length) from None
    if not table:
        raise paper_refused("table", "paper_table",
                            N_("Write the table shown on the paper card."))
    return table


def payload(store: Store, session: Session, phase: Phase, values: dict[str, str]
            ) -> dict[str, Any]:
    """The answer as the door expects it, from the typed line (its kind reads it)."""
    return BEHAVIOURS[phase.kind].paper.answer(store, session, phase, values)


def paper_key(phase: Phase, table: str, box: int, note: int | None,
              body: dict[str, Any]) -> str:
    """Notes: one key per (phase, table, box, note number). Ballots: per (phase, table, box)
    and what is ticked, so retyping the same ballot stores nothing and a corrected one
    replaces it (a box's last ballot counts, as a phone's does)."""
    if note is not None:
        parts = ["note", phase.id, table, box, note]
    else:
        parts = ["ballot", phase.id, table, box, json.dumps(body, sort_keys=True)]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
    return f"paper-{digest[:40]}"


def _on_page(refused: answers.Refused) -> answers.Refused:
    """The door's refusal, tied to the page's own field."""
    field_name = _PAGE_FIELD.get(refused.field or "", refused.field)
    return answers.Refused(refused.status, refused.code, refused.template, field=field_name,
                           **refused.values)


def record(store: Store, session: Session, values: dict[str, str]
           ) -> tuple[Contribution, bool, dict[str, Any]]:
    """Store one paper entry; returns (row, created, the fields to prefill the next entry)."""
    phase = chosen_phase(session, values.get("phase"))
    if phase is None or phase.id != values.get("phase"):
        raise paper_refused("phase", "paper_phase",
                            N_("Choose the phase this paper belongs to."))
    table = _table(values.get("table", ""))
    role = values.get("role") or None
    if role is not None and role not in ROLES:
        raise paper_refused("role", "bad_role", N_("Choose one of the roles offered."))
    box = paper_number(values.get("box", ""), "box")
    note = None if phase.kind in BALLOT_KINDS else paper_number(values.get("note") or "1",
                                                                "note")
    body = payload(store, session, phase, values)
    device = f"paper:{table}:{box}"
    try:
        # Checked as the box's author before that author is stored: a refused entry adds no
        # participant. The author is who the box will be (its table gives the persona and the
        # point of view argued), whether or not the box was typed in before.
        author = _author(store, session, device, role, table)
        answers.validate(phase, body, answers.context(store, session, author, phase))
        participant = store.join(session, device, role=role, table=table, channel="paper")
        row, created = answers.submit(store, session, participant, body,
                                      paper_key(phase, table, box, note, body),
                                      channel="paper", phase_id=phase.id)
    except answers.Refused as refused:
        raise _on_page(refused) from None
    following = {"phase": phase.id, "table": table, "role": role or "",
                 "box": box if note is not None else box + 1,
                 "note": note + 1 if note is not None else ""}
    return row, created, following


def _author(store: Store, session: Session, device: str, role: str | None,
            table: str) -> Participant:
    known = store.participant(session, device)
    if known is not None:
        return Participant(id=known.id, session_id=session.id, device_key=device,
                           role=role or known.role, table=table, lang=known.lang,
                           channel="paper")
    return Participant(id=0, session_id=session.id, device_key=device, role=role,
                       table=table, lang=None, channel="paper")


# --- what was typed ---------------------------------------------------------------------
def _boxes(store: Store, session: Session) -> dict[int, str]:
    return {p.id: p.device_key.rsplit(":", 1)[-1] for p in store.participants(session)
            if p.channel == "paper"}


def recent(store: Store, session: Session, lang: str, limit: int = RECENT) -> list[Entry]:
    """The latest paper entries, newest first, undone ones included (to put them back)."""
    rows = [c for c in store.contributions(session, include_hidden=True) if c.channel == "paper"]
    boxes = _boxes(store, session)
    titles = {p.id: p.title.get(lang) for p in session.exercise.phases}
    return [Entry(number=row.number, phase=titles.get(row.phase_id, row.phase_id),
                  table=row.table or "",
                  box=boxes.get(row.participant_id, ""), role=row.role,
                  text=room.describe(store, session, row, lang), hidden=row.hidden)
            for row in reversed(rows[-limit:])]


def saved(store: Store, session: Session, raw: str, lang: str) -> dict[str, Any] | None:
    """The confirmation of the last entry: stored, or already there (typed twice)."""
    number, _, again = (raw or "").partition("-")
    if not number.isdigit():
        return None
    row = store.contribution_by_number(session, int(number))
    if row is None or row.channel != "paper":
        return None
    return {"number": row.number, "again": again == "again", "hidden": row.hidden,
            "text": room.describe(store, session, row, lang)}


def undo(store: Store, session: Session, raw_number: str, *, hide: bool) -> None:
    row = (store.contribution_by_number(session, int(raw_number))
           if str(raw_number).isdigit() else None)
    if row is None or row.channel != "paper":
        raise answers.Refused(404, "paper_unknown",
                              N_("No paper answer has this number."), field="number")
    store.set_hidden(session, row.id, hide)
