"""One storage class with a narrow API: every write of the room goes through here.

An answer is acknowledged only after its transaction commits (SQLite in WAL with
synchronous=FULL, or PostgreSQL), and every answer carries an idempotency key with a unique
constraint, so a retried POST returns the original row and stores nothing new.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from palabre import codes, settings
from palabre.exercises import Exercise, RoomState
from palabre.exercises.loader import exercise_from_dict

from .contributions import ContributionStore, _now, _utc
from .follow_ups import FollowUp, FollowUpStore
from .freshness import Freshness
from .records import (
    CHANNELS,
    FOLLOW_UP_STATUSES,
    OPEN_FOLLOW_UPS,
    ROLES,
    Contribution,
    KeyConflict,
    Participant,
    Session,
    SessionSummary,
    Watermark,
)
from .schema import boards, contributions, participants, photos, sessions

__all__ = ["CHANNELS", "FOLLOW_UP_STATUSES", "OPEN_FOLLOW_UPS", "ROLES", "Contribution",
           "FollowUp", "KeyConflict", "Participant", "Session", "SessionSummary", "Store",
           "Watermark", "create_engine", "migrate"]


# The newest answer of a phase and the session's version (phase_mark), built once.
_PHASE_MARK = sa.select(
    sessions.c.version,
    sa.select(sa.func.coalesce(sa.func.max(contributions.c.id), 0))
    .where(contributions.c.session_id == sa.bindparam("session_id"),
           contributions.c.phase_id == sa.bindparam("phase_id"))
    .scalar_subquery().label("last")).where(sessions.c.id == sa.bindparam("session_id"))


@lru_cache(maxsize=256)
def _exercise(snapshot: str) -> Exercise:
    return exercise_from_dict(json.loads(snapshot))


def create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            # SQLAlchemy's recipe for pysqlite: the driver's own transaction handling off,
            # BEGIN emitted below, so SAVEPOINTs (one per answer in a group commit) work.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(connection):
            connection.exec_driver_sql("BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the store to every head. On SQLite, foreign keys are off while the migrations
    run (SQLite's own procedure for changing a table): a batch migration copies a table and
    drops the old one, and with foreign keys on that drop would cascade to every row that
    refers to it (a copy of ``sessions`` would empty every workshop). They are checked once
    the migrations are done, and back on for whatever uses the connection next."""
    config = Config()
    config.set_main_option("script_location", "palabre.store:migrations")
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection
        if sqlite:  # outside any transaction, where SQLite takes it into account
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migrations left rows without their parent: "
                                           f"{broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


class Store(ContributionStore, FollowUpStore):
    def __init__(self, engine: Engine):
        self.engine = engine
        self.fresh = Freshness(engine.url)  # the reads every request repeats, kept

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        engine = create_engine(settings.db_url(url))
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.fresh.close()
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # --- sessions ----------------------------------------------------------------------
    def create_session(self, exercise: Exercise, *, title: str, place: str = "",
                       held_on: str | None = None, facilitator: str = "", lang: str = "fr",
                       forum: str | None = None, code: str | None = None,
                       series: str | None = None) -> Session:
        now = _now()
        for _attempt in range(20):
            candidate = code or codes.new_code()
            try:
                with self.engine.begin() as conn:
                    conn.execute(sessions.insert().values(
                        code=candidate, exercise_id=exercise.id, exercise=exercise.to_dict(),
                        title=title, place=place, held_on=held_on, facilitator=facilitator,
                        lang=lang, forum=forum, series=series,
                        state=RoomState().to_dict(), version=0,
                        created_at=now, updated_at=now))
                return self.session(candidate)
            except IntegrityError:
                if code:
                    raise
        raise RuntimeError("could not find a free session code")

    # Every request reads its session: the format comes back as its stored text, which keys
    # the parsed format's cache, instead of being decoded to a dict and encoded again.
    _SESSION_ROW = sa.select(*(c for c in sessions.c if c.name != "exercise"),
                             sa.cast(sessions.c.exercise, sa.Text).label("exercise_text"))

    def _session_from_row(self, row) -> Session:
        return Session(
            id=row.id, code=row.code,
            exercise=_exercise(row.exercise_text),
            title=row.title, place=row.place, held_on=row.held_on,
            facilitator=row.facilitator, lang=row.lang, forum=row.forum,
            state=RoomState.from_dict(row.state), version=row.version,
            created_at=_utc(row.created_at), series=row.series)

    # Statements every request runs are built once, their parameters bound: a statement
    # built per call costs SQLAlchemy more (its cache key) than SQLite takes to run it.
    _SESSION_BY_CODE = _SESSION_ROW.where(sessions.c.code == sa.bindparam("code"))

    def session(self, code: str) -> Session | None:
        return self.fresh.read(("session", code), lambda: self._read_session(code))

    def _read_session(self, code: str) -> Session | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._SESSION_BY_CODE, {"code": code}).first()
        return self._session_from_row(row) if row else None

    def sessions(self, forum: str | None = None, *,
                 series: str | None = None) -> list[SessionSummary]:
        people = (sa.select(sa.func.count()).where(participants.c.session_id == sessions.c.id)
                  .scalar_subquery())
        answers = (sa.select(sa.func.count()).where(contributions.c.session_id == sessions.c.id,
                                                    contributions.c.hidden.is_(False))
                   .scalar_subquery())
        query = sa.select(sessions.c.code, sessions.c.exercise_id, sessions.c.title,
                          sessions.c.forum, sessions.c.series, sessions.c.created_at,
                          people.label("people"),
                          answers.label("answers")).order_by(sessions.c.created_at.desc())
        if forum is not None:
            query = query.where(sessions.c.forum == forum)
        if series is not None:
            query = query.where(sessions.c.series == series)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [SessionSummary(code=r.code, exercise_id=r.exercise_id, title=r.title,
                               forum=r.forum, participants=r.people, answers=r.answers,
                               created_at=_utc(r.created_at), series=r.series)
                for r in rows]

    def update_state(self, code: str, change: Callable[[Session], RoomState]) -> Session:
        """Read, change and write the room state; concurrent writers retry, none is lost."""
        for _attempt in range(50):
            current = self.session(code)
            if current is None:
                raise KeyError(code)
            new_state = change(current)
            with self.engine.begin() as conn:
                done = conn.execute(
                    sessions.update()
                    .where(sessions.c.id == current.id, sessions.c.version == current.version)
                    .values(state=new_state.to_dict(), version=current.version + 1,
                            updated_at=_now())).rowcount
            if done:
                return self.session(code)
        raise RuntimeError("the session state kept changing under us")

    def update_session(self, code: str, **fields: Any) -> Session:
        """Change descriptive fields (title, place, forum, or the format snapshot)."""
        allowed = {"title", "place", "held_on", "facilitator", "lang", "forum", "series",
                   "exercise"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not a session field: {', '.join(sorted(unknown))}")
        if "exercise" in fields:
            fields["exercise"] = fields["exercise"].to_dict()
        with self.engine.begin() as conn:
            conn.execute(sessions.update().where(sessions.c.code == code).values(
                **fields, version=sessions.c.version + 1, updated_at=_now()))
        return self.session(code)

    # --- participants ------------------------------------------------------------------
    def join(self, session: Session, device_key: str, *, role: str | None = None,
             table: str | None = None, lang: str | None = None,
             channel: str = "phone") -> Participant:
        """One device is one participant: joining again updates the profile, adds nobody.
        A new kiosk person gets the session's next kiosk number (1, 2, 3...)."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        if role is not None and role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if self.participant(session, device_key) is None and self._add_participant(
                session, device_key, role=role, table_label=table, lang=lang, channel=channel):
            return self.participant(session, device_key)
        changes = {k: v for k, v in (("role", role), ("table_label", table), ("lang", lang))
                   if v is not None}
        if changes:
            with self.engine.begin() as conn:
                conn.execute(participants.update().where(
                    participants.c.session_id == session.id,
                    participants.c.device_key == device_key).values(**changes))
        return self.participant(session, device_key)

    def _add_participant(self, session: Session, device_key: str, **values: Any) -> bool:
        """Insert a participant; False when a concurrent request of the same device got in
        first. A kiosk number is taken inside the insert (one statement, so SQLite's write
        lock serialises it); two kiosks starting at once on PostgreSQL may pick the same one,
        and the unique index sends the loser round again for the next."""
        for _attempt in range(20):
            number = None
            if values["channel"] == "kiosk":
                earlier = participants.alias("earlier")
                number = (sa.select(sa.func.coalesce(sa.func.max(earlier.c.kiosk_number), 0) + 1)
                          .where(earlier.c.session_id == session.id).scalar_subquery())
            try:
                with self.engine.begin() as conn:
                    conn.execute(participants.insert().values(
                        session_id=session.id, device_key=device_key, kiosk_number=number,
                        created_at=_now(), **values))
                return True
            except IntegrityError:
                if self.participant(session, device_key) is not None:
                    return False
        raise RuntimeError("could not give the new kiosk person a number")

    def kiosk_participant(self, session: Session, number: int) -> Participant | None:
        """The kiosk person of this session who was given this number, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(participants.select().where(
                participants.c.session_id == session.id, participants.c.channel == "kiosk",
                participants.c.kiosk_number == number)).first()
        return self._participant(row) if row else None

    _PARTICIPANT_BY_DEVICE = participants.select().where(
        participants.c.session_id == sa.bindparam("session_id"),
        participants.c.device_key == sa.bindparam("device_key"))

    def participant(self, session: Session, device_key: str) -> Participant | None:
        return self.fresh.read(("participant", session.id, device_key),
                               lambda: self._read_participant(session.id, device_key))

    def _read_participant(self, session_id: int, device_key: str) -> Participant | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._PARTICIPANT_BY_DEVICE,
                               {"session_id": session_id, "device_key": device_key}).first()
        return self._participant(row) if row else None

    def participants(self, session: Session) -> list[Participant]:
        with self.engine.connect() as conn:
            rows = conn.execute(participants.select().where(
                participants.c.session_id == session.id).order_by(participants.c.id)).all()
        return [self._participant(r) for r in rows]

    @staticmethod
    def _participant(row) -> Participant:
        return Participant(id=row.id, session_id=row.session_id, device_key=row.device_key,
                           role=row.role, table=row.table_label, lang=row.lang,
                           channel=row.channel, kiosk_number=row.kiosk_number,
                           created_at=_utc(row.created_at))

    # --- boards ------------------------------------------------------------------------
    def board(self, session: Session, name: str) -> dict[str, Any]:
        """What the facilitator arranged under this name (empty until first set): a copy of
        its own for each caller, who may change it."""
        return copy.deepcopy(self.fresh.read(("board", session.id, name),
                                             lambda: self._read_board(session.id, name)))

    _BOARD = sa.select(boards.c.data).where(boards.c.session_id == sa.bindparam("session_id"),
                                            boards.c.name == sa.bindparam("name"))

    def _read_board(self, session_id: int, name: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            data = conn.execute(self._BOARD, {"session_id": session_id, "name": name}).scalar()
        return dict(data) if data else {}

    def update_board(self, session: Session, name: str,
                     change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read, change and write a board; concurrent writers retry, none is lost."""
        for _attempt in range(50):
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(boards.c.data, boards.c.version).where(
                    boards.c.session_id == session.id, boards.c.name == name)).first()
            current = dict(row.data) if row else {}
            new = change(dict(current))
            try:
                with self.engine.begin() as conn:
                    if row is None:
                        conn.execute(boards.insert().values(
                            session_id=session.id, name=name, data=new, version=1,
                            updated_at=_now()))
                        done = 1
                    else:
                        done = conn.execute(boards.update().where(
                            boards.c.session_id == session.id, boards.c.name == name,
                            boards.c.version == row.version).values(
                            data=new, version=row.version + 1, updated_at=_now())).rowcount
                    if done:
                        self._touch(conn, session)
            except IntegrityError:
                done = 0  # another writer created it first: read again
            if done:
                return new
        raise RuntimeError("the board kept changing under us")

    # --- photos ------------------------------------------------------------------------
    def add_photo(self, session: Session, data: bytes, *, width: int, height: int,
                  mime: str = "image/jpeg") -> int:
        """Store a cleaned photo once; the same picture sent twice is one row."""
        digest = hashlib.sha256(data).hexdigest()
        try:
            with self.engine.begin() as conn:
                return conn.execute(photos.insert().values(
                    session_id=session.id, sha256=digest, mime=mime, width=width,
                    height=height, data=data, created_at=_now())).inserted_primary_key[0]
        except IntegrityError:
            with self.engine.connect() as conn:
                return conn.execute(sa.select(photos.c.id).where(
                    photos.c.session_id == session.id, photos.c.sha256 == digest)).scalar_one()

    def photo(self, session: Session, photo_id: int) -> tuple[bytes, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(photos.c.data, photos.c.mime).where(
                photos.c.session_id == session.id, photos.c.id == photo_id)).first()
        return (bytes(row.data), row.mime) if row else None

    def session_version(self, code: str) -> int | None:
        """The one number that moves with every change of the room (phase, clock, boards):
        what open phones are told to follow, whichever process made the change. Read with
        the session (kept while nothing changed), which the state sent next needs anyway."""
        session = self.session(code)
        return session.version if session is not None else None

    def phase_mark(self, session: Session, phase_id: str) -> tuple[int, int]:
        """The session's version now and the newest answer of one phase (0: none): every
        hiding, merging and board change moves the version, so together they say whether
        what a phase holds changed, in one cheap query."""
        return self.fresh.read(("mark", session.id, phase_id),
                               lambda: self._read_phase_mark(session.id, phase_id))

    def _read_phase_mark(self, session_id: int, phase_id: str) -> tuple[int, int]:
        with self.engine.connect() as conn:
            row = conn.execute(_PHASE_MARK,
                               {"session_id": session_id, "phase_id": phase_id}).one()
        return row.version, row.last

    def watermark(self, session: Session) -> Watermark:
        """One cheap query the projector runs twice a second."""
        last_id = (sa.select(sa.func.coalesce(sa.func.max(contributions.c.id), 0))
                   .where(contributions.c.session_id == session.id).scalar_subquery())
        people = (sa.select(sa.func.count()).where(participants.c.session_id == session.id)
                  .scalar_subquery())
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sessions.c.version, last_id.label("last_id"),
                                         people.label("people"))
                               .where(sessions.c.id == session.id)).one()
        return Watermark(version=row.version, last_id=row.last_id, participants=row.people)
