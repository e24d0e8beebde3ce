"""`palabre archive`: one workshop of a store written to one file, reading the store only.

Everything is read in one read transaction (a snapshot on SQLite's WAL, REPEATABLE READ on
PostgreSQL), so an archive made while the room still runs is one consistent moment of it.
No network is used: the laptop stays offline.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from palabre import __version__
from palabre.exercises.messages import N_
from palabre.store import Store
from palabre.store.schema import sessions

from . import container, tables
from .container import ArchiveRefused


@dataclass(frozen=True)
class Written:
    """What an archive holds, for the person who made it."""

    path: Path
    code: str
    rows: dict[str, int]  # table -> rows carried
    size: int  # bytes of the file
    sha256: str  # of the whole file, to compare after copying it


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _extension(row: dict) -> str:
    return mimetypes.guess_extension(row.get("mime") or "") or ".bin"


def write_archive(store: Store, code: str, out: Path) -> Written:
    out = Path(out)
    if out.is_dir():
        raise ArchiveRefused(N_("{path} is a folder: give the archive's file name, for instance "
                                "{path}/{code}.palabre.zip"), path=out, code=code)
    if not out.parent.is_dir():
        raise ArchiveRefused(N_("The folder {path} does not exist."), path=out.parent)
    partial = out.with_name(out.name + ".part")
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            row = conn.execute(sessions.select().where(sessions.c.code == code)).mappings().first()
            if row is None:
                raise ArchiveRefused(N_("No workshop with the code {code} in this store."),
                                     code=code)
            writer = container.Writer(partial)
            try:
                rows = _write_tables(conn, writer, row)
                writer.close({"palabre": __version__, "written_at": datetime.now(UTC).isoformat(),
                              "workshop": {"uid": row["uid"], "code": code,
                                           "title": row["title"]},
                              "rows": rows})
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    partial.replace(out)  # never a half-written file under the name the person gave
    return Written(path=out, code=code, rows=rows, size=out.stat().st_size,
                   sha256=_file_digest(out))


def _write_tables(conn, writer: container.Writer, session_row) -> dict[str, int]:
    session_id = session_row["id"]
    others: dict[int, str] = {}  # other sessions some row points at: id -> uid
    rows_of: dict[str, int] = {}
    for table in tables.carried_tables():
        blobs = tables.binary_columns(table)
        session_fks = tables.other_sessions(table)
        found = []
        for row in conn.execute(table.select().where(table.c.session_id == session_id)
                                .order_by(*table.primary_key.columns)).mappings():
            row = dict(row)
            for name in blobs:
                data = bytes(row[name])
                member = f"{table.name}/{container.digest(data)}{_extension(row)}"
                if member not in writer.members:
                    writer.add(member, data, compress=False)
                row[name] = member
            for name in session_fks:
                if row[name] is not None and row[name] != session_id:
                    others[row[name]] = ""
            found.append(tables.encode(table, row))
        writer.add(f"{table.name}.jsonl", container.jsonl(found))
        rows_of[table.name] = len(found)
    if others:
        for other_id, uid in conn.execute(sa.select(sessions.c.id, sessions.c.uid)
                                          .where(sessions.c.id.in_(others))):
            others[other_id] = uid
    session = tables.encode(sessions, dict(session_row))
    session["others"] = {str(k): v for k, v in others.items()}  # other sessions, by uid
    writer.add(container.SESSION, container.jsonl([session]).rstrip(b"\n"))
    return rows_of
