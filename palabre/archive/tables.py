"""What of a store belongs to one workshop, and how its rows are written down and read back.

Every table of ``palabre.store.schema.metadata`` with a ``session_id`` column belongs to a
workshop and is carried, found from the metadata, so a table added by a later migration
travels without new code. A carried table's foreign keys may point at the session, at another
session (written as that session's uid), or at another carried table (remapped on import). A
table that points at something no workshop owns (a campaign) is store organisation, not the
workshop: it is named in ``NOT_CARRIED`` with its reason, and a test fails on any session
table that is neither carried nor named there.

Store ids also hide inside JSON: an answer's body (a merge, an inversion, a photo, a ballot's
dots) and the facilitator's boards (``palabre.boards.carried``). ``JSON_REFERENCES`` names the
one function that rewrites each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from palabre import boards
from palabre.store.schema import metadata, sessions

# Tables with a session_id that are not part of the workshop itself, and why.
NOT_CARRIED = {
    "campaign_members": "how the central store groups workshops into a campaign, not the "
                        "workshop's own content",
}

Lookup = Callable[[Any], int | None]  # an id in the archive -> its id in this store, or None


def carried_tables() -> list[sa.Table]:
    """The workshop's tables, each after the tables it points at."""
    names = {sessions.name}
    found = []
    for table in metadata.sorted_tables:
        if table.name in NOT_CARRIED or "session_id" not in table.c or table is sessions:
            continue
        if {fk.column.table.name for fk in table.foreign_keys} <= names | {table.name}:
            found.append(table)
            names.add(table.name)
    return found


def natural_key(table: sa.Table) -> tuple[str, ...] | None:
    """What names a row within its workshop in every store (a device key, an answer's
    idempotency key, a photo's digest, a board's name): the table's unique constraint on the
    session. None for a table whose rows are only ever added (follow-ups): a row is then known
    by its whole content."""
    for constraint in sorted(table.constraints, key=lambda c: c.name or ""):
        if isinstance(constraint, sa.UniqueConstraint):
            columns = tuple(c.name for c in constraint.columns)
            if "session_id" in columns and len(columns) > 1:
                return tuple(c for c in columns if c != "session_id")
    return None


def other_sessions(table: sa.Table) -> list[str]:
    """Columns pointing at another workshop (a follow-up decided in a later session of its
    series): written as that workshop's uid, found again when it is in the store, else
    empty until it comes."""
    return [fk.parent.name for fk in table.foreign_keys
            if fk.column.table is sessions and fk.parent.name != "session_id"]


def identity(table: sa.Table) -> tuple[str, ...]:
    """What tells a row from the others: its natural key, else its whole content but for a
    pointer to another workshop (which may be found only by a later import)."""
    loose = set(other_sessions(table))
    return natural_key(table) or tuple(c.name for c in table.c
                                       if c.name not in {"id", *loose})


def binary_columns(table: sa.Table) -> list[str]:
    return [c.name for c in table.c if isinstance(c.type, sa.LargeBinary)]


def json_columns(table: sa.Table) -> set[str]:
    return {c.name for c in table.c if isinstance(c.type, sa.JSON)}


# --- values: a row as JSON and back -----------------------------------------------------------
def utc(value: datetime) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def encode(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """A store row as JSON values: times in ISO 8601 (UTC)."""
    out = {}
    for name, value in row.items():
        column = table.c[name]
        if value is not None and isinstance(column.type, sa.DateTime):
            value = utc(value).isoformat()
        out[name] = value
    return out


def decode(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """An archived row as store values; columns this store does not know are left out."""
    out = {}
    for name, value in row.items():
        if name not in table.c:
            continue
        if value is not None and isinstance(table.c[name].type, sa.DateTime):
            value = utc(datetime.fromisoformat(value))
        out[name] = value
    return out


def comparable(table: sa.Table, row: dict[str, Any], columns) -> tuple:
    """The row's values in one form whichever store they came from (SQLite gives naive
    times, PostgreSQL aware ones; JSON compared by content)."""
    found = []
    for name in columns:
        value = row.get(name)
        if value is not None and isinstance(table.c[name].type, sa.DateTime):
            value = utc(value).isoformat()
        elif value is not None and isinstance(table.c[name].type, sa.JSON):
            value = json.dumps(value, sort_keys=True)
        elif isinstance(value, memoryview):
            value = bytes(value)
        found.append(value)
    return tuple(found)


# --- ids inside JSON ------------------------------------------------------------------------
def answer_body(body: dict[str, Any], lookups: dict[str, Lookup]) -> dict[str, Any]:
    """An answer's body with the ids it holds changed: the item a duplicate was merged into,
    the worse idea an inversion turns around, the stored photo, the answers a ballot's dots
    are on (a theme's key, "t2", is not an id and stays)."""
    answer, photo = lookups["contributions"], lookups["photos"]
    out = dict(body)
    for name in ("merged_into", "source_id"):
        if out.get(name) is not None:
            out[name] = answer(out[name])
    if out.get("photo") is not None:
        out["photo"] = photo(out["photo"])
    if isinstance(out.get("dots"), dict):
        dots = {}
        for key, count in out["dots"].items():
            if str(key).isdigit():
                key = answer(key)
                if key is None:
                    continue
            dots[str(key)] = count
        out["dots"] = dots
    return out


def board_data(row: dict[str, Any], lookups: dict[str, Lookup]) -> dict[str, Any]:
    return boards.carried(row["name"], row["data"], lookups["contributions"],
                          lookups["participants"])


# (table, JSON column) -> the function rewriting that column, given the whole row.
JSON_REFERENCES: dict[tuple[str, str], Callable[[dict[str, Any], dict[str, Lookup]], Any]] = {
    ("contributions", "body"): lambda row, lookups: answer_body(row["body"], lookups),
    ("boards", "data"): board_data,
}
