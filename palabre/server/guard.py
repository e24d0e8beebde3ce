"""What keeps a server safe from its own network: the token out of the logs,
connections that cannot be held open by a slow client, and one server per SQLite store.

The server token is the facilitator's key; tornado logs the full address of a failed request,
so every log line is scrubbed of it. An SQLite file takes one writer at a time and its server
keeps its rate limits in memory: a second server on it is refused with a line saying why.
Several servers may share a PostgreSQL store: their limits are counted in it
(palabre.store.counters) and a change made through one is told to the others
(palabre.server.live).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from palabre import i18n, settings
from palabre.exercises.messages import N_

# How long a connection may wait for the headers of its next request (keep-alive), and for a
# body once its headers came, on every route; palabre's own routes set a shorter body timeout.
IDLE_TIMEOUT_S = 75
BODY_TIMEOUT_S = 60
# Bodies on other routes (Voilà, jupyter_server's API, token needed): tornado's own cap, checked
# from Content-Length before anything is read. palabre's routes stream and cap their own.
SERVER_MAX_BODY = 16 * 1024 * 1024

_SECRET = re.compile(r"((?:token|_xsrf)=)[^&\s'\"]+", re.IGNORECASE)


def scrub(text: str) -> str:
    """The text with every token=... (and _xsrf=...) value replaced."""
    return _SECRET.sub(r"\1[secret]", text)


class ScrubSecrets(logging.Filter):
    """Rewrites a log record whose message carries a token."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record is logged as it is
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


LOGGERS = ("tornado.access", "tornado.application", "tornado.general")


def scrub_logs(*loggers: logging.Logger) -> None:
    """Install the filter on tornado's loggers and the given ones (the server's own)."""
    for logger in (*(logging.getLogger(name) for name in LOGGERS), *loggers):
        if not any(isinstance(f, ScrubSecrets) for f in logger.filters):
            logger.addFilter(ScrubSecrets())


def bound_connections(http_server: Any) -> None:
    """Shorter idle and body timeouts than tornado's (an hour, and none), for every new
    connection: 200 connections trickling one byte a second are let go, not held."""
    params = http_server.conn_params
    params.header_timeout = IDLE_TIMEOUT_S
    params.body_timeout = BODY_TIMEOUT_S


# --- one server per SQLite store --------------------------------------------------------
STORE_IN_USE = N_("Another palabre server is already running on this store ({store}). Stop "
                  "it first (Ctrl+C in its terminal), or start this one with another --db.")


class StoreInUse(RuntimeError):
    pass


class StoreLock:
    """Held for the life of the server: an exclusive lock on a file next to an SQLite store,
    gone when the process is, even on SIGKILL. A PostgreSQL store takes no lock: its servers
    share it."""

    def __init__(self, db_url: str):
        url = sa.engine.make_url(db_url)
        self.url = db_url
        self._file = None
        if (url.get_backend_name() == "sqlite" and url.database
                and url.database != ":memory:"):
            self._lock_file(Path(url.database).with_name(Path(url.database).name + ".lock"))

    def _lock_file(self, path: Path) -> None:
        try:
            import fcntl
        except ImportError:  # no flock here: a second server is not detected
            return
        path.parent.mkdir(parents=True, exist_ok=True)  # a first run: the store's folder too
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise StoreInUse(str(path.with_suffix(""))) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        _HELD.pop(self.url, None)


_HELD: dict[str, StoreLock] = {}  # by URL: `palabre start` takes it, its server keeps it


def hold_store(db_url: str) -> StoreLock:
    """The store's lock, or exit with one clear line in the facilitator's language: a second
    server on the same SQLite file must not run beside the first. Taken once per process, before
    anything is written (`palabre start` creates its workshop after), then kept."""
    if db_url in _HELD:
        return _HELD[db_url]
    try:
        lock = _HELD[db_url] = StoreLock(db_url)
        return lock
    except StoreInUse as error:
        t = i18n.Translator(str(settings.get("lang")))
        print(f"palabre: {t(STORE_IN_USE, store=str(error))}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
