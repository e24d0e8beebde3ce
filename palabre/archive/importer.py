"""`palabre import`: a workshop's archive added to another store, in one transaction.

The workshop is known by its uid, never by its code: a code is unique in one store only. A
workshop seen for the first time keeps its code when it is free here, else gets a new one
(and a later archive of it goes to that same workshop, whatever its code). Rows are known by
what names them in every store (a device key, an answer's idempotency key, a photo's digest,
a board's name; the whole content for rows only ever added, like follow-ups), so importing the
same archive twice adds nothing, and a later archive adds what is new and carries what
changed (a hidden or merged answer, a corrected text, a board's newer version). Store ids are
given by this store; every id the rows hold, in columns or inside JSON, is remapped.

The archive is read and every digest checked before the store is touched; anything refused
after that rolls the whole transaction back: nothing is half-imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DataError, IntegrityError

from palabre import codes
from palabre.exercises.messages import N_
from palabre.store import Store
from palabre.store.schema import sessions

from . import container, tables
from .container import ArchiveRefused

# Session columns an import never takes from an archive: this store's own, or its identity.
_SESSION_OWN = {"id", "uid", "code", "version", "created_at", "updated_at", "imported_version"}


@dataclass(frozen=True)
class Imported:
    """What an import did, for the person who ran it."""

    code: str  # the workshop's code in this store
    archived_code: str  # its code in the archive
    new: bool  # first import of this workshop into this store
    added: dict[str, int] = field(default_factory=dict)  # table -> rows added
    changed: dict[str, int] = field(default_factory=dict)  # table -> rows changed
    session_changed: bool = False  # its title, format, room state... changed
    older: bool = False  # older than an archive imported before: only what was missing added

    @property
    def renamed(self) -> bool:
        return self.code != self.archived_code

    @property
    def nothing_new(self) -> bool:
        return not (self.new or any(self.added.values()) or any(self.changed.values())
                    or self.session_changed)


def import_archive(store: Store, path: Path) -> Imported:
    archive = container.read(Path(path))
    try:
        with store.engine.begin() as conn:
            return _Import(conn, archive).run()
    except (IntegrityError, DataError) as error:  # the store said no: all rolled back
        reason = str(error.orig).strip().splitlines()[0]
        raise ArchiveRefused(N_("{path} was not imported: it conflicts with what this store "
                                "holds ({reason}). Nothing was added."),
                             path=path, reason=reason) from None


def _as_id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class _Import:
    def __init__(self, conn, archive: container.Archive):
        self.conn, self.archive = conn, archive
        self.ids: dict[str, dict[int, int]] = {}  # table -> archive id -> id in this store
        self.session_id = 0
        self.others: dict[int, int | None] = {}  # another session, archive id -> id here
        self.lookups = {table.name: self.lookup(table.name)
                        for table in tables.carried_tables()}

    def lookup(self, table: str):
        found = self.ids.setdefault(table, {})
        return lambda value: found.get(_as_id(value))

    def session_lookup(self, value: Any) -> int | None:
        value = _as_id(value)
        if value is None:
            return None
        if value == self.archive.session["id"]:
            return self.session_id
        return self.others.get(value)

    # --- the session ------------------------------------------------------------------
    def run(self) -> Imported:
        row = self.conn.execute(sessions.select().where(
            sessions.c.uid == self.archive.uid)).mappings().first()
        values = tables.decode(sessions, self.archive.session)
        archived = int(self.archive.session.get("version") or 0)
        self.older = False
        if row is None:
            code = self._free_code(self.archive.code)
            values = {**{k: v for k, v in values.items() if k != "id"}, "code": code,
                      "imported_version": archived}
            self.session_id = self.conn.execute(sessions.insert().values(**values)
                                                .returning(sessions.c.id)).scalar_one()
            new, session_changed = True, False
        else:
            code, new, self.session_id = row["code"], False, row["id"]
            # An archive older than one imported before adds what this store lacks and
            # changes nothing the newer one brought (a hidden answer, a board, the state).
            self.older = (row["imported_version"] is not None
                          and archived < row["imported_version"])
            session_changed = False if self.older else self._update_session(row, values)
            if not self.older and row["imported_version"] != archived:
                self.conn.execute(sessions.update().where(sessions.c.id == self.session_id)
                                  .values(imported_version=archived))
        self._resolve_other_sessions()
        added, changed = {}, {}
        passes = {table.name: self._add_rows(table) for table in tables.carried_tables()}
        for table in tables.carried_tables():
            fresh, kept, before, inserted = passes[table.name]
            added[table.name] = fresh
            changed[table.name] = self._carry_changes(table, kept, before, inserted)
        if not new and (any(added.values()) or any(changed.values()) or session_changed):
            self.conn.execute(sessions.update().where(sessions.c.id == self.session_id)
                              .values(version=sessions.c.version + 1,
                                      updated_at=datetime.now(UTC)))
        return Imported(code=code, archived_code=self.archive.code, new=new, added=added,
                        changed=changed, session_changed=session_changed, older=self.older)

    def _free_code(self, wanted: str) -> str:
        taken = sa.select(sessions.c.id).where(sessions.c.code == sa.bindparam("code"))
        candidate = wanted
        while self.conn.execute(taken, {"code": candidate}).first() is not None:
            candidate = codes.new_code()
        return candidate

    def _update_session(self, row, values: dict[str, Any]) -> bool:
        """The archive's title, format, room state...; a forum this store gave the workshop
        stays (the organiser may group it here before the laptop's next archive)."""
        names = [n for n in values if n not in _SESSION_OWN]
        if row["forum"] is not None:
            names = [n for n in names if n != "forum"]
        wanted = tables.comparable(sessions, values, names)
        have = tables.comparable(sessions, dict(row), names)
        changes = {n: values[n] for n, a, b in zip(names, wanted, have, strict=True) if a != b}
        if changes:
            self.conn.execute(sessions.update().where(sessions.c.id == self.session_id)
                              .values(**changes))
        return bool(changes)

    def _resolve_other_sessions(self) -> None:
        others = {int(k): v for k, v in (self.archive.session.get("others") or {}).items()}
        here = dict(self.conn.execute(sa.select(sessions.c.uid, sessions.c.id).where(
            sessions.c.uid.in_(list(others.values())))).all()) if others else {}
        self.others = {archive_id: here.get(uid) for archive_id, uid in others.items()}

    # --- rows -------------------------------------------------------------------------
    def _values(self, table: sa.Table, archived: dict[str, Any]) -> dict[str, Any]:
        """An archived row as this store's row: ids remapped, binary values read back."""
        values = tables.decode(table, archived)
        values.pop("id", None)
        values["session_id"] = self.session_id
        for fk in table.foreign_keys:
            name = fk.parent.name
            if name == "session_id" or name not in values:
                continue
            if fk.column.table is sessions:
                values[name] = self.session_lookup(values[name])
            else:
                values[name] = self.lookup(fk.column.table.name)(values[name])
        for name in tables.binary_columns(table):
            if values.get(name) is not None:
                values[name] = self.archive.blobs[values[name]]
        for (table_name, column), rewrite in tables.JSON_REFERENCES.items():
            if table_name == table.name and values.get(column) is not None:
                values[column] = rewrite({**values, column: archived[column]}, self.lookups)
        return values

    def _add_rows(self, table: sa.Table) -> tuple[int, list, dict, dict]:
        """Insert the rows this store lacks; returns how many, the archived rows (for the
        second pass), this store's rows before the import and the rows inserted, by id."""
        before = {row["id"]: dict(row) for row in self.conn.execute(
            table.select().where(table.c.session_id == self.session_id)).mappings()}
        named_by = tables.identity(table)
        known = {tables.comparable(table, row, named_by): rid for rid, row in before.items()}
        ids = self.ids.setdefault(table.name, {})
        fresh: list[tuple[int, dict]] = []
        kept, inserted = [], {}
        for archived in self.archive.tables.get(table.name, []):
            values = self._values(table, archived)
            name = tables.comparable(table, values, named_by)
            if name not in known:
                known[name] = None  # a row twice in one file is added once
                fresh.append((archived["id"], values))
            elif known[name] is not None:
                ids.setdefault(archived["id"], known[name])
            kept.append(archived)
        if fresh:
            new_ids = self.conn.execute(
                table.insert().returning(table.c.id, sort_by_parameter_order=True),
                [values for _id, values in fresh]).scalars().all()
            for (archive_id, values), new_id in zip(fresh, new_ids, strict=True):
                ids[archive_id] = new_id
                inserted[new_id] = values
        return len(fresh), kept, before, inserted

    def _carry_changes(self, table: sa.Table, kept: list, before: dict[int, dict],
                       inserted: dict[int, dict]) -> int:
        """Second pass, every id now known: JSON holding ids is rewritten in full, and what
        changed since the last import (hidden, merged, corrected, a newer board) is carried.
        Returns how many rows this store had already and were changed."""
        names = [c.name for c in table.c
                 if c.name not in {"id", "session_id", *tables.identity(table)}]
        ids = self.ids[table.name]
        changed = 0
        for archived in kept:
            target = ids.get(archived["id"])
            if target is None:
                continue
            values = self._values(table, archived)
            existed = target in before
            if existed and self.older:
                continue  # a newer archive brought this row as it is now
            have = before[target] if existed else inserted[target]
            if existed and "version" in names and (have.get("version") or 0) > (
                    values.get("version") or 0):
                continue  # this store's copy is newer: it stays
            wanted = tables.comparable(table, values, names)
            current = tables.comparable(table, have, names)
            changes = {n: values[n] for n, a, b in zip(names, wanted, current, strict=True)
                       if a != b}
            if changes:
                self.conn.execute(table.update().where(table.c.id == target).values(**changes))
                changed += existed
        return changed
