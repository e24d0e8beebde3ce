"""Phones follow the room as it moves: one Server-Sent Events stream per open page.

The change notification is the session's version in the store (every change of phase, clock
or board moves it), so a change made by any process that serves the store reaches the phones
of every process. Each process watches a session only while a phone listens to it. On
PostgreSQL the store tells it (a trigger NOTIFYs the code of a session whose version moved;
one LISTEN connection per process), and the version is read once per change, with a check
every ``SAFETY_S`` in case a notice was lost; on SQLite, "is the version still N?" every
``QUICK_S``, however many phones listen, a microsecond while nothing was committed
(palabre.store.freshness). The state sent
is the room's, the same for every phone (in its language), built once per change; what the
room gave one phone (its table, its worse ideas) is only summarised by a key, and a phone
whose key moved asks for its own state, as the 3-second poll did.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from palabre import boards
from palabre.exercises import KINDS
from palabre.store import Session, Store

CHECK_S = 0.2  # how often a watched session's version is read, unless the store tells
QUICK_S = 0.05  # the same where a read of what did not change costs nothing (SQLite's counter)
SAFETY_S = 5.0  # how often it is read when the store tells (PostgreSQL's LISTEN)
CHANNEL = "palabre_sessions"  # migration 0009's trigger: the code of a session that moved
log = logging.getLogger(__name__)
KEEPALIVE_S = 15.0  # a comment line, so idle streams are not cut by the network


def live_state(store: Store, session: Session, lang: str, now: float | None = None
               ) -> dict[str, Any]:
    """What every phone of the room follows: phase, open or closed, clock, speaker, themes."""
    now = time.time() if now is None else now
    state, exercise, phase = session.state, session.exercise, session.phase
    remaining = state.remaining(exercise, now)
    found: dict[str, Any] = {
        "version": session.version,
        "phase": {"id": phase.id, "kind": phase.kind, "title": phase.title.get(lang),
                  "index": state.phase_index, "count": len(exercise.phases),
                  "accepting": state.accepting and KINDS[phase.kind].collects,
                  "results_visible": state.results_visible(exercise),
                  "remaining_s": None if remaining is None else max(0, round(remaining)),
                  "timer_running": state.timer_running},
        "assign": assignment_key(store, session),
    }
    if phase.kind == "pitch":
        found["speaker"] = speaker(store, session, now)
    if phase.kind == "cluster":
        found["themes"] = [{"title": t.get("title", ""), "ideas": len(t.get("items", ()))}
                           for t in boards.themes(store, session, phase.params["source"])]
    return found


def speaker(store: Store, session: Session, now: float) -> dict[str, Any]:
    """Who pitches now, who is next, and their clock (palabre.boards.pitch)."""
    phase = session.phase
    pitch = boards.pitch(store, session, phase.id)
    order = pitch.order or tuple(t.name or str(t.number) for t in boards.tables(store, session))
    current = pitch.current if 0 <= pitch.current < len(order) else None
    seconds = phase.params.get("seconds")
    return {"team": order[current] if current is not None else None,
            "next": (order[current + 1] if current is not None and current + 1 < len(order)
                     else None),
            "remaining_s": (None if not seconds
                            else max(0, round(pitch.remaining(seconds, now)))),
            "running": pitch.running_since is not None}


def assignment_key(store: Store, session: Session) -> str:
    """A summary of the boards that give phones their own part (tables, personas, points of
    view): when it moves, each phone asks for its own state."""
    phase = session.phase
    parts = [store.board(session, name) for name in
             (boards.SEATING, boards.VIEWPOINTS, boards.personas_board(phase.id))]
    return str(hash(json.dumps(parts, sort_keys=True, default=str)) & 0xFFFFFFFF)


@dataclass
class Watch:
    """One session followed by this process for the phones listening to it."""

    store: Store
    code: str
    version: int = -1
    listeners: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    states: dict[str, tuple[int, str]] = field(default_factory=dict)  # lang -> state
    task: asyncio.Task | None = None

    def state(self, lang: str) -> tuple[int, str] | None:
        """The room's state as JSON in one language, and its version: built once per
        version, whatever the number of phones that read it."""
        cached = self.states.get(lang)
        if cached is not None and cached[0] >= self.version:
            return cached
        session = self.store.session(self.code)
        if session is None:
            return None
        built = (session.version, json.dumps(live_state(self.store, session, lang),
                                             ensure_ascii=False))
        self.states[lang] = built
        return built

    def refresh(self) -> None:
        """Read the version now: a phone that connects is never sent an older state than
        the page it was just given."""
        version = self.store.session_version(self.code)
        if version is not None and version > self.version:
            self.version = version
            self.changed.set()
            self.changed = asyncio.Event()

    async def follow(self, told: Listener | None = None) -> None:
        while self.listeners > 0:
            version = self.store.session_version(self.code)
            if version != self.version:
                self.version = -1 if version is None else version
                self.changed.set()
                self.changed = asyncio.Event()
            await asyncio.sleep(SAFETY_S if told is not None and told.up
                                else QUICK_S if self.store.fresh.counted else CHECK_S)
        self.task = None


class Listener:
    """One LISTEN connection of this process to a PostgreSQL store: every notice of a session
    it watches reads that session's version at once. Lost, it is opened again; meanwhile the
    watches read the version every CHECK_S, as on SQLite."""

    def __init__(self, store: Store, watches: Watches):
        self.store, self.watches = store, watches
        self.up = False
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._listen())

    async def _listen(self) -> None:
        import psycopg

        url = self.store.engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo,
                                                                 autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.up = True
                    for watch in self.watches.sessions.values():  # missed while it was down
                        watch.refresh()
                    async for notice in conn.notifies():
                        watch = self.watches.sessions.get(notice.payload)
                        if watch is not None and watch.listeners > 0:
                            watch.refresh()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the store went away: poll, retry
                if self.up:
                    log.warning("palabre: the store's notices stopped (%s); retrying", error)
            self.up = False
            await asyncio.sleep(1.0)


class Watches:
    """Every session this process follows, started by the first phone to listen."""

    def __init__(self, store: Store):
        self.store = store
        self.sessions: dict[str, Watch] = {}
        self.told = (Listener(store, self) if store.engine.dialect.name == "postgresql"
                     else None)

    def listen(self, code: str) -> Watch:
        watch = self.sessions.setdefault(code, Watch(self.store, code))
        watch.listeners += 1
        if self.told is not None:
            self.told.start()
        if watch.task is None:
            watch.task = asyncio.get_running_loop().create_task(watch.follow(self.told))
        watch.refresh()
        return watch

    def leave(self, watch: Watch) -> None:
        watch.listeners -= 1


async def next_change(watch: Watch, seen: int, timeout: float) -> bool:
    """Wait until the room is past version `seen`; False when the timeout came first."""
    if watch.version > seen:
        return True
    try:
        await asyncio.wait_for(watch.changed.wait(), timeout)
    except TimeoutError:
        return False
    return True
