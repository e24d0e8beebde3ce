"""The workbook organisers work in: one sheet per phase, then participants, votes and raw.

Every text cell is typed as text (``neutralise.text_cell``), so no participant's answer can
become a formula and each reads as written; full texts live here (the deck shortens them).
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from palabre.i18n import Translator

from . import records
from .follow_ups import any_here, follow_up_table
from .neutralise import text_cell, xml_safe
from .sheets import sheet_name

TEXT_WIDTH = 80  # characters: wide enough to read an idea, wrapped
NARROW_WIDTH = 14
DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"
WIDE_KEYS = {"text", "item_text", "label", "phase_title", "choices", "option", "quote", "words",
             "title", "question"}


def _write(book: Workbook, table: records.Table, _: Translator, taken: set[str]) -> None:
    """One sheet, streamed (write-only mode): widths and frozen header set before the rows,
    long texts wrapped, dates in ISO order."""
    sheet = book.create_sheet(sheet_name(table.title, taken))
    wide = [column.key in WIDE_KEYS for column in table.columns]
    for index, is_wide in enumerate(wide, 1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            TEXT_WIDTH if is_wide else NARROW_WIDTH)
    sheet.freeze_panes = "A2"

    def style(**settings) -> StyleArray:
        """Register a style once; cells then take a copy of its indices (setting a font or
        an alignment on each cell looks it up in the workbook's lists every time)."""
        proto = WriteOnlyCell(sheet)
        for name, setting in settings.items():
            setattr(proto, name, setting)
        return proto._style  # noqa: SLF001 - openpyxl's own per-cell style record

    def styled(value, with_style: StyleArray | None = None) -> WriteOnlyCell:
        written = text_cell(sheet, value)
        if with_style is not None:
            written._style = copy(with_style)  # noqa: SLF001
        return written

    bold = style(font=Font(bold=True))
    wrap = style(alignment=Alignment(wrap_text=True, vertical="top"))
    dated = style(number_format=DATE_FORMAT)
    sheet.append([styled(_(c.header), bold) for c in table.columns])
    dates = [column.type == "datetime" for column in table.columns]
    for row in table.rows:
        sheet.append([
            styled(value, wrap) if is_wide
            else styled(value, dated) if is_date
            else text_cell(sheet, value) if isinstance(value, str)
            else value
            for value, is_wide, is_date in zip(row, wide, dates, strict=True)])


def write_xlsx(w: records.Workshop, path: Path) -> Path:
    tables = [records.phase_table(w, phase) for phase in w.exercise.phases]
    if any_here(w):  # « Suites données », right after the phases (follow_up_sheet)
        tables.append(follow_up_table(w, labels=True))
    tables += [records.participants(w, labels=True), records.votes(w, labels=True),
               records.contributions(w, labels=True, include_hidden=True, title=w._("raw"))]
    return write_book(tables, path, _=w._, title=w.session.title)


def write_book(tables: list[records.Table], path: Path, *, _: Translator, title: str) -> Path:
    """One sheet per table, in order, streamed."""
    book = Workbook(write_only=True)
    taken: set[str] = set()
    for table in tables:
        _write(book, table, _, taken)
    book.properties.title = xml_safe(title)
    book.save(path)
    return path
