"""Escape for spreadsheets: a cell must never become a formula, nor carry what XML refuses.

Excel and LibreOffice read a CSV cell or an XLSX string starting with ``= + - @``, a tab or a
carriage return as a formula (``=HYPERLINK(...)`` phishes, ``=cmd|...`` runs). The door cleans
text once; these exits still neutralise, because labels, roles and tables reach them too.
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
