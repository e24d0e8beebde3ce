"""What a dot vote is on, decided once for the phone, the paper ballot, the door and the tally.

The facilitator chooses (a board, palabre.boards.ballot_board): the themes of the source phase,
a shortlist of its answers, or every answer. Until they do, the room's size decides: every
answer when there are at most ``AT_MOST``, else the themes when some are formed, else a
shortlist of ``AT_MOST`` drawn by lot (seeded by the session, so every phone and every paper
ballot gets the same one). A ballot longer than a screen is not read to its end: the first
items collect the dots.

A dot on a theme counts for the theme as a whole, never for one of its answers: the tally has
one line per theme, labelled with its title (palabre.synthesis.tally.vote_tally).
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from palabre import boards
from palabre.store import Contribution, Participant, Session, Store

AT_MOST = 15  # items a phone shows and a paper ballot prints, by default
MODES = boards.BALLOT_MODES


@dataclass(frozen=True)
class Entry:
    """One line of the ballot."""

    key: str  # what a ballot's dots are keyed by: an answer's id ("123"), a theme's ("t2")
    number: int  # printed on paper and typed back: the answer's number, or the theme's place
    text: str
    items: tuple[Contribution, ...]  # the answers it stands for: one, or a theme's
    theme: str | None = None  # the theme's id, for a theme


@dataclass(frozen=True)
class Ballot:
    mode: str  # one of MODES
    entries: tuple[Entry, ...]
    chosen: bool  # False: the default by room size, the facilitator has not chosen
    answers: int  # visible answers of the source phase
    left_out: int  # of them, how many no entry carries

    visible: tuple[Contribution, ...] = ()  # every visible answer of the source phase

    @cached_property
    def keys(self) -> frozenset[str]:
        """What a ballot may put dots on: its lines, and any visible answer of the source
        phase (a ballot filled before the facilitator cut the list still counts). Kept with
        the ballot: every vote of the room checks its dots against it."""
        return frozenset(e.key for e in self.entries) | {str(c.id) for c in self.visible}

    def by_number(self) -> dict[int, Entry]:
        """What a number written on paper stands for: a theme's place on a themes ballot,
        else an answer's number (printed or not: an older printout still counts)."""
        if self.mode == "themes":
            return {e.number: e for e in self.entries}
        return {e.number: e for e in _answers(self.visible)}

    @property
    def printed(self) -> dict[int, Entry]:
        """The lines a paper ballot prints, by their number."""
        return {e.number: e for e in self.entries}

    def for_participant(self, session_code: str, participant: Participant | None
                        ) -> list[Entry]:
        """This phone's order: shuffled once for it, the same at every reload, so a place at
        the top of the list is nobody's advantage. Without a participant, the printed order."""
        if participant is None:
            return list(self.entries)
        entries = list(self.entries)
        random.Random(f"{session_code}:{participant.id}").shuffle(entries)
        return entries


def _themes(themes_board: dict, visible: dict[int, Contribution]) -> list[Entry]:
    found = []
    for theme in themes_board.get("themes", []):
        members = tuple(visible[i] for i in theme.get("items", []) if i in visible)
        if members:
            found.append(Entry(key=str(theme["id"]), number=len(found) + 1,
                               text=theme.get("title") or "", items=members,
                               theme=str(theme["id"])))
    return found


def _answers(items: Sequence[Contribution]) -> list[Entry]:
    return [Entry(key=str(c.id), number=c.number, text=c.text or "", items=(c,)) for c in items]


def by_lot(session_code: str, answers: Sequence[Contribution], count: int = AT_MOST
           ) -> list[Contribution]:
    """A shortlist drawn by lot, the same for the whole room, in the answers' order."""
    picked = set(random.Random(f"{session_code}:shortlist").sample(
        [c.id for c in answers], min(count, len(answers))))
    return [c for c in answers if c.id in picked]


def build(session_code: str, answers: Sequence[Contribution], board: dict,
          themes_board: dict) -> Ballot:
    """The ballot from the source phase's visible answers and the two boards."""
    visible = {c.id: c for c in answers}
    mode, chosen = board.get("mode"), True
    themes = _themes(themes_board, visible)
    if mode not in MODES:
        chosen = False
        mode = ("all" if len(answers) <= AT_MOST else "themes" if len(themes) >= 2
                else "shortlist")
    if mode == "themes":
        entries = themes
    elif mode == "shortlist":
        listed = ([visible[i] for i in board.get("items", []) if i in visible] if chosen
                  else by_lot(session_code, answers))
        entries = _answers(listed)
    else:
        entries = _answers(answers)
    carried = {c.id for e in entries for c in e.items}
    return Ballot(mode=mode, entries=tuple(entries), chosen=chosen, answers=len(answers),
                  left_out=sum(1 for c in answers if c.id not in carried),
                  visible=tuple(answers))


_MEMO: OrderedDict[tuple, Ballot] = OrderedDict()
_MEMO_SIZE = 64


def vote_ballot(store: Store, session: Session, phase) -> Ballot:
    """The ballot of a vote phase as the store holds it now.

    Every vote checks its keys against it, so it is kept between requests under what decides
    it, read from the store each time: the session's version (moved by every board change,
    hiding and merge, from any process) and the source phase's newest answer. A room of
    1,000 then reads two numbers per vote instead of 1,000 answers."""

    source = phase.params["source"]
    key = (store.url, session.id, phase.id, *store.phase_mark(session, source))
    found = _MEMO.get(key)
    if found is None:
        found = build(session.code, store.contributions(session, source),
                      store.board(session, boards.ballot_board(phase.id)),
                      store.board(session, boards.themes_board(source)))
        _MEMO[key] = found
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return found
