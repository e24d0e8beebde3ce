"""Escape for spreadsheets: a cell must never become a formula, nor carry what XML refuses.

Excel and LibreOffice read a CSV cell starting with ``= + - @``, a tab or a carriage return
as a formula (``=HYPERLINK(...)`` phishes, ``=cmd|...`` runs): the organisers' CSV, opened by a
double click, gets ``cell`` (a leading apostrophe). The workbook needs none: its text cells are
typed as text (``text_cell``), which no spreadsheet evaluates, so people read what they wrote.
Open data is not neutralised at all: its values are what people wrote, for programs to read.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 refuses: a last guard, so one stray byte never sinks a whole export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop what no XML document (XLSX, PPTX) may hold; the door normally did already."""
    return _NOT_XML.sub("", text)


def text_cell(sheet: Any, value: Any) -> Any:
    """A workbook cell: a text is typed as text (openpyxl ``data_type = "s"``, an inline string
    that no spreadsheet reads as a formula), kept as written; other values as they are."""
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value=xml_safe(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        written.data_type = "s"
    return written


def cell(value: Any) -> Any:
    """A value ready for a spreadsheet cell: texts that would start a formula get a leading
    apostrophe, the convention both Excel and LibreOffice show as plain text."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values: list[Any]) -> list[Any]:
    return [cell(v) for v in values]
