"""The names of a workbook's sheets, decided once: the workbook names its sheets with them
and a slide that cuts a list names the sheet that has the rest."""

from __future__ import annotations

import re

from . import records

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


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


def phase_sheets(w: records.Workshop) -> dict[str, str]:
    """phase id -> the name of its sheet, as ``write_xlsx`` names them (phases come first),
    so a slide that cuts a list can say where the rest is."""
    taken: set[str] = set()
    return {phase.id: sheet_name(phase.title.get(w.lang), taken) for phase in w.exercise.phases}
