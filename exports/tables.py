"""CSV for spreadsheets opened by a double click: UTF-8 with a BOM (so Excel reads accents)
and ``;`` by default (French Excel splits on it); ``,`` on request. Cells are neutralised
unless the file is open data (``neutralise=False``: programs read it, values stay verbatim)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from . import records
from .neutralise import cell

SEPARATORS = (";", ",")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, bool):
        return "1" if value else "0"
    if value is None:
        return ""
    return value


def _same(value: Any) -> Any:
    return value


def write_table(table: records.Table, path: Path, *, headers: list[str], sep: str = ";",
                bom: bool = True, neutralise: bool = True) -> Path:
    if sep not in SEPARATORS:
        raise ValueError(f"separator must be one of {SEPARATORS}, not {sep!r}")
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        written = cell if neutralise else _same
        writer.writerow([written(h) for h in headers])
        for row in table.rows:
            writer.writerow([written(_plain(v)) for v in row])
    return path


def write_csv(w: records.Workshop, path: Path, *, sep: str = ";") -> Path:
    """Every answer, hidden ones flagged, with the same columns as the workbook's raw sheet."""
    table = records.contributions(w, labels=True, include_hidden=True, title=w._("raw"))
    return write_table(table, path, headers=[w._(c.header) for c in table.columns], sep=sep)
