"""Answers in the store: written in one path (alone or in a group commit), numbered in their
workshop, read back, moderated (hidden, corrected, merged). A store mixin, so the store's one
narrow API keeps every write while each file stays short.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .records import CHANNELS, Contribution, KeyConflict, Participant, Session
from .schema import contributions, participants, sessions

_NUMBERS_LOCK = 0x7061_6C61  # "pala": the advisory locks that number a workshop's answers


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# One statement, built once (an alias built per answer cost more than the insert itself):
# the answer's number is the workshop's next, taken inside the insert.
_EARLIER = contributions.alias("earlier")
_NEXT_NUMBER = (sa.select(sa.func.coalesce(sa.func.max(_EARLIER.c.number), 0) + 1)
                .where(_EARLIER.c.session_id == sa.bindparam("numbered")).scalar_subquery())
_INSERT = (contributions.insert().values(number=_NEXT_NUMBER)
           .returning(contributions.c.id, contributions.c.number))
# A batch in one executemany (SQLite runs the statement row after row, each numbered after
# the one before), then its ids and numbers read back by key in one query.
_INSERT_MANY = contributions.insert().values(number=_NEXT_NUMBER)
_WRITTEN = sa.select(contributions.c.idempotency_key, contributions.c.id,
                     contributions.c.number).where(
    contributions.c.session_id == sa.bindparam("session_id"),
    contributions.c.idempotency_key.in_(sa.bindparam("keys", expanding=True)))


class ContributionStore:
    engine: Engine

    def contribute(self, session: Session, *, participant: Participant | None, phase_id: str,
                   kind: str, body: dict[str, Any], text: str | None, key: str,
                   channel: str = "phone") -> tuple[Contribution, bool]:
        """Store one answer; returns (row, created). A replayed key returns the first row."""
        [result] = self.contribute_many([{
            "session": session, "participant": participant, "phase_id": phase_id,
            "kind": kind, "body": body, "text": text, "key": key, "channel": channel}])
        if isinstance(result, Exception):
            raise result
        return result

    def contribute_many(self, answers: list[dict[str, Any]]
                        ) -> list[tuple[Contribution, bool] | Exception]:
        """Store answers that arrived together in ONE transaction: one flush to disk for all.

        Each answer is a dict of contribute()'s arguments. Each gets its own SAVEPOINT, so a
        replayed key or a bad row fails alone; results come back in order, an Exception in
        place of a failed answer: ValueError for an unknown channel, KeyConflict for a key
        another participant used. Nothing is acknowledged before the one commit returns."""
        now = _now()
        with self.engine.begin() as conn:
            self._take_turns(conn, answers)
            done = self._insert_together(conn, answers, now)
            if done is None:
                done = [self._insert_one(conn, answer, now) for answer in answers]
        return [self._replayed(answer, result) if isinstance(result, IntegrityError) else result
                for answer, result in zip(answers, done, strict=True)]

    def _insert_together(self, conn, answers: list[dict[str, Any]], now: datetime
                         ) -> list[tuple[Contribution, bool]] | None:
        """The whole batch in one statement, on SQLite (its one writer numbers the rows in
        turn): a tenth of the cost of a SAVEPOINT and an insert per answer. None, and nothing
        written, when one answer would fail (a replayed key, an unknown channel): then each
        goes alone, so that one fails without the others."""
        if conn.dialect.name != "sqlite" or len(answers) < 2 or any(
                answer.get("channel", "phone") not in CHANNELS for answer in answers):
            return None
        rows = [self._row(answer, now) for answer in answers]
        try:
            with conn.begin_nested():
                conn.execute(_INSERT_MANY, rows)
                written: dict[tuple[int, str], tuple[int, int]] = {}
                for session_id in {row["session_id"] for row in rows}:
                    keys = [row["idempotency_key"] for row in rows
                            if row["session_id"] == session_id]
                    for key, new_id, number in conn.execute(
                            _WRITTEN, {"session_id": session_id, "keys": keys}):
                        written[session_id, key] = new_id, number
        except IntegrityError:
            return None
        return [(self._written(answer, row, *written[row["session_id"], row["idempotency_key"]]),
                 True) for answer, row in zip(answers, rows, strict=True)]

    @staticmethod
    def _row(answer: dict[str, Any], now: datetime) -> dict[str, Any]:
        """The insert's parameters for one answer (its number is taken by the statement)."""
        session, participant = answer["session"], answer.get("participant")
        return {"session_id": session.id, "numbered": session.id,
                "participant_id": participant.id if participant else None,
                "idempotency_key": answer["key"], "hidden": False, "created_at": now,
                "phase_id": answer["phase_id"], "kind": answer["kind"], "body": answer["body"],
                "text": answer["text"], "channel": answer.get("channel", "phone")}

    @staticmethod
    def _written(answer: dict[str, Any], row: dict[str, Any], new_id: int, number: int
                 ) -> Contribution:
        """The stored answer, built from what was written rather than read back."""
        participant = answer.get("participant")
        return Contribution(id=new_id, session_id=row["session_id"],
                            participant_id=row["participant_id"], key=row["idempotency_key"],
                            hidden=False, created_at=row["created_at"], number=number,
                            role=participant.role if participant else None,
                            table=participant.table if participant else None,
                            phase_id=row["phase_id"], kind=row["kind"], body=row["body"],
                            text=row["text"], channel=row["channel"])

    @staticmethod
    def _take_turns(conn, answers: list[dict[str, Any]]) -> None:
        """On PostgreSQL, the servers sharing a store number a workshop's answers in turn: a
        lock per workshop until this transaction ends (taken in one order, so none waits for
        another in a circle). Without it two servers' batches take the same next numbers and
        go round again, answer after answer, until some are refused. SQLite has one writer."""
        if conn.dialect.name != "postgresql":
            return
        for session_id in sorted({answer["session"].id for answer in answers}):
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:space, :id)"),
                         {"space": _NUMBERS_LOCK, "id": session_id})

    def _insert_one(self, conn, answer: dict[str, Any], now: datetime
                    ) -> tuple[Contribution, bool] | Exception:
        """One answer in its own SAVEPOINT. A refusal by the unique number (two PostgreSQL
        transactions took the same next number) goes round again for the next one; a refusal
        by the key is a replay, resolved after the commit."""
        for _attempt in range(20):
            try:
                with conn.begin_nested():
                    return self._insert_contribution(conn, answer, now), True
            except ValueError as error:
                return error
            except IntegrityError as error:
                if "uq_contribution_number" not in str(error.orig):
                    return error
        raise RuntimeError("could not give the answer a number")

    def _insert_contribution(self, conn, answer: dict[str, Any], now: datetime
                             ) -> Contribution:
        """Insert one answer; the row is built from what was written, not read back (one
        statement less per answer). Its number is taken inside the insert."""
        channel = answer.get("channel", "phone")
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        row = self._row(answer, now)
        new_id, new_number = conn.execute(_INSERT, row).one()
        return self._written(answer, row, new_id, new_number)

    def _replayed(self, answer: dict[str, Any], error: IntegrityError
                  ) -> tuple[Contribution, bool] | Exception:
        """An insert refused by a constraint: the first row for a replayed key, KeyConflict
        when another participant used that key, else the database's own error."""
        existing = self.contribution_by_key(answer["session"], answer["key"])
        if existing is None:
            return error
        participant = answer.get("participant")
        if existing.participant_id != (participant.id if participant else None):
            return KeyConflict(answer["key"])
        return existing, False

    def _contribution_query(self):
        return (sa.select(contributions, participants.c.role, participants.c.table_label)
                .select_from(contributions.outerjoin(
                    participants, participants.c.id == contributions.c.participant_id)))

    @staticmethod
    def _contribution(row) -> Contribution:
        return Contribution(
            id=row.id, session_id=row.session_id, participant_id=row.participant_id,
            phase_id=row.phase_id, kind=row.kind, body=row.body, text=row.text,
            channel=row.channel, key=row.idempotency_key, hidden=row.hidden,
            created_at=_utc(row.created_at), number=row.number, role=row.role,
            table=row.table_label)

    def contribution(self, session: Session, contribution_id: int) -> Contribution | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._contribution_query().where(
                contributions.c.session_id == session.id,
                contributions.c.id == contribution_id)).first()
        return self._contribution(row) if row else None

    def contribution_by_number(self, session: Session, number: int) -> Contribution | None:
        """The answer a person names by the short number they see (wall, paper, exports)."""
        with self.engine.connect() as conn:
            row = conn.execute(self._contribution_query().where(
                contributions.c.session_id == session.id,
                contributions.c.number == number)).first()
        return self._contribution(row) if row else None

    def contribution_by_key(self, session: Session, key: str) -> Contribution | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._contribution_query().where(
                contributions.c.session_id == session.id,
                contributions.c.idempotency_key == key)).first()
        return self._contribution(row) if row else None

    def contributions(self, session: Session, phase_id: str | None = None, *,
                      since_id: int = 0, include_hidden: bool = False,
                      participant: Participant | None = None) -> list[Contribution]:
        query = self._contribution_query().where(contributions.c.session_id == session.id,
                                                 contributions.c.id > since_id)
        if phase_id is not None:
            query = query.where(contributions.c.phase_id == phase_id)
        if not include_hidden:
            query = query.where(contributions.c.hidden.is_(False))
        if participant is not None:
            query = query.where(contributions.c.participant_id == participant.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(contributions.c.id)).all()
        return [self._contribution(r) for r in rows]

    def count(self, session: Session, phase_id: str, participant: Participant) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).where(
                contributions.c.session_id == session.id,
                contributions.c.phase_id == phase_id,
                contributions.c.participant_id == participant.id)).scalar_one()

    def set_hidden(self, session: Session, contribution_id: int, hidden: bool) -> None:
        """Moderation: hidden answers stay in the raw data, flagged, and count nowhere."""
        with self.engine.begin() as conn:
            conn.execute(contributions.update().where(
                contributions.c.session_id == session.id,
                contributions.c.id == contribution_id).values(hidden=hidden))
            self._touch(conn, session)

    def edit_text(self, session: Session, contribution_id: int, new_text: str) -> Contribution:
        """Moderation: correct a typo. The participant's own words stay in the raw data."""
        current = self.contribution(session, contribution_id)
        if current is None or current.text is None:
            raise KeyError(contribution_id)
        body = dict(current.body)
        body.setdefault("original_text", current.text)
        body["text"] = new_text
        with self.engine.begin() as conn:
            conn.execute(contributions.update().where(
                contributions.c.id == current.id).values(text=new_text, body=body))
            self._touch(conn, session)
        return self.contribution(session, contribution_id)

    def merge(self, session: Session, keep_id: int, duplicate_ids: list[int]) -> None:
        """Moderation: fold duplicates into one item. They are hidden, flagged with the item
        they joined, and their dots count for it."""
        with self.engine.begin() as conn:
            for duplicate_id in duplicate_ids:
                if duplicate_id == keep_id:
                    continue
                row = conn.execute(contributions.select().where(
                    contributions.c.session_id == session.id,
                    contributions.c.id == duplicate_id)).first()
                if row is None:
                    raise KeyError(duplicate_id)
                conn.execute(contributions.update().where(contributions.c.id == row.id).values(
                    hidden=True, body={**row.body, "merged_into": keep_id}))
            self._touch(conn, session)

    @staticmethod
    def _touch(conn, session: Session) -> None:
        conn.execute(sessions.update().where(sessions.c.id == session.id).values(
            version=sessions.c.version + 1, updated_at=_now()))
