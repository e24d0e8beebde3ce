"""Reads every request repeats (its session, its participant, a phase's mark, the boards),
kept for as long as the store is unchanged.

A room of 1,000 phones voting at once reads the same session a thousand times in a second.
SQLite says in a microsecond whether anything was committed since a read: PRAGMA
data_version, asked on a connection of its own that never writes, moves with every commit of
any other connection, this server's (the group commit, the console's API) or another
process's (a dashboard's kernel). What was read under the same value is still what the file
holds and is returned without a query; the first read after a change goes to the store.
PostgreSQL has no such counter: there every read goes to the store, as before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable
from typing import Any

import sqlalchemy as sa

_MISSING = object()
MAX_KEPT = 4096  # past this many reads under one value, start again (many rooms, one file)


class Freshness:
    def __init__(self, url: sa.engine.URL):
        self._path = _sqlite_file(url)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._kept: dict[Hashable, Any] = {}

    @property
    def counted(self) -> bool:
        """Whether this store has a change counter: then a read of what did not change costs
        a microsecond, and can be asked often."""
        return self._path is not None

    def read(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """What load() returns, from what was kept under `key` while nothing changed."""
        if self._path is None:
            return load()
        with self._lock:
            seen = self._check()
            found = self._kept.get(key, _MISSING) if seen is not None else _MISSING
        if found is not _MISSING:
            return found
        if seen is None:  # the counter could not be read: read the store, keep nothing
            return load()
        # Read after the counter: a commit in between makes the kept value newer than the
        # counter says, and the next request, seeing the counter move, reads again.
        value = load()
        with self._lock:
            if self._seen == seen:
                if len(self._kept) >= MAX_KEPT:
                    self._kept.clear()
                self._kept[key] = value
        return value

    def _check(self) -> int | None:
        """The counter now, what was kept under another value dropped; None when SQLite could
        not say at once (busy: a request never waits for a cache)."""
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self._path, isolation_level=None, timeout=0,
                                             check_same_thread=False)
            value = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            value = None
        if value is None or value != self._seen:
            self._kept.clear()
            self._seen = value
        return value

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._kept.clear()
            self._seen = None


def _sqlite_file(url: sa.engine.URL) -> str | None:
    """The file of an SQLite store, or None where there is no counter to ask: PostgreSQL, an
    in-memory database (each connection its own), a URL with options of its own."""
    if url.get_backend_name() != "sqlite" or url.query:
        return None
    if not url.database or url.database == ":memory:":
        return None
    return url.database
