"""What the facilitator arranges, by name: the one place that knows each board's shape.

Boards live in the store (`Store.board` / `Store.update_board`); the dashboard writes them, the
phone pages and the exports read them. Text typed by the facilitator goes through the same door
as participants' text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from palabre import text as texts
from palabre.exercises import assign
from palabre.store import Participant, Session, Store

COMMITMENTS = "commitments"
SEATING = "seating"
VIEWPOINTS = "viewpoints"
BALLOT_MODES = ("themes", "shortlist", "all")  # what a vote can be on (palabre.synthesis.ballot)


def themes_board(source_phase_id: str) -> str:
    """Themes group the answers of a source phase (a cluster phase names its source)."""
    return f"themes:{source_phase_id}"


def personas_board(phase_id: str) -> str:
    return f"personas:{phase_id}"


def pitch_board(phase_id: str) -> str:
    return f"pitch:{phase_id}"


def ballot_board(vote_phase_id: str) -> str:
    """What a vote is on (palabre.synthesis.ballot reads it)."""
    return f"ballot:{vote_phase_id}"


# --- themes ------------------------------------------------------------------------------
def themes(store: Store, session: Session, source_phase_id: str) -> list[dict]:
    """[{"id", "title", "items": [contribution ids]}], in the facilitator's order."""
    return store.board(session, themes_board(source_phase_id)).get("themes", [])


def set_themes(store: Store, session: Session, source_phase_id: str,
               groups: list[tuple[str, list[int]]]) -> list[dict]:
    """Replace the themes; an item sits in one theme at most (the first that lists it)."""
    seen: set[int] = set()
    cleaned = []
    for number, (title, items) in enumerate(groups, start=1):
        members = [i for i in items if i not in seen]
        seen.update(members)
        cleaned.append({"id": f"t{number}", "title": texts.clean_short(title, max_chars=80),
                        "items": members})
    store.update_board(session, themes_board(source_phase_id),
                       lambda board: {**board, "themes": cleaned})
    return cleaned


def duplicates_board(phase_id: str) -> str:
    """The pairs of a phase's answers the facilitator said are not duplicates."""
    return f"duplicates:{phase_id}"


def dismissed_duplicates(store: Store, session: Session, phase_id: str) -> set[tuple[int, int]]:
    board = store.board(session, duplicates_board(phase_id))
    return {(min(a, b), max(a, b)) for a, b in board.get("dismissed", [])}


def dismiss_duplicate(store: Store, session: Session, phase_id: str, a: int, b: int) -> None:
    """Two answers are not the same idea: never propose them again, in any window."""
    pair = [min(a, b), max(a, b)]

    def change(board: dict) -> dict:
        kept = [p for p in board.get("dismissed", []) if list(p) != pair]
        return {**board, "dismissed": [*kept, pair]}

    store.update_board(session, duplicates_board(phase_id), change)


# --- what a vote is on ------------------------------------------------------------------
class UnknownAnswers(ValueError):
    """Numbers that name no answer of the phase voted on."""

    def __init__(self, numbers: list[int]):
        super().__init__(f"no answer numbered {', '.join(map(str, numbers))}")
        self.numbers = numbers


def set_ballot(store: Store, session: Session, vote_phase_id: str, mode: str | None,
               items: list[int] | None = None) -> dict:
    """Put the themes, a shortlist of answers (by their numbers, as the wall shows them), or
    every answer to the vote; None gives the choice back to the room's size. A shortlist
    keeps the order given, each answer once; the board keeps the answers' store ids."""
    if mode is not None and mode not in BALLOT_MODES:
        raise ValueError(f"unknown ballot {mode!r}")
    numbers = list(dict.fromkeys(int(i) for i in items or ()))
    if mode == "shortlist" and not numbers:
        raise ValueError("a shortlist needs at least one answer")
    source = session.exercise.phase(vote_phase_id).params["source"]
    ids = {c.number: c.id for c in store.contributions(session, source)} if numbers else {}
    unknown = [n for n in numbers if n not in ids]
    if mode == "shortlist" and unknown:
        raise UnknownAnswers(unknown)
    listed = [ids[n] for n in numbers if n in ids]
    chosen = {} if mode is None else {"mode": mode, "items": listed if mode == "shortlist"
                                      else []}
    return store.update_board(session, ballot_board(vote_phase_id), lambda _board: chosen)


# --- personas ----------------------------------------------------------------------------
def persona_for(store: Store, session: Session, phase_id: str, table: str | None) -> str | None:
    """The persona a table works on: its own, else the room's."""
    board = store.board(session, personas_board(phase_id))
    return (board.get("tables") or {}).get(table or "") or board.get("room")


def assign_persona(store: Store, session: Session, phase_id: str, persona_id: str | None,
                   table: str | None = None) -> dict:
    """Give a persona to the whole room (table=None) or to one table; None takes it back."""
    def change(board: dict) -> dict:
        tables = dict(board.get("tables") or {})
        if table is None:
            return {**board, "room": persona_id, "tables": tables}
        if persona_id is None:
            tables.pop(table, None)
        else:
            tables[texts.clean_short(table)] = persona_id
        return {**board, "tables": tables}

    return store.update_board(session, personas_board(phase_id), change)


# --- pitches -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Pitch:
    order: tuple[str, ...]  # team labels, in speaking order
    current: int  # index in order of the team speaking (or next to speak)
    running_since: float | None  # epoch seconds
    elapsed_s: float

    def elapsed(self, now: float) -> float:
        return self.elapsed_s + (now - self.running_since if self.running_since else 0.0)

    def remaining(self, seconds: int, now: float) -> float:
        return seconds - self.elapsed(now)

    @property
    def team(self) -> str | None:
        return self.order[self.current] if 0 <= self.current < len(self.order) else None


def pitch(store: Store, session: Session, phase_id: str) -> Pitch:
    board = store.board(session, pitch_board(phase_id))
    return Pitch(order=tuple(board.get("order", ())), current=board.get("current", 0),
                 running_since=board.get("running_since"),
                 elapsed_s=board.get("elapsed_s", 0.0))


def set_pitch_order(store: Store, session: Session, phase_id: str, teams: list[str]) -> Pitch:
    order = [texts.clean_short(t) for t in teams if t and t.strip()]
    store.update_board(session, pitch_board(phase_id),
                       lambda b: {"order": order, "current": 0, "running_since": None,
                                  "elapsed_s": 0.0})
    return pitch(store, session, phase_id)


def pitch_action(store: Store, session: Session, phase_id: str, action: str,
                 now: float | None = None) -> Pitch:
    """start, pause, next (the next team, timer reset), back."""
    now = time.time() if now is None else now

    def change(board: dict) -> dict:
        state = Pitch(order=tuple(board.get("order", ())), current=board.get("current", 0),
                      running_since=board.get("running_since"),
                      elapsed_s=board.get("elapsed_s", 0.0))
        if action == "start" and state.running_since is None:
            return {**board, "running_since": now}
        if action == "pause" and state.running_since is not None:
            return {**board, "running_since": None, "elapsed_s": state.elapsed(now)}
        if action in ("next", "back"):
            step = 1 if action == "next" else -1
            current = max(0, min(state.current + step, max(len(state.order) - 1, 0)))
            return {**board, "current": current, "running_since": None, "elapsed_s": 0.0}
        if action not in ("start", "pause"):
            raise ValueError(f"unknown pitch action {action!r}")
        return board

    store.update_board(session, pitch_board(phase_id), change)
    return pitch(store, session, phase_id)


# --- next steps --------------------------------------------------------------------------
def commitments(store: Store, session: Session) -> list[dict]:
    """[{"text", "who", "when"}]: the next steps the facilitator typed, for the deck."""
    return store.board(session, COMMITMENTS).get("items", [])


def add_commitment(store: Store, session: Session, what: str, who: str = "",
                   when: str = "") -> list[dict]:
    item = {"text": texts.clean(what, max_chars=300), "who": texts.clean_short(who),
            "when": texts.clean_short(when)}
    board = store.update_board(session, COMMITMENTS,
                               lambda b: {"items": [*b.get("items", []), item]})
    return board["items"]


def remove_commitment(store: Store, session: Session, index: int) -> list[dict]:
    board = store.update_board(session, COMMITMENTS, lambda b: {
        "items": [c for i, c in enumerate(b.get("items", [])) if i != index]})
    return board["items"]


# --- seating -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Seating:
    """Mixed tables the facilitator proposed: how many, and who sits where."""

    tables: int
    seats: dict[int, int]  # participant id -> table number, from 1

    def at(self, table: int) -> list[int]:
        return sorted(pid for pid, number in self.seats.items() if number == table)


def seating(store: Store, session: Session) -> Seating:
    board = store.board(session, SEATING)
    return Seating(tables=board.get("tables", 0),
                   seats={int(pid): number for pid, number in board.get("seats", {}).items()})


def set_seating(store: Store, session: Session, seats: dict[int, int], tables: int
                ) -> Seating:
    """Replace the seating (participant id -> table number, as assign.mixed_tables gives)."""
    if tables <= 0:
        raise ValueError("tables must be positive")
    store.update_board(session, SEATING, lambda board: {
        "tables": tables, "seats": {str(pid): number for pid, number in seats.items()}})
    return seating(store, session)


# --- tables and the point of view each argues ---------------------------------------------
def _table_key(number: int | None, name: str | None) -> str:
    # Mixed tables are numbers, tables people gave are names: kept apart, so a table someone
    # called "2" is never mistaken for mixed table 2.
    return f"seat:{number}" if number is not None else f"given:{name}"


@dataclass(frozen=True)
class Table:
    """A table of the room: a mixed table the facilitator proposed (by number), or, until
    then, a table people gave when joining (by name)."""

    number: int | None
    name: str | None
    people: tuple[int, ...]  # participant ids

    @property
    def key(self) -> str:
        return _table_key(self.number, self.name)


def tables(store: Store, session: Session,
           participants: list[Participant] | None = None) -> list[Table]:
    """The room's tables: the mixed tables once proposed, else the tables people gave."""
    seats = seating(store, session)
    if seats.tables:
        return [Table(number, None, tuple(seats.at(number)))
                for number in range(1, seats.tables + 1) if seats.at(number)]
    given: dict[str, list[int]] = {}
    for person in store.participants(session) if participants is None else participants:
        if person.table:
            given.setdefault(person.table, []).append(person.id)
    return [Table(None, name, tuple(ids)) for name, ids in sorted(given.items())]


def seat_of(store: Store, session: Session, participant: Participant) -> int | None:
    """The mixed table this participant was given, if the facilitator proposed some."""
    return seating(store, session).seats.get(participant.id)


def viewpoints(store: Store, session: Session) -> dict[str, str]:
    """Table key -> the point of view the facilitator gave that table."""
    return dict(store.board(session, VIEWPOINTS).get("tables", {}))


def give_viewpoint(store: Store, session: Session, table_key: str,
                   viewpoint: str | None) -> dict[str, str]:
    """Give a table a point of view to argue from; None gives it back its default (each
    person argues the opposite of their own role, in a role swap)."""
    if viewpoint is not None and viewpoint not in assign.ARGUED:
        raise ValueError(f"unknown viewpoint {viewpoint!r}")
    if not table_key.startswith(("seat:", "given:")):
        raise ValueError(f"unknown table {table_key!r}")

    def change(board: dict) -> dict:
        given = dict(board.get("tables") or {})
        if viewpoint is None:
            given.pop(table_key, None)
        else:
            given[table_key] = viewpoint
        return {**board, "tables": given}

    return store.update_board(session, VIEWPOINTS, change)["tables"]


def give_viewpoints(store: Store, session: Session, given: dict[str, str]) -> dict[str, str]:
    """Replace every table's point of view at once (as assign.alternating deals them)."""
    for table_key, viewpoint in given.items():
        if viewpoint not in assign.ARGUED or not table_key.startswith(("seat:", "given:")):
            raise ValueError(f"cannot give {viewpoint!r} to {table_key!r}")
    return store.update_board(session, VIEWPOINTS,
                              lambda board: {**board, "tables": dict(given)})["tables"]


def argued_viewpoint(store: Store, session: Session, participant: Participant | None,
                     rank: int, swap: bool) -> str:
    """The point of view this person argues from: their table's, when the facilitator gave
    it one, else assign.viewpoint's default. The phone page and the door both ask here, so
    what a person is told is what their argument is filed under."""
    given = viewpoints(store, session)
    if participant is not None and given:
        key = _table_of(seating(store, session), participant)
        if key in given:
            return given[key]
    return assign.viewpoint(participant.role if participant else None, rank, swap)


_NUMBERED = re.compile(r"(?:table\s*)?(?:n°\s*)?(\d{1,3})", re.IGNORECASE)


def _table_of(seats: Seating, participant: Participant) -> str | None:
    """The key of the table this person sits at. Once mixed tables are proposed, a phone has
    its seat; a paper box (never seated: it joined by being typed in) sits at the mixed table
    its card names ("3", "Table 3"), as the projector numbers them."""
    if not seats.tables:
        return _table_key(None, participant.table) if participant.table else None
    number = seats.seats.get(participant.id)
    if number is None and participant.table:
        written = _NUMBERED.fullmatch(participant.table.strip())
        if written and 1 <= int(written.group(1)) <= seats.tables:
            number = int(written.group(1))
    return None if number is None else _table_key(number, None)


# --- carried to another store --------------------------------------------------------------
def carried(name: str, data: dict, answer, person) -> dict:
    """A board as it reads in another store (palabre.archive): the answer and participant ids
    it holds changed by ``answer(id)`` and ``person(id)`` (None: not carried, left out)."""
    def answers(ids) -> list[int]:
        return [found for found in (answer(i) for i in ids) if found is not None]

    data = dict(data)
    if name.startswith("themes:"):
        data["themes"] = [{**theme, "items": answers(theme.get("items", ()))}
                          for theme in data.get("themes", [])]
    elif name.startswith("duplicates:"):
        pairs = (answers(pair) for pair in data.get("dismissed", []))
        data["dismissed"] = [sorted(pair) for pair in pairs if len(pair) == 2]
    elif name.startswith("ballot:") and "items" in data:
        data["items"] = answers(data["items"])
    elif name == SEATING and "seats" in data:
        seats = ((person(pid), number) for pid, number in data["seats"].items())
        data["seats"] = {str(pid): number for pid, number in seats if pid is not None}
    return data
