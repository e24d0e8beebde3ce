"""The workbook organisers work in: one sheet per phase, then participants, votes and raw.

Every text cell goes through ``neutralise.cell``, so no participant's answer can become a
formula, and full texts live here (the deck shortens them).
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from . import records
from .neutralise import cell

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
TEXT_WIDTH = 80  # characters: wide enough to read an idea, wrapped
NARROW_WIDTH = 14
WIDE_KEYS = {"text", "item_text", "label", "phase_title", "choices", "option"}


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: 31 characters at most, none of []:*?/\\, not blank, unique (any case)."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'") or "sheet"
    base = base[:SHEET_NAME_MAX].strip()
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def _write(book: Workbook, table: records.Table, w: records.Workshop, taken: set[str]) -> None:
    sheet = book.create_sheet(sheet_name(table.title, taken))
    sheet.append([cell(w._(c.header)) for c in table.columns])
    for header in sheet[1]:
        header.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell(v) for v in row])
    for index, column in enumerate(table.columns, 1):
        letter = get_column_letter(index)
        wide = column.key in WIDE_KEYS
        sheet.column_dimensions[letter].width = TEXT_WIDTH if wide else NARROW_WIDTH
        if column.type == "datetime":
            for (value,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                value.number_format = "yyyy-mm-dd hh:mm:ss"
        if wide:
            for (value,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                value.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def write_xlsx(w: records.Workshop, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for phase in w.exercise.phases:
        _write(book, records.phase_table(w, phase), w, taken)
    _write(book, records.participants(w, labels=True), w, taken)
    _write(book, records.votes(w, labels=True), w, taken)
    _write(book, records.contributions(w, labels=True, include_hidden=True, title=w._("raw")),
           w, taken)
    book.properties.title = cell(w.session.title)
    book.save(path)
    return path
